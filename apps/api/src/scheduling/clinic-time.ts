import '../common/time/zone-offset-cache.js';
import { DateTime, IANAZone } from 'luxon';

/**
 * Clinic-zone time helpers for the slot maths. Every wall-clock question (which day, which hour,
 * which weekday) is asked in the clinic's IANA zone through luxon; instants move by absolute
 * minutes, so a 15-minute slot is 15 minutes long even across a DST change.
 */

export type TimeOfDay = 'morning' | 'afternoon' | 'evening';

/** ISO date pattern `YYYY-MM-DD`. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** Midnight of `date` (ISO) in the zone, or null when the text is not a real date. */
export function startOfClinicDay(date: string, zone: string): DateTime | null {
  if (!ISO_DATE.test(date)) return null;
  const day = DateTime.fromISO(date, { zone });
  return day.isValid ? day.startOf('day') : null;
}

/** The clinic's date (ISO) at an instant. */
export function clinicDate(instant: DateTime | Date, zone: string): string {
  const time = instant instanceof Date ? DateTime.fromJSDate(instant) : instant;
  return time.setZone(zone).toISODate() as string;
}

/** `date` plus `days` calendar days (ISO in, ISO out; no zone involved). */
export function addDays(date: string, days: number): string {
  const ms = utcDay(date);
  if (Number.isNaN(ms)) return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as string;
  return new Date(ms + days * DAY_MS).toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;

/** Midnight UTC of an ISO date in epoch ms (calendar arithmetic without zones: the search walks many days), NaN otherwise. */
function utcDay(date: string): number {
  return ISO_DATE.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
}

/** Calendar days from `from` to `to` (ISO dates); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const a = utcDay(from);
  const b = utcDay(to);
  if (!Number.isNaN(a) && !Number.isNaN(b)) return Math.round((b - a) / DAY_MS);
  return Math.round(DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days);
}

/** The dates from `from` to `to`, both included (empty when `to` is before `from`). */
export function dateRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const ms = utcDay(date);
  if (Number.isNaN(ms)) return DateTime.fromISO(date, { zone: 'UTC' }).weekday;
  return new Date(ms).getUTCDay() || 7;
}

/** The clinic-hours weekday of a date: 0 = Sunday … 6 = Saturday (seed 000 `day_of_week`). */
export function hoursDayOfWeek(date: string): number {
  return isoWeekday(date) % 7;
}

export function isWeekend(date: string): boolean {
  return isoWeekday(date) >= 6;
}

/** Minutes since the clinic's midnight of the instant's own day (wall clock: 09:30 → 570). */
export function wallMinutes(time: DateTime): number {
  return time.hour * 60 + time.minute;
}

/** `"09:30"` → 570; null for anything else. */
export function parseHhmm(text: string | null | undefined): number | null {
  const match = /^(\d{2}):(\d{2})(?::\d{2})?$/.exec(text ?? '');
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) return null;
  return hours * 60 + minutes;
}

/** morning < 12:00 ≤ afternoon < 17:00 ≤ evening, by the start's wall clock in the clinic's zone. */
export function timeOfDay(start: DateTime): TimeOfDay {
  const minutes = wallMinutes(start);
  if (minutes < 12 * 60) return 'morning';
  if (minutes < 17 * 60) return 'afternoon';
  return 'evening';
}

/**
 * An instant given as ISO 8601 with an offset (`2025-03-10T09:00:00-07:00`, `…Z`), or as clinic
 * wall time without one (`2025-03-10T09:00`), in the clinic's zone; null when unreadable.
 */
export function parseClinicInstant(text: string, zone: string): DateTime | null {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text.trim())) return null;
  const parsed = DateTime.fromISO(text.trim(), { zone });
  return parsed.isValid ? parsed.setZone(zone) : null;
}

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Epoch milliseconds of an instant as the EMR adapter writes them (ISO 8601 with an offset), the
 * fast way (no time-zone arithmetic: the hot loops of a search compare thousands of them); a wall
 * time without an offset is read in `zone`. NaN when unreadable.
 */
export function instantMs(text: string, zone: string): number {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (WITH_OFFSET.test(trimmed)) return Date.parse(trimmed);
  return parseClinicInstant(trimmed, zone)?.toMillis() ?? Number.NaN;
}

/** ISO 8601 with the clinic's offset, without milliseconds: `2025-03-10T09:00:00-07:00`. */
export function toClinicIso(time: DateTime, zone: string): string {
  return time.setZone(zone).toISO({ suppressMilliseconds: true }) as string;
}
