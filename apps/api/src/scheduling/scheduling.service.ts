import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { EmrAdapter, EmrAppointment, EmrCallOptions } from '../emr/emr-adapter.js';
import { EmrAdapterFactory } from '../emr/emr-adapter.factory.js';
import { EmrError, EmrInvalidError } from '../emr/emr-errors.js';
import { notesWithVisit, visitMinutesOf } from './booking-length.js';
import { BookingLock, SlotLockTimeoutError } from './booking-lock.js';
import { openSession } from './booking-session.js';
import { clinicDate, parseClinicInstant, toClinicIso } from './clinic-time.js';
import { findEarliestIn, toOffer } from './earliest-finder.js';
import { patientDayAppointments, ProviderDays } from './provider-day.js';
import type { ProviderRules } from './provider-rules.js';
import { SchedulingContextReader, type SchedulingContext } from './scheduling-context.js';
import { DEFAULT_BUDGET_MS, SCHEDULING_CLOCK, systemClock, type SchedulingClock } from './scheduling-clock.js';
import {
  asSchedulingError,
  DailyLimitError,
  InvalidSchedulingArgumentsError,
  NotAcceptingError,
  SchedulingEmrUnavailableError,
  SlotTakenError,
  TooLateToChangeError,
} from './scheduling-errors.js';
import type {
  BookedAppointment,
  BookRequest,
  CancelRequest,
  EarliestRequest,
  EarliestResult,
  MoveRequest,
  SchedulingCallOptions,
} from './scheduling.types.js';

/** What a locked re-check decided. */
type Decision = { kind: 'done'; appointment: BookedAppointment } | { kind: 'refused'; appointmentType: string };

/** Keep this much of the budget for the EMR work after the lock is had. */
const AFTER_LOCK_MS = 1_500;

/**
 * The scheduling engine the voice webhook calls (SPEC §5): the earliest bookable slot, and
 * booking, moving and cancelling under a per-(clinic, provider, day) lock with every rule
 * re-checked against a fresh read of the EMR. Throws `SchedulingError`s only.
 */
@Injectable()
export class SchedulingService {
  private readonly logger = new Logger(SchedulingService.name);
  private readonly clock: SchedulingClock;

  constructor(
    private readonly contexts: SchedulingContextReader,
    private readonly emr: EmrAdapterFactory,
    private readonly lock: BookingLock,
    @Optional() @Inject(SCHEDULING_CLOCK) clock?: SchedulingClock,
  ) {
    this.clock = clock ?? systemClock;
  }

  /** The earliest bookable slot for the caller plus up to two alternatives, within the deadline. */
  async findEarliest(clinicId: string, request: EarliestRequest, options: SchedulingCallOptions = {}): Promise<EarliestResult> {
    const startedAt = Date.now();
    const deadline = options.deadline ?? startedAt + DEFAULT_BUDGET_MS;
    if (request.demographicId != null) positiveInt(request.demographicId, 'demographicId');
    try {
      const { ctx, adapter } = await this.open(clinicId);
      const session = await openSession({
        ctx,
        adapter,
        now: this.clock(),
        call: { deadline, signal: options.signal },
        filters: request,
        demographicId: request.demographicId ?? null,
        ignoreAppointmentId: request.movingAppointmentId ?? null,
        type: request,
      });
      const result = await findEarliestIn(session, request, deadline);
      this.logger.log({ clinicId, outcome: result.outcome, partial: result.partial, emrCalls: session.reader.calls, ms: Date.now() - startedAt }, 'earliest slot search');
      if (result.outcome === 'none' && result.partial) throw new SchedulingEmrUnavailableError();
      return result;
    } catch (error) {
      throw asSchedulingError(error);
    }
  }

