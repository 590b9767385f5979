import { CircuitState, type IBreaker } from 'cockatiel';

export interface SlidingWindowBreakerOptions {
  /** opens when failures / calls ≥ this ratio (0 < ratio ≤ 1) */
  failureRatio: number;
  /** length of the sliding window, ms */
  windowMs: number;
  /** calls needed in the window before the ratio counts */
  minimumThroughput: number;
  /** bucket length, ms (default: a tenth of the window, at least 100 ms) */
  bucketMs?: number;
}

interface Bucket {
  startedAt: number;
  failures: number;
  successes: number;
}

/**
 * Opens at ≥ `failureRatio` failures over the last `windowMs`, once at least `minimumThroughput`
 * calls were seen. cockatiel's SamplingBreaker opens only strictly above its threshold and counts
 * throughput per second; a clinic makes few EMR calls, so a call count reads more naturally.
 */
export class SlidingWindowBreaker implements IBreaker {
  private buckets: Bucket[] = [];
  private readonly bucketMs: number;

  constructor(private readonly options: SlidingWindowBreakerOptions) {
    if (!(options.failureRatio > 0 && options.failureRatio <= 1)) throw new RangeError('failureRatio must be in (0, 1]');
    if (options.minimumThroughput < 1) throw new RangeError('minimumThroughput must be at least 1');
    this.bucketMs = options.bucketMs ?? Math.max(100, Math.round(options.windowMs / 10));
  }

  get state(): unknown {
    return { buckets: this.buckets.map((b) => ({ ...b })) };
  }

  set state(value: unknown) {
    this.buckets = ((value as { buckets?: Bucket[] })?.buckets ?? []).map((b) => ({ ...b }));
  }

  /** Calls and failures currently in the window. */
  counts(now = Date.now()): { calls: number; failures: number } {
    this.prune(now);
    let failures = 0;
    let successes = 0;
    for (const bucket of this.buckets) {
      failures += bucket.failures;
      successes += bucket.successes;
    }
    return { calls: failures + successes, failures };
  }

  success(state: CircuitState): void {
    if (state === CircuitState.HalfOpen) this.buckets = [];
    this.bucket(Date.now()).successes += 1;
  }

  failure(state: CircuitState): boolean {
    const now = Date.now();
    this.bucket(now).failures += 1;
    if (state !== CircuitState.Closed) return true;
    const { calls, failures } = this.counts(now);
    if (calls < this.options.minimumThroughput) return false;
    const open = failures / calls >= this.options.failureRatio;
    if (open) this.buckets = [];
    return open;
  }

  private bucket(now: number): Bucket {
    this.prune(now);
    const last = this.buckets[this.buckets.length - 1];
    if (last && now - last.startedAt < this.bucketMs) return last;
    const fresh = { startedAt: now, failures: 0, successes: 0 };
    this.buckets.push(fresh);
    return fresh;
  }

  private prune(now: number): void {
    const oldest = now - this.options.windowMs;
    while (this.buckets.length && this.buckets[0].startedAt + this.bucketMs <= oldest) this.buckets.shift();
  }
}
