import { DateTime } from 'luxon';

/** "Now" at a clinic, to the minute: what get_clinic_info tells the caller. */
export interface ClinicMinute {
  /** ISO date at the clinic */
  date: string;
  /** 0 = Sunday … 6 = Saturday (as clinic_hours stores days) */
  dayOfWeek: number;
  /** HH:mm at the clinic */
  hhmm: string;
}

const minutes = new Map<string, { from: number; until: number; minute: ClinicMinute }>();

/**
 * The clinic's date, day and time for the current minute, computed once per zone and minute:
 * a zone's offset changes only on whole minutes, and Luxon's zone conversion (Intl) was a
 * measurable part of every get_clinic_info.
 */
export function clinicMinute(zone: string, now = Date.now()): ClinicMinute {
  const cached = minutes.get(zone);
  if (cached && now >= cached.from && now < cached.until) return cached.minute;
  const local = DateTime.fromMillis(now).setZone(zone);
  const from = Math.floor(now / 60_000) * 60_000;
  const minute: ClinicMinute = { date: local.toISODate() as string, dayOfWeek: local.weekday % 7, hhmm: local.toFormat('HH:mm') };
  minutes.set(zone, { from, until: from + 60_000, minute });
  return minute;
}