  /**
   * Books the slot if it is still free, under the lock; returns an identical existing booking
   * instead of adding another (a retried call); SLOT_TAKEN with a fresh offer otherwise.
   */
  async book(clinicId: string, request: BookRequest, options: SchedulingCallOptions = {}): Promise<BookedAppointment> {
    const deadline = options.deadline ?? Date.now() + DEFAULT_BUDGET_MS;
    const demographicId = positiveInt(request.demographicId, 'demographicId');
    try {
      const { ctx, adapter } = await this.open(clinicId);
      const rules = this.bookableProvider(ctx, request.providerNo);
      const start = this.instant(request.startTime, ctx, 'startTime');
      const call = { deadline, signal: options.signal };
      const date = clinicDate(start, ctx.zone);
      const decision = await this.locked(clinicId, rules.providerNo, date, deadline, async () => {
        const [session, patient] = await Promise.all([
          this.fresh(ctx, adapter, call, date, demographicId, null, request),
          adapter.getPatient(demographicId, call),
        ]);
        if (!patient) throw new InvalidSchedulingArgumentsError('That chart was not found in the clinic’s records.', 'demographicId');
        const days = new ProviderDays(session, rules);
        const same = session.patient.appointments.find((a) => sameBooking(a, rules.providerNo, start.toMillis(), days.type.code));
        if (same) return { kind: 'done', appointment: this.toBooked(same, rules, ctx, true) } satisfies Decision;
        this.checkPatient(session.patient.newPatient, rules, patientDayAppointments(session.patient, date).length);
        const free = (await days.candidates(date)).find((c) => c.start.toMillis() === start.toMillis());
        if (!free) return { kind: 'refused', appointmentType: days.type.code } satisfies Decision;
        const name = patient.lastName && patient.firstName ? `${patient.lastName},${patient.firstName}` : null;
        // OSCAR gets every slot the booking takes (buffer included); the caller hears the visit
        const input = {
          providerNo: rules.providerNo, demographicNo: demographicId, start: toClinicIso(start, ctx.zone), durationMinutes: free.reservedMinutes,
          type: free.appointmentType, reason: request.reason ?? null, name, notes: notesWithVisit(bookingNote(request.callId), free.durationMinutes, free.reservedMinutes) ?? null,
        };
        const id = await this.addOrFind(adapter, input, call, deadline, () => this.findSame(adapter, demographicId, rules.providerNo, start.toMillis(), free.appointmentType, call));
        return { kind: 'done', appointment: { ...toOffer(free, ctx.zone), appointmentId: id, demographicId, alreadyDone: false } } satisfies Decision;
      });
      if (decision.kind === 'done') return decision.appointment;
      throw await this.slotTaken(clinicId, { demographicId, providerId: rules.providerNo, appointmentType: decision.appointmentType, reason: request.reason, startDate: date, excludeStartTimes: [request.startTime] }, deadline);
    } catch (error) {
      throw asSchedulingError(error);
    }
  }

  /**
   * Moves an appointment (keeping its type and visit length, holding its buffer again at the new
   * time) if the new time is free, honouring `cancellationMinNoticeHours`.
   */
  async move(clinicId: string, request: MoveRequest, options: SchedulingCallOptions = {}): Promise<BookedAppointment> {
    const deadline = options.deadline ?? Date.now() + DEFAULT_BUDGET_MS;
    const appointmentId = positiveInt(request.appointmentId, 'appointmentId');
    try {
      const { ctx, adapter } = await this.open(clinicId);
      const call = { deadline, signal: options.signal };
      const current = await this.changeable(ctx, adapter, appointmentId, call);
      const rules = this.bookableProvider(ctx, request.newProviderNo?.trim() || (current.providerNo ?? ''));
      const start = this.instant(request.newStartTime, ctx, 'newStartTime');
      const demographicId = current.demographicNo as number;
      if (current.providerNo === rules.providerNo && parseClinicInstant(current.start, ctx.zone)?.toMillis() === start.toMillis()) {
        return this.toBooked(current, rules, ctx, true);
      }
      const date = clinicDate(start, ctx.zone);
      const type = { appointmentType: current.type, reason: current.reason };
      const decision = await this.locked(clinicId, rules.providerNo, date, deadline, async () => {
        const session = await this.fresh(ctx, adapter, call, date, demographicId, appointmentId, type);
        this.checkPatient(session.patient.newPatient, rules, patientDayAppointments(session.patient, date).length);
        // the appointment keeps its own type and visit length; the block held around it follows the new day's grid
        const visit = visitMinutesOf(current);
        const days = new ProviderDays(session, rules, { minutes: visit });
        const fit = (await days.candidates(date)).find((c) => c.start.toMillis() === start.toMillis());
        if (!fit) return { kind: 'refused', appointmentType: current.type ?? days.type.code } satisfies Decision;
        const notes = notesWithVisit(current.notes, visit, fit.reservedMinutes);
        const changes = { start: toClinicIso(start, ctx.zone), providerNo: rules.providerNo, durationMinutes: fit.reservedMinutes };
        const moved = await adapter.updateAppointment(appointmentId, notes === undefined || notes === (current.notes ?? '') ? changes : { ...changes, notes }, call);
        return { kind: 'done', appointment: this.toBooked(moved, rules, ctx, false) } satisfies Decision;
      });
      if (decision.kind === 'done') return decision.appointment;
      throw await this.slotTaken(clinicId, { demographicId, providerId: rules.providerNo, appointmentType: decision.appointmentType, startDate: date, excludeStartTimes: [request.newStartTime], movingAppointmentId: appointmentId }, deadline);
    } catch (error) {
      throw asSchedulingError(error);
    }
  }

