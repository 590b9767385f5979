import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EmrAdapter, EmrAppointment, EmrCallOptions } from '../emr/emr-adapter.js';
import { EmrAdapterFactory } from '../emr/emr-adapter.factory.js';
import { EmrBusyError, EmrError, EmrInvalidError, EmrTimeoutError } from '../emr/emr-errors.js';
import { DEFAULT_READ_CONCURRENCY, openSession } from './booking-session.js';
import { lastBookableDate } from './booking-window.js';
import { notesWithVisit, visitMinutesOf } from './booking-length.js';
import { clinicDate, parseClinicInstant, toClinicIso } from './clinic-time.js';
import { findEarliestIn, searchableProviders, toOffer } from './earliest-finder.js';
import { patientDayAppointments, ProviderDays, type Candidate } from './provider-day.js';
import type { ProviderRules } from './provider-rules.js';
import { ScheduleCacheStore } from './schedule-cache.store.js';
import { offerSlots, SchedulingClaims, type ClaimedSlot } from './scheduling-claims.js';
import { SchedulingContextReader, type SchedulingContext } from './scheduling-context.js';
import { DEFAULT_BUDGET_MS, SCHEDULING_CLOCK, systemClock, type SchedulingClock } from './scheduling-clock.js';
import {
  asSchedulingError,
  DailyLimitError,
  InvalidSchedulingArgumentsError,
  NotAcceptingError,
  SchedulingBusyError,
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
  SlotOffer,
} from './scheduling.types.js';

/** A claimed booking stays claimed this long past the caller's deadline (a write still in flight). */
const CLAIM_SLACK_MS = 30_000;
/** How often a booking waiting for the same patient's other booking that day looks again. */
const PATIENT_DAY_POLL_MS = 50;
/** The background re-read after a change through us: how long it may take (nobody waits for it). */
const READ_AGAIN_MS = 15_000;

/**
 * The scheduling engine the voice webhook calls (SPEC §5): the earliest bookable slot — day
 * schedules from the cache, every EMR read in one parallel wave, the top offer held for the call —
 * and booking and moving under claims of the exact slots taken, every rule re-checked against a
 * fresh read of the EMR. Throws `SchedulingError`s only.
 */
@Injectable()
export class SchedulingService {
  private readonly logger = new Logger(SchedulingService.name);
  private readonly clock: SchedulingClock;

  constructor(
    private readonly contexts: SchedulingContextReader,
    private readonly emr: EmrAdapterFactory,
    private readonly claims: SchedulingClaims,
    private readonly cache: ScheduleCacheStore,
    @Optional() @Inject(SCHEDULING_CLOCK) clock?: SchedulingClock,
  ) {
    this.clock = clock ?? systemClock;
  }

