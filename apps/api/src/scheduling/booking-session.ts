import { DateTime } from 'luxon';
import type { EmrAdapter, EmrAppointment, EmrCallOptions } from '../emr/emr-adapter.js';
import type { BookedInterval } from './bookable-starts.js';
import { isNewPatient } from './booking-length.js';
import { lastBookableDate } from './booking-window.js';
import { clinicDate } from './clinic-time.js';
import { openDates, type PatientState, type SearchSession } from './provider-day.js';
import { ineligibility, type ProviderRules } from './provider-rules.js';
import { planReads, type ProviderReads, type ReadPlan } from './read-plan.js';
import type { CachedDay } from './schedule-cache.store.js';
import type { SchedulingContext } from './scheduling-context.js';
import { searchEnd, searchWindow, type CallerFilters, type SearchWindow } from './search-filters.js';
import { SearchReads } from './search-reads.js';

/** Reads the EMR takes at once when the caller does not say (the clinic's bulkhead normally does). */
export const DEFAULT_READ_CONCURRENCY = 8;

export interface SessionInput {
  ctx: SchedulingContext;
  adapter: EmrAdapter;
  now: Date;
  call: EmrCallOptions;
  filters: CallerFilters;
  demographicId: number | null;
  ignoreAppointmentId?: number | null;
  type: { appointmentType?: string | null; reason?: string | null };
  /** only providers who see patients this way are read (none: any) */
  visitMode?: 'in_person' | 'virtual' | null;
  /** the providers the search may look at (`searchableProviders`); none: every voice-bookable one */
  providers?: readonly ProviderRules[];
  /**
   * the schedule cache's days for the window (none: every day schedule is read from the EMR); while
   * it is still being read from the database, the appointment reads (which need nothing of it) are
   * already on their way
   */
  cached?: ReadonlyMap<string, CachedDay> | Promise<ReadonlyMap<string, CachedDay>>;
  /** slots other calls hold or are booking: they take room like appointments */
  held?: ReadonlyMap<string, readonly BookedInterval[]> | Promise<ReadonlyMap<string, readonly BookedInterval[]>>;
  /** a booking's re-check: this provider's day only (read fresh, appointments of that day only) */
  only?: { providerNo: string; date: string };
  /** the clinic's EMR bulkhead: how many reads go out at once */
  concurrency?: number;
  /** the chart's appointments, when the caller has just read them fresh (a booking's SLOT_TAKEN offer) */
  patientAppointments?: readonly EmrAppointment[];
}

/**
 * Opens a search session: the clinic's clock and the caller's window, then every EMR read the
 * search needs issued at once (`planReads`: the chart's appointments, one range per provider,
 * the day schedules the cache lacks), and the chart's appointments awaited (they decide the
 * new-patient rules).
 */
export async function openSession(input: SessionInput): Promise<SearchSession & { plan: ReadPlan }> {
  const { ctx } = input;
  const now = DateTime.fromJSDate(input.now).setZone(ctx.zone);
  const today = clinicDate(now, ctx.zone);
  const window: SearchWindow = searchWindow(input.filters, ctx.zone, today);
  const concurrency = input.concurrency ?? DEFAULT_READ_CONCURRENCY;
  const providers = providersToRead(input, today, window);
  const demographicNo = input.patientAppointments ? null : input.demographicId;
  const reader = new SearchReads(input.adapter, { call: input.call, pulledCodes: ctx.pulledCodes });
  // the chart's and the providers' appointments first: they need nothing from the database
  reader.start(planReads({ providers, demographicNo, cached: 'all', concurrency }), concurrency);
  const [cached, held] = await Promise.all([input.cached, input.held]);
  reader.useCache(cached);
  const plan = planReads({ providers, demographicNo, cached: new Set(cached?.keys() ?? []), concurrency });
  reader.start(plan, concurrency);
  const appointments: readonly EmrAppointment[] = input.patientAppointments ?? (input.demographicId ? await reader.patientAppointments(input.demographicId) : []);
  const patient: PatientState = {
    demographicId: input.demographicId,
    newPatient: isNewPatient(input.demographicId ? appointments.filter((a) => a.id !== input.ignoreAppointmentId) : null, input.now),
    appointments,
    ignoreAppointmentId: input.ignoreAppointmentId ?? null,
  };
  return { ctx, now, today, window, patient, reader, type: input.type, held: held ?? new Map(), plan };
}

/**
 * The providers a search may look at (every voice-bookable, active provider seeing patients the
 * asked way: new-patient rules are not known before the chart is read), each with the days it
 * could offer and one appointment range. The range runs from today to the provider's last
 * bookable day whatever the caller's filters, so concurrent callers ask the EMR the same question
 * (and share its answer).
 */
export function providersToRead(input: Pick<SessionInput, 'ctx' | 'only' | 'visitMode' | 'providers'>, today: string, window: SearchWindow): ProviderReads[] {
  const { ctx, only } = input;
  if (only) return [{ providerNo: only.providerNo, dates: [only.date], rangeFrom: only.date, rangeTo: only.date }];
  return (input.providers ?? ctx.providers.filter((r) => ineligibility(r, false, input.visitMode ?? null) === null))
    .map((r: ProviderRules) => {
      const last = lastBookableDate(today, r.maxAdvanceBookingDays);
      return { providerNo: r.providerNo, dates: openDates(ctx, r, today, window, searchEnd(window, last)), rangeFrom: today, rangeTo: last };
    });
}
