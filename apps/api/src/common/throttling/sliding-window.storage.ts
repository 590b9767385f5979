import type { ThrottlerStorage } from '@nestjs/throttler';

/** How finely a window is counted: a window of 60 s counts in 1 s steps. */
const BUCKETS = 60;

interface Counter {
  /** ms per step */
  width: number;
  /** hits per step, a ring indexed by step number modulo BUCKETS */
  counts: number[];
  /** the step of the latest increment */
  step: number;
  total: number;
  blockedUntil: number;
}

type StorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * The rate limits' counters (ThrottlerModule `storage`), in memory per replica like the library's
 * own, but O(1) per request: the library's storage keeps one timestamp per hit and filters the
 * whole list on every request (and spreads it into Math.min, which throws past ~100k hits), so a
 * request costs more the more hits its window holds — one busy clinic's webhook key made it the
 * most expensive step of a `get_clinic_info` delivery. Here a window of `ttl` is counted in BUCKETS steps of `ttl / BUCKETS`:
 * the hits of the last 59–60 s count (docs/rate-limits.md), a refused request does not count, and
 * `Retry-After` is the time until the oldest counted step leaves the window.
 */
export class SlidingWindowThrottlerStorage implements ThrottlerStorage {
  private readonly counters = new Map<string, Counter>();
  private lastSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<StorageRecord> {
    const now = this.now();
    this.sweep(now, ttl);
    const width = Math.max(1, Math.ceil(ttl / BUCKETS));
    const step = Math.floor(now / width);
    const id = `${throttlerName}\u0000${key}`;
    let counter = this.counters.get(id);
    if (!counter || counter.width !== width) {
      counter = { width, counts: new Array<number>(BUCKETS).fill(0), step, total: 0, blockedUntil: 0 };
      this.counters.set(id, counter);
    }
    advance(counter, step);
    const expiresIn = (fromStep: number) => Math.max(1, Math.ceil(((fromStep + BUCKETS) * width - now) / 1000));
    const oldest = () => oldestStep(counter, step);

    if (blockDuration > 0 && counter.blockedUntil > now) {
      return { totalHits: counter.total + 1, timeToExpire: expiresIn(oldest()), isBlocked: true, timeToBlockExpire: Math.ceil((counter.blockedUntil - now) / 1000) };
    }
    if (counter.total >= limit && blockDuration <= 0) {
      const retry = expiresIn(oldest());
      return { totalHits: counter.total + 1, timeToExpire: retry, isBlocked: true, timeToBlockExpire: retry };
    }
    counter.counts[step % BUCKETS] += 1;
    counter.total += 1;
    if (blockDuration > 0 && counter.total > limit) {
      counter.blockedUntil = now + blockDuration;
      return { totalHits: counter.total, timeToExpire: expiresIn(oldest()), isBlocked: true, timeToBlockExpire: Math.ceil(blockDuration / 1000) };
    }
    return { totalHits: counter.total, timeToExpire: expiresIn(oldest()), isBlocked: false, timeToBlockExpire: 0 };
  }

  /** Counters with no hit left (and no block) are forgotten, at most once per window length. */
  private sweep(now: number, ttl: number): void {
    if (now - this.lastSweep < ttl) return;
    this.lastSweep = now;
    for (const [id, counter] of this.counters) {
      advance(counter, Math.floor(now / counter.width));
      if (counter.total === 0 && counter.blockedUntil <= now) this.counters.delete(id);
    }
  }

  /** Counters held (tests). */
  get size(): number {
    return this.counters.size;
  }
}

/** Moves the window to `step`: the steps that left it give back their hits. */
function advance(counter: Counter, step: number): void {
  if (step <= counter.step) return;
  if (step - counter.step >= BUCKETS) {
    counter.counts.fill(0);
    counter.total = 0;
  } else {
    for (let s = counter.step + 1; s <= step; s++) {
      counter.total -= counter.counts[s % BUCKETS];
      counter.counts[s % BUCKETS] = 0;
    }
  }
  counter.step = step;
}

/** The earliest step of the window that holds a hit (the current one when none does). */
function oldestStep(counter: Counter, step: number): number {
  for (let s = step - BUCKETS + 1; s < step; s++) if (counter.counts[s % BUCKETS] > 0) return s;
  return step;
}
