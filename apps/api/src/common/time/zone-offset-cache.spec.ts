import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import './zone-offset-cache.js';

describe('the zone offset cache', () => {
  it('gives the same offsets as Intl on both sides of a DST change, minute by minute, twice (the second from the cache) (Toronto, spring and autumn 2027)', () => {
    const zone = IANAZone.create('America/Toronto');
    for (const day of ['2027-03-14', '2027-11-07']) {
      const from = DateTime.fromISO(`${day}T00:00`, { zone: 'UTC' }).toMillis();
      for (let ts = from; ts < from + 12 * 3_600_000; ts += 60_000) {
        const viaIntl = Number(
          new Intl.DateTimeFormat('en-US', { timeZone: 'America/Toronto', timeZoneName: 'longOffset' }).formatToParts(ts).find((p) => p.type === 'timeZoneName')?.value.replace(/GMT([+-]\d{2}):(\d{2})/, (_, h: string, m: string) => String(Number(h) * 60 + Math.sign(Number(h)) * Number(m))),
        );
        expect(zone.offset(ts)).toBe(viaIntl);
        expect(zone.offset(ts)).toBe(viaIntl);
      }
    }
  });

  it('British Columbia stays at UTC−7 all year (tzdata 2026b), through what used to be the November change', () => {
    const noon = DateTime.fromISO('2026-11-15T12:00', { zone: 'America/Vancouver' });
    expect(noon.offset).toBe(-420);
    expect(noon.plus({ minutes: 30 }).toISO()).toBe('2026-11-15T12:30:00.000-07:00');
  });
});