  /**
   * The earliest bookable slot for the caller plus up to two alternatives, within the deadline.
   * The offer is held for the call (`offerHoldMinutes`): other calls' searches skip it and their
   * bookings of it are refused, until this call books, searches again or ends.
   */
  async findEarliest(
    clinicId: string,
    request: EarliestRequest,
    options: SchedulingCallOptions & { freshSince?: number; patientAppointments?: readonly EmrAppointment[] } = {},
  ): Promise<EarliestResult> {
    const startedAt = Date.now();
    const deadline = ownDeadline(options, startedAt);
    const callId = callOf(options);
    if (request.demographicId != null) positiveInt(request.demographicId, 'demographicId');
    try {
      const { ctx, adapter, concurrency } = await this.open(clinicId);
      const tOpen = Date.now() - startedAt;
      const now = this.clock();
      const today = clinicDate(now, ctx.zone);
      const horizon = lastBookableDate(today, Math.max(0, ...ctx.providers.map((r) => r.maxAdvanceBookingDays)));
      // read from the database while the EMR is already being asked for the appointments
      const cached = this.cache.readShared(clinicId, today, horizon);
      const held = this.claims.heldByOthers(clinicId, callId);
      // awaited by the session; should it fail before, the failure is not left unhandled
      for (const pending of [cached, held]) pending.catch(() => undefined);
      const tCache = Date.now() - startedAt;
      const session = await openSession({
        ctx,
        adapter,
        now,
        call: { deadline, signal: options.signal, ...(options.freshSince !== undefined ? { freshSince: options.freshSince } : {}) },
        filters: request,
        demographicId: request.demographicId ?? null,
        ignoreAppointmentId: request.movingAppointmentId ?? null,
        type: request,
        visitMode: request.visitMode ?? null,
        providers: searchableProviders(ctx, request),
        cached,
        held,
        concurrency,
        patientAppointments: options.patientAppointments,
      });
      const tSession = Date.now() - startedAt;
      let result = await findEarliestIn(session, request, deadline).finally(() => session.reader.stop());
      const tFound = Date.now() - startedAt;
      this.remember(clinicId, session.reader.fetched);
      // out of time before any answer (the EMR answered, but not all in time): more than it can take now
      if (result.outcome === 'none' && result.partial) {
        // … unless it answered none of the search's reads: an EMR that does not answer is unavailable
        if (session.reader.calls > 0 && session.reader.answered === 0) throw new SchedulingEmrUnavailableError(new EmrTimeoutError(deadline - startedAt));
        throw new SchedulingBusyError();
      }
      // the caller has already been told "one moment" (the webhook answers at its deadline): an offer
      // nobody hears is not held — it would keep the slot from every other caller for minutes
      if (options.callId?.trim() && Date.now() > deadline + ANSWER_MARGIN_MS) throw new SchedulingBusyError();
      // an offer is held for a call; a request without one (REST, tests) has nobody to hold it for
      if (options.callId?.trim()) {
        for (let look = 1; ; look++) {
          const kept = await this.hold(clinicId, callId, ctx, result);
          if (kept) {
            result = kept;
            break;
          }
          // every start of the offer's day was held by other callers while this one searched (a crowd):
          // look again past what is held now (the months are read already: with the cache warm, no EMR
          // call) and hold from the next free day. Out of looks, or past half of the caller's time (a
          // crowd so large that looking again would leave callers with "one moment"), the offer goes
          // unheld: the booking re-checks, and SLOT_TAKEN comes with a fresh offer
          if (look >= HOLD_LOOKS || Date.now() > startedAt + (deadline - startedAt) / 2) break;
          const heldNow = await this.claims.heldByOthers(clinicId, callId);
          const again = await findEarliestIn({ ...session, held: heldNow }, request, deadline);
          if (again.outcome !== 'found') break;
          result = again;
        }
      }
      const tHeld = Date.now() - startedAt;
      this.logger.log(
        { clinicId, atMs: { open: tOpen, asked: tCache, chartRead: tSession, found: tFound, held: tHeld }, outcome: result.outcome, partial: result.partial, emrCalls: session.reader.calls, waves: session.plan.waves.length, why: result.offer?.why, ms: Date.now() - startedAt },
        'earliest slot search',
      );
      return result;
    } catch (error) {
      throw asSchedulingError(error);
    }
  }

  /** Ends the call's offer hold (its end-of-call report arrived). */
  async endCall(clinicId: string, callId: string): Promise<void> {
    await this.claims.releaseOffers(clinicId, callId);
  }

