import { IANAZone } from 'luxon';

/**
 * Luxon asks `Intl.DateTimeFormat` for a named zone's offset on every conversion, which costs tens
 * of microseconds each: reading a month of a busy provider's appointments (thousands of instants,
 * several conversions each) took most of a second of CPU. Offsets only change at a zone's
 * transitions, so they are remembered per zone and per clock hour — and only for an hour whose
 * first and last millisecond have the same offset (an hour holding a transition is computed
 * exactly every time). Installed once, on import.
 */
const HOUR_MS = 3_600_000;
const MAX_HOURS = 100_000;
const INSTALLED = Symbol.for('voicedesk.zoneOffsetCache');

type OffsetFn = (this: IANAZone, ts: number) => number;

const proto = IANAZone.prototype as unknown as { offset: OffsetFn; [INSTALLED]?: true };
if (!proto[INSTALLED]) {
  const exact = proto.offset;
  const caches = new WeakMap<IANAZone, Map<number, number>>();
  proto.offset = function cachedOffset(this: IANAZone, ts: number): number {
    if (!Number.isFinite(ts)) return exact.call(this, ts);
    const hour = Math.floor(ts / HOUR_MS);
    let cache = caches.get(this);
    if (!cache) caches.set(this, (cache = new Map()));
    const known = cache.get(hour);
    if (known !== undefined) return known;
    const first = exact.call(this, hour * HOUR_MS);
    const last = exact.call(this, hour * HOUR_MS + HOUR_MS - 1);
    if (first !== last || Number.isNaN(first)) return exact.call(this, ts);
    if (cache.size >= MAX_HOURS) cache.clear();
    cache.set(hour, first);
    return first;
  };
  proto[INSTALLED] = true;
}

export {};
