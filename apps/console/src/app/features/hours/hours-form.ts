import type { ClinicHoursDayDto } from '@voicedesk/api-client';

/** Day names by the API's `dayOfWeek` (0 = Sunday, SPEC §3). */
export const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export interface HoursRow {
  dayOfWeek: number;
  openTime: string;
  closeTime: string;
  isClosed: boolean;
}

/** Where a week starts for a clinic: Monday. */
function mondayFirst(dayOfWeek: number): number {
  return (dayOfWeek + 6) % 7;
}

/** The form's seven rows, Monday first; a closed day keeps empty times. */
export function hoursRows(days: readonly ClinicHoursDayDto[]): HoursRow[] {
  return [...days]
    .sort((a, b) => mondayFirst(a.dayOfWeek) - mondayFirst(b.dayOfWeek))
    .map((day) => ({ dayOfWeek: day.dayOfWeek, openTime: day.openTime ?? '', closeTime: day.closeTime ?? '', isClosed: day.isClosed }));
}

/**
 * The PUT body (SPEC §12): the seven rows in the form's order, so an error named
 * `items.<i>.<field>` belongs to row i; a closed day sends no times.
 */
export function toHoursBody(rows: readonly HoursRow[]): ClinicHoursDayDto[] {
  return rows.map((row) =>
    row.isClosed
      ? { dayOfWeek: row.dayOfWeek, openTime: null, closeTime: null, isClosed: true }
      : { dayOfWeek: row.dayOfWeek, openTime: row.openTime, closeTime: row.closeTime, isClosed: false },
  );
}

/** `items.3.closeTime` → row 3, field closeTime; anything else → null. */
export function rowField(field: string): { row: number; field: string } | null {
  const match = /^items\.(\d+)\.(\w+)$/.exec(field);
  return match ? { row: Number(match[1]), field: match[2] } : null;
}

/** A `YYYY-MM-DD` date as a person reads it (no time zone involved: it is a calendar day). */
export function calendarDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  // the console's one day form, with the weekday a person plans by (a calendar day: no zone)
  const weekday = new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-CA', { weekday: 'long', timeZone: 'UTC' });
  return `${date} (${weekday})`;
}
