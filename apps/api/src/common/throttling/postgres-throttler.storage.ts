import type { ThrottlerStorage } from '@nestjs/throttler';
import type { DataSource } from 'typeorm';

/** How finely a window is counted: a window of 60 s counts in 1 s steps (as SlidingWindowThrottlerStorage). */
const BUCKETS = 60;

type StorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Rate-limit counters in PostgreSQL (`rate_limit_hits`), so that every replica counts the same
 * requests: the sign-in, refresh and MFA limits, where N replicas must not allow N × the limit
 * (docs/rate-limits.md). Same window as the in-memory storage: the hits of the last 59–60 s in
 * one-second steps, a refused request does not count, `Retry-After` is the time until the oldest
 * counted step leaves the window. One short transaction per request, serialised per counter by
 * an advisory lock, so parallel requests on several replicas never pass the limit together.
 * Sliding windows only (`blockDuration` 0).
 */
export class PostgresThrottlerStorage implements ThrottlerStorage {
  private lastSweep = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => number = Date.now,
  ) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<StorageRecord> {
    if (blockDuration > 0) throw new Error('PostgresThrottlerStorage counts sliding windows only (blockDuration 0)');
    const now = this.now();
    const width = Math.max(1, Math.ceil(ttl / BUCKETS));
    const step = Math.floor(now / width);
    const first = step - BUCKETS + 1;
    const id = `${throttlerName}:${key}`;
    await this.sweep(now, ttl, throttlerName, first);
    const counted = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [id]);
      await manager.query('DELETE FROM rate_limit_hits WHERE key = $1 AND step < $2', [id, first]);
      const [window]: { total: number; oldest: string | null }[] = await manager.query(
        'SELECT COALESCE(SUM(hits), 0)::int AS total, MIN(step) AS oldest FROM rate_limit_hits WHERE key = $1',
        [id],
      );
      const oldest = window.oldest === null ? step : Number(window.oldest);
      if (window.total >= limit) return { total: window.total, oldest, allowed: false };
      await manager.query(
        'INSERT INTO rate_limit_hits (key, step, hits) VALUES ($1, $2, 1) ON CONFLICT (key, step) DO UPDATE SET hits = rate_limit_hits.hits + 1',
        [id, step],
      );
      return { total: window.total + 1, oldest, allowed: true };
    });
    const expiresIn = Math.max(1, Math.ceil(((counted.oldest + BUCKETS) * width - now) / 1000));
    if (!counted.allowed) return { totalHits: counted.total + 1, timeToExpire: expiresIn, isBlocked: true, timeToBlockExpire: expiresIn };
    return { totalHits: counted.total, timeToExpire: expiresIn, isBlocked: false, timeToBlockExpire: 0 };
  }

  /** Counters of clients that went quiet are deleted, at most once per window length per replica. */
  private async sweep(now: number, ttl: number, throttlerName: string, first: number): Promise<void> {
    if (now - this.lastSweep < ttl) return;
    this.lastSweep = now;
    await this.dataSource.query(`DELETE FROM rate_limit_hits WHERE key LIKE $1 AND step < $2`, [`${throttlerName.replace(/[\\%_]/g, '\\$&')}:%`, first]);
  }
}

/** Each throttler's counters in the storage named for it, the others in `rest`. */
export class ThrottlerStorageByName implements ThrottlerStorage {
  constructor(
    private readonly byName: Record<string, ThrottlerStorage>,
    private readonly rest: ThrottlerStorage,
  ) {}

  increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<StorageRecord> {
    return (this.byName[throttlerName] ?? this.rest).increment(key, ttl, limit, blockDuration, throttlerName);
  }
}
