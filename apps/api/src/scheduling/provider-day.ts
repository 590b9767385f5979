import type { DateTime } from 'luxon';
import type { EmrAppointment } from '../emr/emr-adapter.js';
import { resolveAppointmentType, type ResolvedAppointmentType } from './appointment-type.js';
import { bookableStarts, type BookedInterval } from './bookable-starts.js';
import { bookingMinutes } from './booking-length.js';
import { dayClosedReason, earliestBookableInstant, hoursOn, lastBookableDate, type DayClosedReason } from './booking-window.js';
import { addDays } from './clinic-time.js';
import { daySlots } from './day-slots.js';
import type { ProviderRules } from './provider-rules.js';
import type { SearchReads } from './search-reads.js';
import type { SchedulingContext } from './scheduling-context.js';
import { dayWanted, searchEnd, startWanted, type SearchWindow } from './search-filters.js';

/** The caller as the rules see them. */
export interface PatientState {
  demographicId: number | null;
  newPatient: boolean;
  /** the chart's appointments, any status (empty without a chart) */
  appointments: readonly EmrAppointment[];
  /** the appointment being moved: it takes no room and does not count toward the daily limit */
  ignoreAppointmentId: number | null;
}

/** One search or booking: the clinic, the clock, the caller's filters and what the EMR said so far. */
export interface SearchSession {
  ctx: SchedulingContext;
  now: DateTime;
  today: string;
  window: SearchWindow;
  patient: PatientState;
  reader: SearchReads;
  type: { appointmentType?: string | null; reason?: string | null };
  /** slots other calls hold or are booking right now, by provider: they take room like appointments */
  held: ReadonlyMap<string, readonly BookedInterval[]>;
}

export interface Candidate {
  rules: ProviderRules;
  date: string;
  start: DateTime;
  end: DateTime;
  appointmentType: string;
  /** the visit, as the caller hears it */
  durationMinutes: number;
  /** the template's slot length that day, and how many slots the booking takes (buffer included) */
  slotMinutes: number;
  slots: number;
  /** every slot the booking takes, buffer included: the length written to the EMR (SPEC §5) */
  reservedMinutes: number;
}

/** The patient's appointments on `date` that count toward `maxApptsPerPatientPerDay`. */
export function patientDayAppointments(patient: PatientState, date: string): EmrAppointment[] {
  return patient.appointments.filter((a) => a.date === date && !a.cancelled && a.id !== patient.ignoreAppointmentId);
}

/** One provider's days in a session: which are open to this caller, and the bookable starts of each (read once). */
export class ProviderDays {
  readonly type: ResolvedAppointmentType;
  readonly minutes: number;
  /** the last date this provider may be booked on in this search */
  readonly lastDate: string;
  private readonly cache = new Map<string, Promise<Candidate[]>>();
  /** now + the provider's minimum notice (the same for every day of the session) */
  private notBefore?: DateTime;

  constructor(
    private readonly session: SearchSession,
    readonly rules: ProviderRules,
    /** `lastDate`: a tighter end (the fallback window); `minutes`: a fixed length (an appointment being moved keeps its own) */
    options: { lastDate?: string; minutes?: number } = {},
  ) {
    this.type = resolveAppointmentType(session.type, rules.types);
    this.minutes = options.minutes ?? bookingMinutes(this.type.durationMinutes, session.patient.newPatient, rules.length);
    const windowEnd = searchEnd(session.window, lastBookableDate(session.today, rules.maxAdvanceBookingDays));
    this.lastDate = options.lastDate && options.lastDate < windowEnd ? options.lastDate : windowEnd;
  }

  /** Why the day is closed to this caller (before any EMR read), or null. */
  closedReason(date: string): DayClosedReason | 'filtered' | 'daily_limit' | null {
    const reason = dayClosedFor(this.session.ctx, this.rules, this.session.today, this.session.window, date);
    if (reason) return reason;
    if (patientDayAppointments(this.session.patient, date).length >= this.rules.maxApptsPerPatientPerDay) return 'daily_limit';
    return null;
  }

  isOpen(date: string): boolean {
    return date >= this.session.window.from && date <= this.lastDate && this.closedReason(date) === null;
  }

