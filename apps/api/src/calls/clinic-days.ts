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

/** The calendar days from `from` to `to` (inclusive), each with the instant it starts at the clinic. */
export function clinicDays(from: string, to: string, zone: string): { date: string; start: Date }[] {
  const days: { date: string; start: Date }[] = [];
  for (let day = DateTime.fromISO(from, { zone }).startOf('day'); day.toISODate()! <= to; day = day.plus({ days: 1 })) {
    days.push({ date: day.toISODate()!, start: day.toJSDate() });
  }
  return days;
}

/** Whole days from `from` to `to`, both counted. */
export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days) + 1;
}

/** The calendar day `days` after (or before) `date`. */
export function shiftDate(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}
