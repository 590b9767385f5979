import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../../libs/testing/src/database.js';
import { PostgresThrottlerStorage } from './postgres-throttler.storage.js';

const MINUTE = 60_000;

describe('PostgresThrottlerStorage (the sign-in limits every replica shares)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it('counts the hits of the last minute, refuses the one over the limit without counting it, and lets one more in when the oldest second leaves', async () => {
    let now = 1_000_000_000_000; // on a second boundary
    const storage = new PostgresThrottlerStorage(db.dataSource, () => now);
    const hit = () => storage.increment('window', MINUTE, 3, 0, 'auth');
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
    now += 20_000;
    await hit();
    await hit();
    const refused = await hit();
    expect(refused).toMatchObject({ isBlocked: true, totalHits: 4 });
    // the first hit leaves the window 60 s after its second began: 40 s from now
    expect(refused.timeToBlockExpire).toBe(40);
    now += 39_000;
    expect((await hit()).isBlocked).toBe(true);
    now += 1_000;
    expect(await hit()).toMatchObject({ isBlocked: false, totalHits: 3 });
    expect((await hit()).isBlocked).toBe(true);
  });

  it('two replicas (two storages) count one window: together they let the limit through, not twice the limit', async () => {
    const now = () => 2_000_000_000_000;
    const a = new PostgresThrottlerStorage(db.dataSource, now);
    const b = new PostgresThrottlerStorage(db.dataSource, now);
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).increment('shared', MINUTE, 10, 0, 'auth')));
    expect(answers.filter((answer) => !answer.isBlocked)).toHaveLength(10);
  });

  it('keeps keys and throttlers apart, and forgets steps that left the window', async () => {
    let now = 3_000_000_000_000;
    const storage = new PostgresThrottlerStorage(db.dataSource, () => now);
    expect((await storage.increment('a', MINUTE, 1, 0, 'auth')).isBlocked).toBe(false);
    expect((await storage.increment('b', MINUTE, 1, 0, 'auth')).isBlocked).toBe(false);
    expect((await storage.increment('a', MINUTE, 1, 0, 'other')).isBlocked).toBe(false);
    expect((await storage.increment('a', MINUTE, 1, 0, 'auth')).isBlocked).toBe(true);
    now += 2 * MINUTE;
    expect((await storage.increment('a', MINUTE, 1, 0, 'auth')).isBlocked).toBe(false);
    const rows = await db.dataSource.query(`SELECT key FROM rate_limit_hits WHERE key LIKE 'auth:%' ORDER BY key`);
    // `auth:b` went quiet: swept with the window; `auth:a` keeps only its current step
    expect(rows).toEqual([{ key: 'auth:a' }]);
  });
});
