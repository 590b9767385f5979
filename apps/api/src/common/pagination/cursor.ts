import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { invalidFields } from '../errors/domain-error.js';

/**
 * Keyset pagination. A list is ordered by its sort keys and then the row id (ties broken by id); a
 * page is the rows after the last row of the previous page. The cursor is an opaque base64url
 * token of that row's keys and id: stable under inserts (no skipped or repeated rows, unlike
 * OFFSET) and cheap on an index. Timestamps travel as text with microseconds (PostgreSQL's
 * precision, see `timestampKeySql`), so rows created in the same millisecond are never skipped.
 */

/** What a sort key holds; checked when a cursor is read, so a key the query cannot use is a 400, never a 500. */
export type CursorKey = 'text' | 'date' | 'timestamp';

export interface CursorPosition {
  /** the row's sort keys as text, in the order of the list */
  keys: string[];
  id: string;
}

export interface Page<T> {
  items: T[];
  /** pass as `cursor` for the next page; null on the last page */
  nextCursor: string | null;
}

/** A list's order: its sort keys (SQL expressions with their kinds), then the id column. */
export interface ListOrder {
  keys: ReadonlyArray<readonly [sql: string, kind: CursorKey]>;
  id: string;
  direction?: 'ASC' | 'DESC';
}

export const DEFAULT_PAGE_SIZE = 50;
/** The most rows in a page of users or audit rows. */
export const MAX_PAGE_SIZE = 200;
/** The most rows in a page of clinics or of a clinic's data (holidays, providers). */
export const MAX_CLINIC_PAGE_SIZE = 100;
/** The longest cursor taken: room for a clinic name of 200 characters in any script. */
export const MAX_CURSOR_LENGTH = 1024;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEY_PATTERN: Record<CursorKey, RegExp> = {
  text: /^[\s\S]*$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  timestamp: /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/,
};

/** SQL that writes a timestamptz column as a cursor key: UTC, ISO 8601, with microseconds. */
export function timestampKeySql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([...position.keys, position.id]), 'utf8').toString('base64url');
}

/**
 * The position in a cursor whose keys are of `kinds`; a cursor that was not made by `encodeCursor`
 * for this list is a 400 on `cursor`.
 */
export function decodeCursor(cursor: string, kinds: readonly CursorKey[]): CursorPosition {
  const invalid = () => invalidFields([{ field: 'cursor', message: 'This page link is no longer valid; start again from the first page' }]);
  if (!new RegExp(`^[A-Za-z0-9_-]{1,${MAX_CURSOR_LENGTH}}$`).test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== kinds.length + 1 || !parsed.every((part) => typeof part === 'string')) throw invalid();
  const keys = parsed.slice(0, -1) as string[];
  const id = parsed[parsed.length - 1] as string;
  if (!UUID.test(id) || keys.some((key, i) => !KEY_PATTERN[kinds[i]].test(key))) throw invalid();
  return { keys, id };
}

/**
 * Orders `qb` by `order`, keeps the rows after the cursor's position (none, or an empty cursor:
 * the first page), and fetches `limit + 1` rows: the extra one only says that there is a next page.
 */
export function pageQuery<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  order: ListOrder,
  cursor: string | undefined,
  limit: number,
): SelectQueryBuilder<T> {
  const direction = order.direction ?? 'ASC';
  const columns = [...order.keys.map(([sql]) => sql), order.id];
  const after = cursor ? decodeCursor(cursor, order.keys.map(([, kind]) => kind)) : undefined;
  if (after) {
    const values = [...after.keys, after.id];
    const params = Object.fromEntries(values.map((value, i) => [`cursor_${i}`, value]));
    qb.andWhere(`(${columns.join(', ')}) ${direction === 'ASC' ? '>' : '<'} (${values.map((_v, i) => `:cursor_${i}`).join(', ')})`, params);
  }
  qb.orderBy(columns[0], direction);
  for (const column of columns.slice(1)) qb.addOrderBy(column, direction);
  return qb.take(limit + 1);
}

/** `{items, nextCursor}` from rows fetched with `limit + 1` (the extra row says "there is more"). */
export function toPage<Row, Item = Row>(
  rows: Row[],
  limit: number,
  position: (row: Row) => CursorPosition,
  map: (row: Row) => Item = (row) => row as unknown as Item,
): Page<Item> {
  const page = rows.slice(0, limit);
  const more = rows.length > limit;
  return { items: page.map(map), nextCursor: more && page.length ? encodeCursor(position(page[page.length - 1])) : null };
}

/** The same page with its items mapped (entities to response DTOs). */
export function mapPage<T, U>(page: Page<T>, map: (item: T) => U): Page<U> {
  return { items: page.items.map(map), nextCursor: page.nextCursor };
}
