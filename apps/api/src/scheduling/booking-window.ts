import type { DateTime } from 'luxon';
import { addDays, daysBetween, hoursDayOfWeek, isWeekend, parseHhmm } from './clinic-time.js';

/**
 * Which days and times the clinic takes phone bookings: opening hours (`day_of_week` 0 = Sunday),
 * holidays (the clinic's and the EMR's), same-day and weekend switches, and how far ahead.
 */

export interface OpeningHours {
  /** minutes after midnight, clinic wall clock */
  open: number;
  close: number;
}

export interface ClinicHoursRow {
  dayOfWeek: number;
  openTime: string | null;
  closeTime: string | null;
  isClosed: boolean;
}

export interface DayRules {
  /** the clinic's date today */
  today: string;
  /** `day_of_week` → hours; a day without an entry is closed */
  hours: ReadonlyMap<number, OpeningHours>;
  holidays: ReadonlySet<string>;
  allowSameDayBooking: boolean;
  allowWeekendBooking: boolean;
  /** effective for the provider (provider override → clinic) */
  maxAdvanceBookingDays: number;
}

export type DayClosedReason = 'past' | 'same_day' | 'weekend' | 'holiday' | 'closed' | 'beyond_window';

/** Rows as stored (seven, Sunday first) → open days only; a closed or half-filled row closes the day. */
export function openingHours(rows: readonly ClinicHoursRow[]): Map<number, OpeningHours> {
  const map = new Map<number, OpeningHours>();
  for (const row of rows) {
    if (row.isClosed) continue;
    const open = parseHhmm(row.openTime);
    const close = parseHhmm(row.closeTime);
    if (open === null || close === null || close <= open) continue;
    map.set(row.dayOfWeek, { open, close });
  }
  return map;
}

/** The last date a booking may fall on: today + `maxAdvanceBookingDays`. */
export function lastBookableDate(today: string, maxAdvanceBookingDays: number): string {
  return addDays(today, Math.max(0, Math.floor(maxAdvanceBookingDays)));
}

/** Why no phone booking can fall on `date`, or null when the day is open. */
export function dayClosedReason(date: string, rules: DayRules): DayClosedReason | null {
  if (date < rules.today) return 'past';
  if (date === rules.today && !rules.allowSameDayBooking) return 'same_day';
  if (daysBetween(rules.today, date) > rules.maxAdvanceBookingDays) return 'beyond_window';
  if (!rules.allowWeekendBooking && isWeekend(date)) return 'weekend';
  if (rules.holidays.has(date)) return 'holiday';
  if (!rules.hours.has(hoursDayOfWeek(date))) return 'closed';
  return null;
}

/** The day's opening hours (null when closed). */
export function hoursOn(date: string, hours: ReadonlyMap<number, OpeningHours>): OpeningHours | null {
  return hours.get(hoursDayOfWeek(date)) ?? null;
}

/** The first instant a booking may start: now + `minAdvanceBookingHours`. */
export function earliestBookableInstant(now: DateTime, minAdvanceBookingHours: number): DateTime {
  return now.plus({ minutes: Math.max(0, minAdvanceBookingHours) * 60 });
}

/** Whether `start`…`end` lies inside the day's hours (wall clock of `date`). */
export function withinHours(start: DateTime, end: DateTime, date: string, hours: OpeningHours): boolean {
  const startMinutes = minutesInto(start, date);
  const endMinutes = minutesInto(end, date);
  return startMinutes >= hours.open && endMinutes <= hours.close;
}

/** Wall-clock minutes of `time` counted from the start of `date` (the next day's 00:30 → 1470). */
function minutesInto(time: DateTime, date: string): number {
  const ownDate = time.toISODate() as string;
  return daysBetween(date, ownDate) * 1440 + time.hour * 60 + time.minute;
}