  /**
   * Books the slot if it is still free: a fresh read of the provider's day and the chart, the
   * slot's claim (another call's hold or booking of it refuses at once), then the EMR write.
   * Returns an identical existing booking instead of adding another (a retried call); SLOT_TAKEN
   * with a fresh offer otherwise.
   */
  async book(clinicId: string, request: BookRequest, options: SchedulingCallOptions = {}): Promise<BookedAppointment> {
    const startedAt = Date.now();
    const deadline = ownDeadline(options, Date.now());
    const demographicId = positiveInt(request.demographicId, 'demographicId');
    const callId = callOf(options);
    try {
      const { ctx, adapter } = await this.open(clinicId);
      const rules = this.bookableProvider(ctx, request.providerNo);
      const start = this.instant(request.startTime, ctx, 'startTime');
      const call: EmrCallOptions = { deadline, signal: options.signal, freshSince: startedAt };
      const date = clinicDate(start, ctx.zone);
      const [check, patient] = await Promise.all([
        this.recheck(ctx, adapter, call, rules, date, demographicId, null, request),
        adapter.getPatient(demographicId, call),
      ]);
      if (!patient) throw new InvalidSchedulingArgumentsError('That chart was not found in the clinic’s records.', 'demographicId');
      const same = check.session.patient.appointments.find((a) => sameBooking(a, rules.providerNo, start.toMillis(), check.days.type.code));
      if (same) return this.toBooked(same, rules, ctx, true);
      this.checkPatient(check.session.patient.newPatient, rules, patientDayAppointments(check.session.patient, date).length);
      const free = check.free.find((c) => c.start.toMillis() === start.toMillis());
      if (!free) throw await this.slotTaken(clinicId, callId, { demographicId, providerId: rules.providerNo, appointmentType: check.days.type.code, reason: request.reason, startDate: date, excludeStartTimes: [request.startTime] }, deadline, startedAt, check.session.patient.appointments);
      const name = patient.lastName && patient.firstName ? `${patient.lastName},${patient.firstName}` : null;
      const offer = toOffer(free, ctx.zone);
      const booked = await this.claimed(ctx, callId, offer, { demographicId, date, readAt: check.readAt, deadline, adapter, call, rules }, async () => {
        const input = {
          providerNo: rules.providerNo, demographicNo: demographicId, start: toClinicIso(start, ctx.zone), durationMinutes: free.reservedMinutes,
          type: free.appointmentType, reason: request.reason ?? null, name,
          // OSCAR gets every slot the booking takes (buffer included); the caller hears the visit
          notes: notesWithVisit(bookingNote(request.callId), free.durationMinutes, free.reservedMinutes) ?? null,
        };
        const id = await this.addOrFind(adapter, input, call, deadline, () => this.findSame(adapter, demographicId, rules.providerNo, start.toMillis(), free.appointmentType, call));
        return { ...offer, appointmentId: id, demographicId, alreadyDone: false };
      });
      if (booked) {
        this.readAgainSoon(ctx, adapter, [rules.providerNo]);
        return stripOffer(booked);
      }
      throw await this.slotTaken(clinicId, callId, { demographicId, providerId: rules.providerNo, appointmentType: check.days.type.code, reason: request.reason, startDate: date, excludeStartTimes: [request.startTime] }, deadline, startedAt, check.session.patient.appointments);
    } catch (error) {
      throw asSchedulingError(error);
    }
  }

