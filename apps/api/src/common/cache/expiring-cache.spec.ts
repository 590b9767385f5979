import { describe, expect, it } from 'vitest';
import { ExpiringCache } from './expiring-cache.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('ExpiringCache', () => {
  it('reuses a value until its time is up, then loads it again', async () => {
    let now = 1_000;
    let loads = 0;
    const cache = new ExpiringCache<number>({ ttlMs: 100, now: () => now });
    const load = async () => ++loads;
    expect(await cache.get('a', load)).toBe(1);
    now += 99;
    expect(await cache.get('a', load)).toBe(1);
    now += 1;
    expect(await cache.get('a', load)).toBe(2);
  });

  it('refreshing ahead, a hit near its end answers at once and is loaded again in the background (once), so steady callers never wait', async () => {
    let now = 1_000;
    let loads = 0;
    const next = deferred<number>();
    const cache = new ExpiringCache<number>({ ttlMs: 100, refreshAheadMs: 30, now: () => now });
    expect(await cache.get('a', async () => ++loads)).toBe(1);
    now += 69; // 31 ms left: no refresh yet
    expect(await cache.get('a', async () => ++loads)).toBe(1);
    expect(loads).toBe(1);
    now += 1; // 30 ms left: the old value now, one load behind it
    const slowLoad = () => {
      loads++;
      return next.promise;
    };
    expect(await cache.get('a', slowLoad)).toBe(1);
    expect(await cache.get('a', slowLoad)).toBe(1);
    expect(loads).toBe(2);
    next.resolve(7);
    await next.promise;
    await Promise.resolve();
    now += 50; // past the first entry's end: the refreshed one answers, with no load
    expect(await cache.get('a', async () => ++loads)).toBe(7);
    expect(loads).toBe(2);
  });

  it('a failed refresh ahead leaves the entry to expire as usual, then the next caller loads', async () => {
    let now = 0;
    const cache = new ExpiringCache<string>({ ttlMs: 100, refreshAheadMs: 50, now: () => now });
    await cache.get('a', async () => 'first');
    now = 60;
    expect(await cache.get('a', () => Promise.reject(new Error('database down')))).toBe('first');
    await new Promise((r) => setImmediate(r));
    now = 99;
    expect(cache.peek('a')).toBe('first');
    now = 100;
    expect(await cache.get('a', async () => 'second')).toBe('second');
  });

  it('gives concurrent misses of one key one load', async () => {
    const cache = new ExpiringCache<string>({ ttlMs: 1_000 });
    const row = deferred<string>();
    let loads = 0;
    const load = () => {
      loads++;
      return row.promise;
    };
    const both = Promise.all([cache.get('a', load), cache.get('a', load)]);
    row.resolve('row');
    expect(await both).toEqual(['row', 'row']);
    expect(loads).toBe(1);
  });

  it('does not keep what a load read when its key was deleted while it ran: the next read loads afresh', async () => {
    const cache = new ExpiringCache<string>({ ttlMs: 60_000 });
    const old = deferred<string>();
    const first = cache.get('a', () => old.promise);
    cache.delete('a'); // a change was announced while the old row was on its way
    old.resolve('before the change');
    expect(await first).toBe('before the change');
    expect(await cache.get('a', async () => 'after the change')).toBe('after the change');
    expect(await cache.get('a', async () => 'not loaded again')).toBe('after the change');
  });

  it('keeps a value set first-hand over a load that was running', async () => {
    const cache = new ExpiringCache<string>({ ttlMs: 60_000 });
    const old = deferred<string>();
    const running = cache.get('a', () => old.promise);
    cache.set('a', 'written');
    old.resolve('read before the write');
    await running;
    expect(await cache.get('a', async () => 'loaded')).toBe('written');
  });

  it('keeps no failed load', async () => {
    const cache = new ExpiringCache<string>({ ttlMs: 60_000 });
    await expect(cache.get('a', async () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await cache.get('a', async () => 'row')).toBe('row');
  });

  it('lets the oldest entry go past maxEntries', async () => {
    const cache = new ExpiringCache<string>({ ttlMs: 60_000, maxEntries: 2 });
    for (const key of ['a', 'b', 'c']) await cache.get(key, async () => key);
    expect(cache.size).toBe(2);
    expect(await cache.get('a', async () => 'a again')).toBe('a again');
    expect(await cache.get('c', async () => 'c again')).toBe('c');
  });
  it('amends kept values in place without extending their life, and keeps no load that was running', async () => {
    let now = 1_000;
    const cache = new ExpiringCache<{ days: string[] }>({ ttlMs: 100, now: () => now });
    await cache.get('clinic-1|window', async () => ({ days: ['mon'] }));
    await cache.get('clinic-2|window', async () => ({ days: ['mon'] }));
    const old = deferred<{ days: string[] }>();
    const running = cache.get('clinic-1|other', () => old.promise);
    now += 50;
    cache.amend((key) => key.startsWith('clinic-1|'), (value) => value.days.push('tue'));
    expect((await cache.get('clinic-1|window', async () => ({ days: [] }))).days).toEqual(['mon', 'tue']);
    expect((await cache.get('clinic-2|window', async () => ({ days: [] }))).days).toEqual(['mon']);
    old.resolve({ days: ['read before the write'] });
    await running;
    expect((await cache.get('clinic-1|other', async () => ({ days: ['loaded after'] }))).days).toEqual(['loaded after']);
    // still the life it was loaded with
    now += 50;
    expect((await cache.get('clinic-1|window', async () => ({ days: ['reloaded'] }))).days).toEqual(['reloaded']);
  });

  it('deletes every key that matches, and keeps no load of one that was running', async () => {
    const cache = new ExpiringCache<string>({ ttlMs: 60_000 });
    await cache.get('clinic-1|a', async () => 'kept 1a');
    await cache.get('clinic-2|a', async () => 'kept 2a');
    const old = deferred<string>();
    const running = cache.get('clinic-1|b', () => old.promise);
    cache.deleteWhere((key) => key.startsWith('clinic-1|'));
    old.resolve('read before');
    await running;
    expect(await cache.get('clinic-1|a', async () => 'reloaded 1a')).toBe('reloaded 1a');
    expect(await cache.get('clinic-1|b', async () => 'reloaded 1b')).toBe('reloaded 1b');
    expect(await cache.get('clinic-2|a', async () => 'reloaded 2a')).toBe('kept 2a');
  });
});
