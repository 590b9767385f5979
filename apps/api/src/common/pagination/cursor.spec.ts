import type { SelectQueryBuilder } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error.js';
import { decodeCursor, encodeCursor, mapPage, pageQuery, toPage, type ListOrder } from './cursor.js';

const id = '4f1c2a8e-9b7d-4c3e-8a21-0d9e5f6a7b8c';
const position = { keys: ['2026-11-23 17:32:59.123456+00'], id };

function expectInvalidCursor(read: () => unknown, label: string) {
  try {
    read();
    expect.unreachable(label);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('INVALID');
    expect((error as DomainError).fieldErrors[0].field).toBe('cursor');
  }
}

/** Records what `pageQuery` asks of a query builder. */
function recordingQuery() {
  const calls: unknown[][] = [];
  const qb = new Proxy({} as SelectQueryBuilder<object>, {
    get: (_target, method: string) => (...args: unknown[]) => {
      calls.push([method, ...args]);
      return qb;
    },
  });
  return { qb, calls };
}

describe('cursors', () => {
  it('round-trip a position through an opaque base64url token', () => {
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain(position.id);
    expect(decodeCursor(cursor, ['timestamp'])).toEqual(position);
  });

  it('keep microseconds, so rows created in the same millisecond are not skipped', () => {
    const a = decodeCursor(encodeCursor({ ...position, keys: ['2026-11-23T17:32:59.123456Z'] }), ['timestamp']);
    expect(a.keys[0].endsWith('.123456Z')).toBe(true);
  });

  it('carry the keys of every list order: a timestamp, a date, one or two names (any script)', () => {
    const orders: Array<[Parameters<typeof decodeCursor>[1], string[]]> = [
      [['timestamp'], ['2026-11-23T17:32:59.123456Z']],
      [['date'], ['2026-12-25']],
      [['text'], ['Clinique Côte-des-Neiges — 診所 "Ōshima"']],
      [['text', 'text'], ['Chen', 'Amy']],
    ];
    for (const [kinds, keys] of orders) expect(decodeCursor(encodeCursor({ keys, id }), kinds)).toEqual({ keys, id });
  });

  it('refuse anything not made by encodeCursor with a 400 on the cursor field', () => {
    const bad = [
      'not base64!',
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from(JSON.stringify(['yesterday', position.id])).toString('base64url'),
      Buffer.from(JSON.stringify([position.keys[0], "1' OR '1'='1"])).toString('base64url'),
      '',
    ];
    for (const cursor of bad) expectInvalidCursor(() => decodeCursor(cursor, ['timestamp']), cursor);
  });

  it('refuse a cursor of another list: other key count, or a key the list cannot compare (400, not a database error)', () => {
    expectInvalidCursor(() => decodeCursor(encodeCursor({ keys: ['Chen', 'Amy'], id }), ['text']), 'two keys for one');
    expectInvalidCursor(() => decodeCursor(encodeCursor({ keys: ['Harbourview'], id }), ['date']), 'a name for a date');
    expectInvalidCursor(() => decodeCursor(encodeCursor({ keys: ['2026-12-25'], id }), ['timestamp']), 'a date for a timestamp');
    expectInvalidCursor(() => decodeCursor(Buffer.from(JSON.stringify([1, id])).toString('base64url'), ['text']), 'a number key');
  });

  it('build a page: nextCursor points at the last item when there is more, null at the end', () => {
    const rows = [1, 2, 3].map((n) => ({ n, createdAt: `2026-11-2${n} 00:00:00+00`, id: position.id }));
    const at = (r: (typeof rows)[number]) => ({ keys: [r.createdAt], id: r.id });
    const first = toPage(rows, 2, at, (r) => r.n);
    expect(first.items).toEqual([1, 2]);
    expect(decodeCursor(first.nextCursor!, ['timestamp']).keys[0]).toBe('2026-11-22 00:00:00+00');
    expect(toPage(rows, 3, at, (r) => r.n)).toEqual({ items: [1, 2, 3], nextCursor: null });
    expect(toPage(rows, 2, at).items).toEqual(rows.slice(0, 2));
  });

  it('map a page to response items and keep its cursor', () => {
    expect(mapPage({ items: [1, 2], nextCursor: 'abc' }, (n) => `#${n}`)).toEqual({ items: ['#1', '#2'], nextCursor: 'abc' });
  });
});

describe('pageQuery', () => {
  const byName: ListOrder = { keys: [['p.lastName', 'text'], ['p.firstName', 'text']], id: 'p.id' };

  it('orders by the keys then the id and fetches one row more than the page (the first page has no condition)', () => {
    const { qb, calls } = recordingQuery();
    pageQuery(qb, byName, undefined, 20);
    expect(calls).toEqual([
      ['orderBy', 'p.lastName', 'ASC'],
      ['addOrderBy', 'p.firstName', 'ASC'],
      ['addOrderBy', 'p.id', 'ASC'],
      ['take', 21],
    ]);
  });

  it('keeps the rows after the cursor’s position, compared as one row value, in the list’s direction', () => {
    const { qb, calls } = recordingQuery();
    pageQuery(qb, byName, encodeCursor({ keys: ['Chen', 'Amy'], id }), 2);
    expect(calls[0]).toEqual([
      'andWhere',
      '(p.lastName, p.firstName, p.id) > (:cursor_0, :cursor_1, :cursor_2)',
      { cursor_0: 'Chen', cursor_1: 'Amy', cursor_2: id },
    ]);
    const newest = recordingQuery();
    pageQuery(newest.qb, { keys: [['created_at', 'timestamp']], id: 'id', direction: 'DESC' }, encodeCursor(position), 5);
    expect(newest.calls[0][1]).toBe('(created_at, id) < (:cursor_0, :cursor_1)');
    expect(newest.calls.slice(1)).toEqual([
      ['orderBy', 'created_at', 'DESC'],
      ['addOrderBy', 'id', 'DESC'],
      ['take', 6],
    ]);
  });

  it('refuses a cursor that does not fit the order before anything reaches the database', () => {
    const { qb, calls } = recordingQuery();
    expectInvalidCursor(() => pageQuery(qb, { keys: [['h.date', 'date']], id: 'h.id' }, encodeCursor({ keys: ['garbage'], id }), 5), 'garbage date');
    expect(calls).toEqual([]);
  });

  it('reads an empty cursor as the first page', () => {
    const { qb, calls } = recordingQuery();
    pageQuery(qb, byName, '', 5);
    expect(calls.map(([method]) => method)).toEqual(['orderBy', 'addOrderBy', 'addOrderBy', 'take']);
  });
});
