import { DateTime } from 'luxon';
import type { EmrAdapter, EmrAppointment, EmrCallOptions } from '../emr/emr-adapter.js';
import { isNewPatient } from './booking-length.js';
import { clinicDate } from './clinic-time.js';
import { EmrDayReader } from './emr-day-reader.js';
import type { PatientState, SearchSession } from './provider-day.js';
import type { SchedulingContext } from './scheduling-context.js';
import { searchWindow, type CallerFilters, type SearchWindow } from './search-filters.js';

/** Appointment reads for a search: a week at a time per provider (one range query instead of seven). */
export const SEARCH_CHUNK_DAYS = 7;

export interface SessionInput {
  ctx: SchedulingContext;
  adapter: EmrAdapter;
  now: Date;
  call: EmrCallOptions;
  filters: CallerFilters;
  demographicId: number | null;
  ignoreAppointmentId?: number | null;
  type: { appointmentType?: string | null; reason?: string | null };
  /** booking re-checks read one day, fresh */
  chunkDays?: number;
}

/** A search session: the clinic's clock and the caller's window, and (for a chart) the chart's appointments. */
export async function openSession(input: SessionInput): Promise<SearchSession> {
  const { ctx } = input;
  const now = DateTime.fromJSDate(input.now).setZone(ctx.zone);
  const today = clinicDate(now, ctx.zone);
  const window: SearchWindow = searchWindow(input.filters, ctx.zone, today);
  const reader = new EmrDayReader(input.adapter, {
    chunkDays: input.chunkDays ?? SEARCH_CHUNK_DAYS,
    call: input.call,
    pulledCodes: ctx.pulledCodes,
  });
  const appointments: EmrAppointment[] = input.demographicId ? await reader.patientAppointments(input.demographicId) : [];
  const patient: PatientState = {
    demographicId: input.demographicId,
    newPatient: isNewPatient(input.demographicId ? appointments.filter((a) => a.id !== input.ignoreAppointmentId) : null, input.now),
    appointments,
    ignoreAppointmentId: input.ignoreAppointmentId ?? null,
  };
  return { ctx, now, today, window, patient, reader, type: input.type };
}
