/**
 * What the webhook's clinic caches refresh ahead (their TTL is 15 s): a clinic taking calls has
 * its context reloaded in the background every ~10 s, and no caller waits for that read.
 */
export const HOT_PATH_REFRESH_AHEAD_MS = 5_000;

interface Entry<V> {
  value: V;
  expires: number;
}

export interface ExpiringCacheOptions {
  ttlMs: number;
  /** past this many entries the oldest goes first */
  maxEntries?: number;
  /**
   * Refresh ahead: a hit in the last `refreshAheadMs` of its life is answered at once and loaded
   * again in the background, so steady traffic never waits for a load (an entry is still never
   * older than `ttlMs`; a failed background load leaves the entry to expire as usual).
   */
  refreshAheadMs?: number;
  /** the clock (tests) */
  now?: () => number;
}

/**
 * A small in-process cache for reads on the caller's clock (the Vapi webhook). An entry lives
 * `ttlMs` at most; concurrent misses of one key share one load; and a load that was already
 * running when its key was deleted (a change was announced) is not kept, because it may have read
 * the rows from before the change — so the request after `delete` always reads afresh.
 */
export class ExpiringCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly loading = new Map<string, Promise<V>>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(private readonly options: ExpiringCacheOptions) {
    this.maxEntries = options.maxEntries ?? 5_000;
    this.now = options.now ?? Date.now;
  }

  get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    const now = this.now();
    if (hit && hit.expires > now) {
      const ahead = this.options.refreshAheadMs;
      if (ahead && hit.expires - now <= ahead && !this.loading.has(key)) this.load(key, load).catch(() => undefined);
      return Promise.resolve(hit.value);
    }
    return this.loading.get(key) ?? this.load(key, load);
  }

  /** One load of `key`, shared by every caller that asks while it runs. */
  private load(key: string, load: () => Promise<V>): Promise<V> {
    const loaded: Promise<V> = load().then(
      (value) => {
        // deleted (or set) while loading: what this load read may be older than the change
        if (this.loading.get(key) !== loaded) return value;
        this.loading.delete(key);
        this.store(key, value);
        return value;
      },
      (error: unknown) => {
        if (this.loading.get(key) === loaded) this.loading.delete(key);
        throw error;
      },
    );
    this.loading.set(key, loaded);
    return loaded;
  }

  /** The value kept for `key`, if there is one and it has not expired (nothing is loaded). */
  peek(key: string): V | undefined {
    const hit = this.entries.get(key);
    return hit && hit.expires > this.now() ? hit.value : undefined;
  }

  /** A value known first-hand (just written); a load still running for the key is not kept. */
  set(key: string, value: V): void {
    this.loading.delete(key);
    this.store(key, value);
  }

  /**
   * Changes the kept values of the keys `matches` in place (a change known first-hand, such as a
   * write through this process), without extending their life; loads of those keys running now are
   * not kept, as they may have read from before the change.
   */
  amend(matches: (key: string) => boolean, change: (value: V) => void): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expires > now && matches(key)) change(entry.value);
    for (const key of [...this.loading.keys()]) if (matches(key)) this.loading.delete(key);
  }

  /** `delete` of every key `matches`. */
  deleteWhere(matches: (key: string) => boolean): void {
    for (const key of [...this.entries.keys(), ...this.loading.keys()]) if (matches(key)) this.delete(key);
  }

  delete(key: string): void {
    this.entries.delete(key);
    this.loading.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.loading.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private store(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.now() + this.options.ttlMs });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}