  /** Status `C` through the adapter, honouring `cancellationMinNoticeHours`; cancelling twice is a no-op. */
  async cancel(clinicId: string, request: CancelRequest, options: SchedulingCallOptions = {}): Promise<BookedAppointment> {
    const deadline = options.deadline ?? Date.now() + DEFAULT_BUDGET_MS;
    const appointmentId = positiveInt(request.appointmentId, 'appointmentId');
    try {
      const { ctx, adapter } = await this.open(clinicId);
      const call = { deadline, signal: options.signal };
      const current = await adapter.getAppointment(appointmentId, call);
      if (!current || !current.demographicNo) throw new InvalidSchedulingArgumentsError('That appointment was not found.', 'appointmentId');
      const rules = ctx.providers.find((r) => r.providerNo === current.providerNo);
      if (current.cancelled) return this.toBooked(current, rules, ctx, true);
      this.checkNotice(ctx, current);
      const reason = request.reason?.trim();
      const cancelled = reason
        ? await adapter.updateAppointment(appointmentId, { status: 'C', remarks: `Cancelled by phone: ${reason}` }, call)
        : await adapter.cancelAppointment(appointmentId, call);
      return this.toBooked(cancelled, rules, ctx, false);
    } catch (error) {
      throw asSchedulingError(error);
    }
  }

  // ---- steps ----

  private async open(clinicId: string): Promise<{ ctx: SchedulingContext; adapter: EmrAdapter }> {
    const yesterday = clinicDate(new Date(this.clock().getTime() - 86_400_000), 'UTC');
    const [ctx, adapter] = await Promise.all([this.contexts.load(clinicId, yesterday), this.emr.forClinic(clinicId)]);
    return { ctx, adapter };
  }

  /** A session re-reading the EMR for one day (no cached reads): what the locked re-check sees. */
  private fresh(ctx: SchedulingContext, adapter: EmrAdapter, call: EmrCallOptions, date: string, demographicId: number, ignore: number | null, type: { appointmentType?: string | null; reason?: string | null }) {
    return openSession({ ctx, adapter, now: this.clock(), call, filters: { startDate: date, endDate: date }, demographicId, ignoreAppointmentId: ignore, type, chunkDays: 1 });
  }

  private async locked<T>(clinicId: string, providerNo: string, date: string, deadline: number, work: () => Promise<T>): Promise<T> {
    const waitMs = Math.max(50, deadline - Date.now() - AFTER_LOCK_MS);
    try {
      return await this.lock.run({ clinicId, providerNo, date }, waitMs, work);
    } catch (error) {
      if (error instanceof SlotLockTimeoutError) throw new SchedulingEmrUnavailableError();
      throw error;
    }
  }

  private bookableProvider(ctx: SchedulingContext, providerNo: string): ProviderRules {
    const rules = ctx.providers.find((r) => r.providerNo === providerNo.trim());
    if (!rules) throw new InvalidSchedulingArgumentsError('There is no provider with that number at this clinic.', 'providerId');
    if (!rules.voiceBookable) throw new NotAcceptingError(`${rules.name} does not take bookings by phone.`);
    return rules;
  }

  private checkPatient(newPatient: boolean, rules: ProviderRules, bookedThatDay: number): void {
    if (newPatient && !rules.acceptingNewPatients) throw new NotAcceptingError(`${rules.name} is not accepting new patients.`);
    if (bookedThatDay >= rules.maxApptsPerPatientPerDay) throw new DailyLimitError(rules.maxApptsPerPatientPerDay);
  }

