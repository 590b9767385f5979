import { describe, expect, it } from 'vitest';
import { SlidingWindowThrottlerStorage } from './sliding-window.storage.js';

const MINUTE = 60_000;

describe('SlidingWindowThrottlerStorage', () => {
  it('counts the hits of the last minute, refuses the one over the limit without counting it, and lets one more in when the oldest second leaves', async () => {
    let now = 1_000_000_000_000; // on a second boundary
    const storage = new SlidingWindowThrottlerStorage(() => now);
    const hit = () => storage.increment('k', MINUTE, 3, 0, 'webhook');
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

  it('keeps keys and throttlers apart', async () => {
    const storage = new SlidingWindowThrottlerStorage(() => 5_000);
    expect((await storage.increment('a', MINUTE, 1, 0, 'webhook')).isBlocked).toBe(false);
    expect((await storage.increment('b', MINUTE, 1, 0, 'webhook')).isBlocked).toBe(false);
    expect((await storage.increment('a', MINUTE, 1, 0, 'auth')).isBlocked).toBe(false);
    expect((await storage.increment('a', MINUTE, 1, 0, 'webhook')).isBlocked).toBe(true);
  });

  it('blocks for blockDuration once the limit is passed, when one is set', async () => {
    let now = 0;
    const storage = new SlidingWindowThrottlerStorage(() => now);
    await storage.increment('k', MINUTE, 1, 90_000, 'default');
    expect(await storage.increment('k', MINUTE, 1, 90_000, 'default')).toMatchObject({ isBlocked: true, timeToBlockExpire: 90 });
    now += 61_000; // the window is empty again, the block is not over
    expect(await storage.increment('k', MINUTE, 1, 90_000, 'default')).toMatchObject({ isBlocked: true, timeToBlockExpire: 29 });
    now += 30_000;
    expect((await storage.increment('k', MINUTE, 1, 90_000, 'default')).isBlocked).toBe(false);
  });

  it('forgets counters whose window has emptied', async () => {
    let now = 0;
    const storage = new SlidingWindowThrottlerStorage(() => now);
    for (let i = 0; i < 100; i++) await storage.increment(`caller-${i}`, MINUTE, 10, 0, 'default');
    expect(storage.size).toBe(100);
    now += 2 * MINUTE;
    await storage.increment('someone', MINUTE, 10, 0, 'default');
    expect(storage.size).toBe(1);
  });
});