  /**
   * Works out this provider's days from `from` in order, as soon as its reads come in, up to its
   * first day with a bookable start or `bound.until`, whichever is earlier (`bound.until` drops to
   * the earliest such day any provider of the search has found, so nobody works past it). The
   * providers' month replies arrive one after another: each provider's days are worked out while
   * the next reply is still on its way, and the search walks days already worked out once the last
   * one lands. Failures are left for the search to meet (`candidates` keeps them).
   */
  prepare(from: string, bound: { until: string }): void {
    void (async () => {
      for (let date = from; date <= bound.until && date <= this.lastDate; date = addDays(date, 1)) {
        if (!this.isOpen(date)) continue;
        if ((await this.candidates(date)).length > 0) {
          if (date < bound.until) bound.until = date;
          return;
        }
      }
    })().catch(() => undefined);
  }

  /** Bookable starts on `date` in order (empty when closed); EMR reads happen here, once per day. */
  candidates(date: string): Promise<Candidate[]> {
    let pending = this.cache.get(date);
    if (!pending) {
      pending = this.isOpen(date) ? this.load(date) : Promise.resolve([]);
      this.cache.set(date, pending);
    }
    return pending;
  }

  private async load(date: string): Promise<Candidate[]> {
    const { ctx, reader, window, patient, now } = this.session;
    const providerNo = this.rules.providerNo;
    const [schedule, booked, codes] = await Promise.all([
      reader.daySchedule(providerNo, date),
      reader.providerAppointments(providerNo, date),
      reader.scheduleCodes(),
    ]);
    const appointments = [...booked, ...(this.session.held.get(providerNo) ?? [])];
    const hours = hoursOn(date, ctx.hours);
    // OSCAR keeps a holiday's slots: the flag closes the day (oscar-soap.md §6.6)
    if (!schedule || schedule.holiday || !hours) return [];
    const slots = daySlots(schedule, codes, this.rules.codes, ctx.zone, this.rules.defaultSlotDuration);
    const starts = bookableStarts(slots, appointments, {
      date,
      zone: ctx.zone,
      hours,
      bookingMinutes: this.minutes,
      bufferMinutes: this.rules.length.bufferTime,
      notBefore: (this.notBefore ??= earliestBookableInstant(now, this.rules.minAdvanceBookingHours)),
      ignoreAppointmentId: patient.ignoreAppointmentId,
      patientBusy: patientDayAppointments(patient, date),
    });
    return starts
      .filter((s) => startWanted(s.start, window))
      .map((s) => ({
        rules: this.rules,
        date,
        start: s.start,
        end: s.end,
        appointmentType: this.type.code,
        durationMinutes: this.minutes,
        slotMinutes: s.slotMinutes,
        slots: s.slots,
        reservedMinutes: (s.reservedEnd.toMillis() - s.start.toMillis()) / 60_000,
      }));
  }
}

/**
 * Why `date` is closed to phone bookings with this provider whoever calls (hours, holidays,
 * same-day and weekend switches, the booking window, the caller's weekday filter), or null.
 */
export function dayClosedFor(ctx: SchedulingContext, rules: ProviderRules, today: string, window: SearchWindow, date: string): DayClosedReason | 'filtered' | null {
  const reason = dayClosedReason(date, {
    today,
    hours: ctx.hours,
    holidays: ctx.holidays,
    allowSameDayBooking: rules.allowSameDayBooking,
    allowWeekendBooking: rules.allowWeekendBooking,
    maxAdvanceBookingDays: rules.maxAdvanceBookingDays,
  });
  if (reason) return reason;
  return dayWanted(date, window) ? null : 'filtered';
}

/** The days from the window's start to `lastDate` this provider could be booked on by anyone calling now. */
export function openDates(ctx: SchedulingContext, rules: ProviderRules, today: string, window: SearchWindow, lastDate: string): string[] {
  const out: string[] = [];
  for (let d = window.from; d <= lastDate; d = addDays(d, 1)) if (dayClosedFor(ctx, rules, today, window, d) === null) out.push(d);
  return out;
}