  /** The appointment, if it exists, has a patient, is not cancelled and is far enough ahead to change. */
  private async changeable(ctx: SchedulingContext, adapter: EmrAdapter, id: number, call: EmrCallOptions): Promise<EmrAppointment> {
    const current = await adapter.getAppointment(id, call);
    if (!current || !current.demographicNo || current.cancelled) throw new InvalidSchedulingArgumentsError('That appointment was not found.', 'appointmentId');
    this.checkNotice(ctx, current);
    return current;
  }

  private checkNotice(ctx: SchedulingContext, appointment: EmrAppointment): void {
    const rules = ctx.providers.find((r) => r.providerNo === appointment.providerNo);
    const hours = rules?.cancellationMinNoticeHours ?? ctx.config.cancellationMinNoticeHours;
    const start = Date.parse(appointment.start);
    if (start - this.clock().getTime() < hours * 3_600_000) throw new TooLateToChangeError(hours);
  }

  /** addAppointment is never retried; when its answer is lost, look whether it landed before giving up. */
  private async addOrFind(adapter: EmrAdapter, input: Parameters<EmrAdapter['addAppointment']>[0], call: EmrCallOptions, deadline: number, find: () => Promise<EmrAppointment | undefined>): Promise<number> {
    try {
      return await adapter.addAppointment(input, call);
    } catch (error) {
      if (!(error instanceof EmrError) || error instanceof EmrInvalidError || deadline - Date.now() < 300) throw error;
      const landed = await find().catch(() => undefined);
      if (landed) return landed.id;
      throw error;
    }
  }

  private async findSame(adapter: EmrAdapter, demographicId: number, providerNo: string, startMs: number, type: string, call: EmrCallOptions): Promise<EmrAppointment | undefined> {
    const appointments = await adapter.getAppointmentsForPatient(demographicId, { ...call, limit: 50 });
    return appointments.find((a) => sameBooking(a, providerNo, startMs, type));
  }

  private async slotTaken(clinicId: string, request: EarliestRequest, deadline: number): Promise<SlotTakenError> {
    const offer = await this.findEarliest(clinicId, request, { deadline }).catch(() => null);
    return new SlotTakenError(offer && offer.outcome !== 'none' ? offer : null);
  }

  private instant(text: string, ctx: SchedulingContext, field: string) {
    const instant = typeof text === 'string' ? parseClinicInstant(text, ctx.zone) : null;
    if (!instant) throw new InvalidSchedulingArgumentsError('The time is not a date and time such as 2025-03-10T09:00:00-07:00.', field);
    return instant;
  }

  /** An EMR appointment as the caller hears it: the visit, not the buffer held after it. */
  private toBooked(a: EmrAppointment, rules: ProviderRules | undefined, ctx: SchedulingContext, alreadyDone: boolean): BookedAppointment {
    const start = parseClinicInstant(a.start, ctx.zone)!;
    const visit = visitMinutesOf(a);
    return {
      appointmentId: a.id,
      demographicId: a.demographicNo ?? 0,
      providerId: a.providerNo ?? '',
      providerName: rules?.name ?? '',
      startTime: toClinicIso(start, ctx.zone),
      endTime: visit === a.durationMinutes ? toClinicIso(parseClinicInstant(a.end, ctx.zone)!, ctx.zone) : toClinicIso(start.plus({ minutes: visit }), ctx.zone),
      appointmentType: a.type,
      durationMinutes: visit,
      alreadyDone,
    };
  }
}

function sameBooking(a: EmrAppointment, providerNo: string, startMs: number, type: string): boolean {
  return !a.cancelled && a.providerNo === providerNo && Date.parse(a.start) === startMs && (a.type ?? '') === type;
}

function positiveInt(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new InvalidSchedulingArgumentsError(`${field} must be a positive whole number.`, field);
  }
  return value;
}

function bookingNote(callId: string | null | undefined): string {
  return callId?.trim() ? `Booked by phone (VoiceDesk call ${callId.trim().slice(0, 80)})` : 'Booked by phone (VoiceDesk)';
}
