import { InvalidInputError } from '../errors/domain-error.js';

/**
 * Keyset pagination over (created_at, id): the cursor is an opaque base64url token of the last
 * row's position. Stable under inserts (no skipped or repeated rows, unlike OFFSET) and cheap on
 * an index. Timestamps travel with microseconds (PostgreSQL's precision) as text, so rows created
 * in the same millisecond are never skipped.
 */
export interface CursorPosition {
  /** PostgreSQL timestamptz text with microseconds, e.g. `2026-11-23 17:32:59.123456+00` */
  createdAt: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id]), 'utf8').toString('base64url');
}

/** The position in a cursor; a cursor that was not made by `encodeCursor` is a 400 on `cursor`. */
export function decodeCursor(cursor: string): CursorPosition {
  const invalid = () => new InvalidInputError('Invalid request: cursor', [{ field: 'cursor', message: 'cursor is not valid; start again from the first page' }]);
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw invalid();
  const [createdAt, id] = parsed;
  if (typeof createdAt !== 'string' || !TIMESTAMP.test(createdAt) || typeof id !== 'string' || !UUID.test(id)) throw invalid();
  return { createdAt, id };
}

/** `{items, nextCursor}` from a page fetched with `limit + 1` rows (the extra row says "there is more"). */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  position: (row: Row) => CursorPosition,
  map: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const more = rows.length > limit;
  return { items: page.map(map), nextCursor: more && page.length ? encodeCursor(position(page[page.length - 1])) : null };
}
