import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { hourCells } from './call-analytics.service.js';
import { clinicDays, endOfClinicDay } from './clinic-days.js';

/** Every hour asked of Luxon: what the cells must be. */
function hourByHour(first: Date, last: Date, zone: string): number[] {
  const cells: number[] = [];
  for (let t = first.getTime(); t < last.getTime(); t += 3_600_000) {
    const local = DateTime.fromMillis(t, { zone });
    cells.push((local.weekday - 1) * 24 + local.hour);
  }
  return cells;
}

describe('weekday × hour cells of a range of clinic days', () => {
  it.each([
    ['America/Toronto', 'spring forward and fall back'],
    ['America/Vancouver', 'spring forward, then on DST for good'],
    ['America/St_Johns', 'a half-hour offset'],
    ['America/Regina', 'no DST'],
    ['America/Santiago', 'a change that skips midnight'],
    ['Australia/Lord_Howe', 'a half-hour DST change'],
  ])('a year in %s (%s) matches Luxon hour by hour', (zone) => {
    const days = clinicDays('2026-01-01', '2026-12-31', zone);
    const end = endOfClinicDay('2026-12-31', zone);
    expect(hourCells(days, end, zone)).toEqual(hourByHour(days[0].start, end, zone));
  });

  it("Toronto's short and long days: 23 and 25 hours, the repeated hour twice", () => {
    const zone = 'America/Toronto';
    const spring = hourCells(clinicDays('2026-03-08', '2026-03-08', zone), endOfClinicDay('2026-03-08', zone), zone);
    // Sunday (cells 144…167) without 2:00
    expect(spring).toEqual([144, 145, ...Array.from({ length: 21 }, (_, h) => 147 + h)]);
    const fall = hourCells(clinicDays('2026-11-01', '2026-11-01', zone), endOfClinicDay('2026-11-01', zone), zone);
    expect(fall).toEqual([144, 145, 145, ...Array.from({ length: 22 }, (_, h) => 146 + h)]);
  });

  it('a week of ordinary days is Monday 0:00 … Sunday 23:00 in order', () => {
    const zone = 'America/Toronto';
    expect(hourCells(clinicDays('2026-06-01', '2026-06-07', zone), endOfClinicDay('2026-06-07', zone), zone)).toEqual(Array.from({ length: 168 }, (_, c) => c));
  });
});
