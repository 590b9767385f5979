import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error.js';
import { decodeCursor, encodeCursor, toPage } from './cursor.js';

const position = { createdAt: '2026-11-23 17:32:59.123456+00', id: '4f1c2a8e-9b7d-4c3e-8a21-0d9e5f6a7b8c' };

describe('cursors', () => {
  it('round-trip a position through an opaque base64url token', () => {
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain(position.id);
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it('keep microseconds, so rows created in the same millisecond are not skipped', () => {
    const a = decodeCursor(encodeCursor({ ...position, createdAt: '2026-11-23 17:32:59.123456+00' }));
    expect(a.createdAt.endsWith('.123456+00')).toBe(true);
  });

  it('refuse anything not made by encodeCursor with a 400 on the cursor field', () => {
    const bad = [
      'not base64!',
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from(JSON.stringify(['yesterday', position.id])).toString('base64url'),
      Buffer.from(JSON.stringify([position.createdAt, "1' OR '1'='1"])).toString('base64url'),
      '',
    ];
    for (const cursor of bad) {
      try {
        decodeCursor(cursor);
        expect.unreachable(cursor);
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).code).toBe('INVALID');
        expect((error as DomainError).fieldErrors[0].field).toBe('cursor');
      }
    }
  });

  it('build a page: nextCursor points at the last item when there is more, null at the end', () => {
    const rows = [1, 2, 3].map((n) => ({ n, createdAt: `2026-11-2${n} 00:00:00+00`, id: position.id }));
    const first = toPage(rows, 2, (r) => r, (r) => r.n);
    expect(first.items).toEqual([1, 2]);
    expect(decodeCursor(first.nextCursor!).createdAt).toBe('2026-11-22 00:00:00+00');
    expect(toPage(rows, 3, (r) => r, (r) => r.n)).toEqual({ items: [1, 2, 3], nextCursor: null });
  });
});