  /**
   * Moves an appointment (keeping its type and visit length, holding its buffer again at the new
   * time) if the new time is free, honouring `cancellationMinNoticeHours`.
   */
  async move(clinicId: string, request: MoveRequest, options: SchedulingCallOptions = {}): Promise<BookedAppointment> {
    const startedAt = Date.now();
    const deadline = ownDeadline(options, Date.now());
    const appointmentId = positiveInt(request.appointmentId, 'appointmentId');
    const callId = callOf(options);
    try {
      const { ctx, adapter } = await this.open(clinicId);
      const call: EmrCallOptions = { deadline, signal: options.signal, freshSince: startedAt };
      const current = await this.changeable(ctx, adapter, appointmentId, call);
      const rules = this.bookableProvider(ctx, request.newProviderNo?.trim() || (current.providerNo ?? ''));
      const start = this.instant(request.newStartTime, ctx, 'newStartTime');
      const demographicId = current.demographicNo as number;
      if (current.providerNo === rules.providerNo && parseClinicInstant(current.start, ctx.zone)?.toMillis() === start.toMillis()) {
        return this.toBooked(current, rules, ctx, true);
      }
      const date = clinicDate(start, ctx.zone);
      const type = { appointmentType: current.type, reason: current.reason };
      // the appointment keeps its own type and visit length; the block held around it follows the new day's grid
      const visit = visitMinutesOf(current);
      const check = await this.recheck(ctx, adapter, call, rules, date, demographicId, appointmentId, type, visit);
      this.checkPatient(check.session.patient.newPatient, rules, patientDayAppointments(check.session.patient, date).length);
      const free = check.free.find((c) => c.start.toMillis() === start.toMillis());
      const taken = () => this.slotTaken(clinicId, callId, { demographicId, providerId: rules.providerNo, appointmentType: current.type ?? check.days.type.code, startDate: date, excludeStartTimes: [request.newStartTime], movingAppointmentId: appointmentId }, deadline, startedAt, check.session.patient.appointments);
      if (!free) throw await taken();
      const offer = toOffer(free, ctx.zone);
      const moved = await this.claimed(ctx, callId, offer, { demographicId, date, readAt: check.readAt, deadline, adapter, call, rules, ignoreAppointmentId: appointmentId }, async () => {
        const notes = notesWithVisit(current.notes, visit, free.reservedMinutes);
        const changes = { start: toClinicIso(start, ctx.zone), providerNo: rules.providerNo, durationMinutes: free.reservedMinutes };
        const changed = await adapter.updateAppointment(appointmentId, notes === undefined || notes === (current.notes ?? '') ? changes : { ...changes, notes }, call);
        return this.toBooked(changed, rules, ctx, false);
      });
      if (moved) {
        this.readAgainSoon(ctx, adapter, [current.providerNo, rules.providerNo]);
        return stripOffer(moved);
      }
      throw await taken();
    } catch (error) {
      throw asSchedulingError(error);
    }
  }

