import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { clinicDays } from './clinic-days.js';

describe('clinic days', () => {
  it('every day starts at its own local midnight, also after a DST change that skips midnight (Chile, 2026-09-06)', () => {
    const zone = 'America/Santiago';
    const days = clinicDays('2026-09-05', '2026-09-08', zone);
    expect(days.map((d) => d.date)).toEqual(['2026-09-05', '2026-09-06', '2026-09-07', '2026-09-08']);
    const opening = days.map((d) => DateTime.fromJSDate(d.start, { zone }).toFormat('yyyy-MM-dd HH:mm'));
    // the changeover day has no 0:00: it opens at 1:00; the next days open at 0:00 again
    expect(opening).toEqual(['2026-09-05 00:00', '2026-09-06 01:00', '2026-09-07 00:00', '2026-09-08 00:00']);
  });

  it('a year of Vancouver days, one per date', () => {
    const days = clinicDays('2026-01-01', '2026-12-31', 'America/Vancouver');
    expect(days).toHaveLength(365);
    expect(days.every((d) => DateTime.fromJSDate(d.start, { zone: 'America/Vancouver' }).toISODate() === d.date)).toBe(true);
  });
});
