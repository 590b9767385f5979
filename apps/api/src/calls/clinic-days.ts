import { DateTime } from 'luxon';

/**
 * Days at a clinic as instants (STYLE.md: zone arithmetic in Node with Luxon, never in SQL). A day
 * `YYYY-MM-DD` in `zone` runs from its local midnight to the next one (23 or 25 hours on a DST
 * change), so a query can bound `timestamptz` columns by plain UTC instants.
 */

/** The first instant of `date` in `zone`. */
export function startOfClinicDay(date: string, zone: string): Date {
  return DateTime.fromISO(date, { zone }).startOf('day').toJSDate();
}

/** The first instant after `date` in `zone` (an exclusive upper bound). */
export function endOfClinicDay(date: string, zone: string): Date {
  return DateTime.fromISO(date, { zone }).startOf('day').plus({ days: 1 }).toJSDate();
}

/** Today at the clinic, `YYYY-MM-DD`. */
export function clinicToday(zone: string, now: Date = new Date()): string {
  return DateTime.fromJSDate(now, { zone }).toISODate()!;
}

/**
 * The calendar days from `from` to `to` (inclusive), each with the instant it starts at the clinic.
 * Each day's start is its own local midnight (not the previous start plus a day: after a change
 * that skips midnight, as Chile's does, that would start every later day at 01:00).
 */
export function clinicDays(from: string, to: string, zone: string): { date: string; start: Date }[] {
  const days: { date: string; start: Date }[] = [];
  for (let date = from; date <= to; date = nextDate(date)) days.push({ date, start: startOfClinicDay(date, zone) });
  return days;
}

/** The calendar day after `date` (calendar arithmetic, the same in every zone; cheaper than Luxon over a year of days). */
function nextDate(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`, both counted. */
export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days) + 1;
}

/** The calendar day `days` after (or before) `date`. */
export function shiftDate(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}
