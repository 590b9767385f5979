import type { DateTime } from 'luxon';
import { clinicDate, isoWeekday, parseClinicInstant, startOfClinicDay, timeOfDay, type TimeOfDay } from './clinic-time.js';
import { InvalidSchedulingArgumentsError } from './scheduling-errors.js';

/** What the caller may narrow a search with (the `find_earliest_appointment` arguments). */
export interface CallerFilters {
  /** ISO date (or date-time) to search from; a past one is clamped to today */
  startDate?: string | null;
  /** ISO date (or date-time) to search to, included */
  endDate?: string | null;
  timeOfDay?: TimeOfDay | null;
  /** ISO weekdays, 1 = Monday … 7 = Sunday */
  daysOfWeek?: readonly number[] | null;
  /** start times already offered and turned down */
  excludeStartTimes?: readonly string[] | null;
}

export interface SearchWindow {
  from: string;
  /** null = as far as the booking window allows */
  to: string | null;
  /** a start-date given with a time: nothing before it */
  notBefore: DateTime | null;
  timeOfDay: TimeOfDay | null;
  daysOfWeek: ReadonlySet<number> | null;
  excluded: ReadonlySet<number>;
}

const TIMES_OF_DAY: readonly TimeOfDay[] = ['morning', 'afternoon', 'evening'];

/** The caller's filters in the clinic's zone, past dates clamped to today; INVALID_ARGUMENTS for unreadable ones. */
export function searchWindow(filters: CallerFilters, zone: string, today: string): SearchWindow {
  const start = boundary(filters.startDate, zone, 'startDate');
  const end = boundary(filters.endDate, zone, 'endDate');
  const from = start && start.date > today ? start.date : today;
  const to = end ? (end.date < today ? today : end.date) : null;
  if (to !== null && to < from) throw new InvalidSchedulingArgumentsError('The end date is before the start date.', 'endDate');
  if (filters.timeOfDay && !TIMES_OF_DAY.includes(filters.timeOfDay)) {
    throw new InvalidSchedulingArgumentsError('The time of day must be morning, afternoon or evening.', 'timeOfDay');
  }
  const days = filters.daysOfWeek?.length ? filters.daysOfWeek : null;
  if (days && days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    throw new InvalidSchedulingArgumentsError('Days of the week are numbered 1 (Monday) to 7 (Sunday).', 'daysOfWeek');
  }
  const excluded = new Set<number>();
  for (const text of filters.excludeStartTimes ?? []) {
    const instant = parseClinicInstant(text, zone);
    if (!instant) throw new InvalidSchedulingArgumentsError('An excluded start time is not a date and time.', 'excludeStartTimes');
    excluded.add(instant.toMillis());
  }
  return {
    from,
    to,
    notBefore: start?.time && start.date >= today ? start.time : null,
    timeOfDay: filters.timeOfDay ?? null,
    daysOfWeek: days ? new Set(days) : null,
    excluded,
  };
}

/** Whether the caller's weekday filter lets `date` through. */
export function dayWanted(date: string, window: SearchWindow): boolean {
  return !window.daysOfWeek || window.daysOfWeek.has(isoWeekday(date));
}

/** Whether the caller's time filters let a start through. */
export function startWanted(start: DateTime, window: SearchWindow): boolean {
  if (window.timeOfDay && timeOfDay(start) !== window.timeOfDay) return false;
  if (window.notBefore && start < window.notBefore) return false;
  return !window.excluded.has(start.toMillis());
}

/** The last date to search: the window's end, bounded by `limit`. */
export function searchEnd(window: SearchWindow, limit: string): string {
  return window.to !== null && window.to < limit ? window.to : limit;
}

function boundary(text: string | null | undefined, zone: string, field: string): { date: string; time: DateTime | null } | null {
  if (text === null || text === undefined || text.trim() === '') return null;
  const trimmed = text.trim();
  const day = startOfClinicDay(trimmed, zone);
  if (day) return { date: day.toISODate() as string, time: null };
  const instant = parseClinicInstant(trimmed, zone);
  if (!instant) throw new InvalidSchedulingArgumentsError(`${field} is not a date such as 2025-03-10.`, field);
  return { date: clinicDate(instant, zone), time: instant };
}