  /** Status `C` through the adapter, honouring `cancellationMinNoticeHours`; cancelling twice is a no-op. */
  async cancel(clinicId: string, request: CancelRequest, options: SchedulingCallOptions = {}): Promise<BookedAppointment> {
    const deadline = ownDeadline(options, Date.now());
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
      this.readAgainSoon(ctx, adapter, [current.providerNo]);
      return this.toBooked(cancelled, rules, ctx, false);
    } catch (error) {
      throw asSchedulingError(error);
    }
  }

  // ---- steps ----

  /**
   * After a change made through us (a booking, a move, a cancellation), each provider's
   * appointments over the booking window — the very read every search makes — are read again in
   * the background, once the caller has the answer. The next caller's search still asks OSCAR
   * (nothing is served from memory that OSCAR did not just say), but the reply it gets is then
   * byte for byte one already read, and the reply reader remembers replies by their bytes
   * (`emr/soap-fast-replies.ts`): a fully booked month costs that search no reading (~15 ms of
   * CPU on the caller's path otherwise). One SOAP call per change; a failure only costs that.
   */
  private readAgainSoon(ctx: SchedulingContext, adapter: EmrAdapter, providerNos: readonly (string | null | undefined)[]): void {
    setImmediate(() => {
      const today = clinicDate(this.clock(), ctx.zone);
      for (const providerNo of new Set(providerNos)) {
        const rules = ctx.providers.find((r) => r.providerNo === providerNo);
        if (!rules) continue;
        const last = lastBookableDate(today, rules.maxAdvanceBookingDays);
        adapter.getAppointmentsForProvider(rules.providerNo, today, last, { deadline: Date.now() + READ_AGAIN_MS, fresh: true }).catch(() => undefined);
      }
    });
  }

  private async open(clinicId: string): Promise<{ ctx: SchedulingContext; adapter: EmrAdapter; concurrency: number }> {
    const yesterday = clinicDate(new Date(this.clock().getTime() - 86_400_000), 'UTC');
    const [ctx, adapter] = await Promise.all([this.contexts.load(clinicId, yesterday), this.emr.forClinic(clinicId)]);
    const concurrency = (await this.emr.resilienceFor(clinicId).catch(() => null))?.options.maxConcurrent ?? DEFAULT_READ_CONCURRENCY;
    return { ctx, adapter, concurrency };
  }

  /**
   * A booking's re-check: the provider's day schedule and appointments and the chart's
   * appointments read fresh in one wave (no cache, no short-lived shared result). The schedule
   * read replaces the cache's entry, so a template changed in OSCAR is seen by the next search.
   */
  private async recheck(
    ctx: SchedulingContext, adapter: EmrAdapter, call: EmrCallOptions, rules: ProviderRules, date: string, demographicId: number,
    ignore: number | null, type: { appointmentType?: string | null; reason?: string | null }, minutes?: number,
  ): Promise<{ session: Awaited<ReturnType<typeof openSession>>; days: ProviderDays; free: Candidate[]; readAt: Date }> {
    const readAt = new Date();
    const session = await openSession({
      ctx, adapter, now: this.clock(), call, filters: { startDate: date, endDate: date }, demographicId, ignoreAppointmentId: ignore, type,
      only: { providerNo: rules.providerNo, date },
    });
    const days = new ProviderDays(session, rules, minutes ? { minutes } : {});
    const free = await days.candidates(date);
    await this.cache.write(ctx.clinicId, session.reader.fetched).catch((error: unknown) => this.logger.warn({ clinicId: ctx.clinicId, err: error }, 'schedule cache not updated'));
    return { session, days, free, readAt };
  }

  /**
   * Runs `write` with every slot of `offer` claimed for the call and the patient's day claimed for
   * the daily limit; null when another call holds or books one of the slots. A booking of the same
   * patient that day in progress elsewhere is waited for, then the chart is read again.
   */
  private async claimed<T>(
    ctx: SchedulingContext, callId: string, offer: SlotOffer,
    job: { demographicId: number; date: string; readAt: Date; deadline: number; adapter: EmrAdapter; call: EmrCallOptions; rules: ProviderRules; ignoreAppointmentId?: number },
    write: () => Promise<T>,
  ): Promise<T | null> {
    const slots: ClaimedSlot[] = offerSlots(offer);
    const forMs = Math.max(0, job.deadline - Date.now()) + CLAIM_SLACK_MS;
    if (!(await this.claims.claimBooking(ctx.clinicId, callId, slots, forMs))) return null;
    let done = false;
    try {
      let readAt = job.readAt;
      for (;;) {
        const state = await this.claims.claimPatientDay(ctx.clinicId, callId, job.demographicId, job.date, readAt, forMs);
        if (state === 'claimed') break;
        if (Date.now() > job.deadline - 500) throw new SchedulingBusyError();
        if (state === 'busy') {
          await sleep(PATIENT_DAY_POLL_MS);
          continue;
        }
        // another booking of this patient that day landed after the chart was read: read it again
        readAt = new Date();
        const appointments = await job.adapter.getAppointmentsForPatient(job.demographicId, { ...job.call, limit: 200 });
        const sameDay = appointments.filter((a) => a.date === job.date && !a.cancelled && a.id !== job.ignoreAppointmentId);
        this.checkPatient(false, job.rules, sameDay.length);
      }
      const result = await write();
      done = true;
      return result;
    } finally {
      await (done
        ? this.claims.settle(ctx.clinicId, callId, slots, job.demographicId, job.date)
        : this.claims.release(ctx.clinicId, callId, slots, job.demographicId, job.date)
      ).catch((error: unknown) => this.logger.warn({ clinicId: ctx.clinicId, err: error }, 'booking claims not updated'));
    }
  }

  /**
   * Holds the top offer for the call; when another caller just took it, the next free start of that
   * day takes its place. Null when every start of that day is held by other callers right now.
   */
  private async hold(clinicId: string, callId: string, ctx: SchedulingContext, result: EarliestResult): Promise<EarliestResult | null> {
    if (result.outcome !== 'found' || !result.offer) {
      await this.claims.releaseOffers(clinicId, callId);
      return result;
    }
    const holdMs = Math.max(1, ctx.config.offerHoldMinutes ?? 3) * 60_000;
    const ranked = result.ranked.length ? result.ranked : [result.offer];
    {
      const heldOffer = await this.claims.holdFirst(clinicId, callId, ranked, holdMs);
      if (heldOffer) {
        if (heldOffer === result.offer) return result;
        const overlaps = (o: SlotOffer) => o.providerId === heldOffer.providerId && o.startTime < heldOffer.endTime && o.endTime > heldOffer.startTime;
        return { ...result, offer: { ...heldOffer, why: `${heldOffer.why}; the earlier start is held for another caller` }, alternatives: result.alternatives.filter((o) => !overlaps(o)) };
      }
    }
    return null;
  }

  /**
   * Day schedules a search had to read from the EMR go into the cache (after the answer; a failure
   * only costs a later read), and the replica's kept window is read again by the next search: the
   * cache is still filling (another replica's refresh may have written more since).
   */
  private remember(clinicId: string, fetched: Parameters<ScheduleCacheStore['write']>[1]): void {
    if (fetched.length === 0) return;
    void this.cache.write(clinicId, fetched, { reloadWindows: true }).catch((error: unknown) => this.logger.warn({ clinicId, err: error }, 'schedule cache not updated'));
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
      // refused as invalid, or never sent (still queued: BUSY): nothing can have landed
      if (!(error instanceof EmrError) || error instanceof EmrInvalidError || error instanceof EmrBusyError || deadline - Date.now() < 300) throw error;
      const landed = await find().catch(() => undefined);
      if (landed) return landed.id;
      throw error;
    }
  }

  private async findSame(adapter: EmrAdapter, demographicId: number, providerNo: string, startMs: number, type: string, call: EmrCallOptions): Promise<EmrAppointment | undefined> {
    const appointments = await adapter.getAppointmentsForPatient(demographicId, { ...call, limit: 50 });
    return appointments.find((a) => sameBooking(a, providerNo, startMs, type));
  }

  /** SLOT_TAKEN with a fresh offer built from fresh reads (held for the call like any offer). */
  private async slotTaken(clinicId: string, callId: string, request: EarliestRequest, deadline: number, freshSince: number, patientAppointments?: readonly EmrAppointment[]): Promise<SlotTakenError> {
    const offer = await this.findEarliest(clinicId, request, { deadline, callId, freshSince, patientAppointments }).catch((error: unknown) => {
      this.logger.warn({ clinicId, error: (error as Error)?.name }, 'slot taken: no fresh offer found in time');
      return null;
    });
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

/** How many times a search looks again past what other callers hold before offering a slot unheld. */
const HOLD_LOOKS = 3;

/** Answer this long before the caller's deadline, so a typed answer (BUSY, SLOT_TAKEN…) beats the webhook's own timeout. */
const ANSWER_MARGIN_MS = 200;

function ownDeadline(options: SchedulingCallOptions, now: number): number {
  return options.deadline === undefined ? now + DEFAULT_BUDGET_MS : options.deadline - ANSWER_MARGIN_MS;
}

/** The call claims and holds in its own name; a request without a call claims for itself alone. */
function callOf(options: SchedulingCallOptions): string {
  return options.callId?.trim() || `request:${randomUUID()}`;
}

function stripOffer(booked: BookedAppointment): BookedAppointment {
  const { appointmentId, demographicId, providerId, providerName, startTime, endTime, appointmentType, durationMinutes, alreadyDone } = booked;
  return { appointmentId, demographicId, providerId, providerName, startTime, endTime, appointmentType, durationMinutes, alreadyDone };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
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
