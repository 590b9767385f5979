import { DomainError, type DomainErrorCode } from '../common/errors/domain-error.js';
import { EmrBusyError, EmrError, EmrTimeoutError } from '../emr/emr-errors.js';
import type { EarliestResult } from './scheduling.types.js';

/**
 * Refusals of the scheduling engine. `schedulingCode` is what the voice webhook turns into a
 * SPEC §4.2 code (the same names); `code` is the HTTP-facing domain code. Messages are plain
 * words and never carry PHI.
 */
export type SchedulingErrorCode =
  | 'SLOT_TAKEN'
  | 'DAILY_LIMIT'
  | 'TOO_LATE_TO_CHANGE'
  | 'NOT_ACCEPTING'
  | 'EMR_UNAVAILABLE'
  | 'BUSY'
  | 'INVALID_ARGUMENTS';

export abstract class SchedulingError extends DomainError {
  abstract readonly schedulingCode: SchedulingErrorCode;
  constructor(code: DomainErrorCode, message: string, field?: string, retryAfterSeconds?: number) {
    super(code, message, field ? [{ field, message }] : [], retryAfterSeconds);
  }
}

/** The slot went to someone else (or is no longer bookable); `offer` is a fresh one when one was found in time. */
export class SlotTakenError extends SchedulingError {
  readonly schedulingCode = 'SLOT_TAKEN';
  constructor(
    readonly offer: EarliestResult | null,
    message = 'That time was just taken.',
  ) {
    super('CONFLICT', message);
  }
}

export class DailyLimitError extends SchedulingError {
  readonly schedulingCode = 'DAILY_LIMIT';
  constructor(readonly maxPerDay: number) {
    super('CONFLICT', `The clinic books at most ${maxPerDay} ${maxPerDay === 1 ? 'appointment' : 'appointments'} per patient per day.`);
  }
}

export class TooLateToChangeError extends SchedulingError {
  readonly schedulingCode = 'TOO_LATE_TO_CHANGE';
  constructor(readonly minNoticeHours: number) {
    super('CONFLICT', `Appointments can only be changed or cancelled at least ${minNoticeHours} hours ahead; please call the clinic.`);
  }
}

/** The provider (or the clinic) does not take this booking by phone: new patients, or not voice-bookable. */
export class NotAcceptingError extends SchedulingError {
  readonly schedulingCode = 'NOT_ACCEPTING';
  constructor(message = 'This provider is not accepting new patients.') {
    super('CONFLICT', message);
  }
}

export class InvalidSchedulingArgumentsError extends SchedulingError {
  readonly schedulingCode = 'INVALID_ARGUMENTS';
  constructor(message: string, field?: string) {
    super('INVALID', message, field);
  }
}

/** The EMR failed or was too slow for the caller's deadline; wraps the EMR error (kept as `cause`). */
export class SchedulingEmrUnavailableError extends SchedulingError {
  readonly schedulingCode = 'EMR_UNAVAILABLE';
  /** the deadline ran out (as opposed to the EMR failing) */
  readonly tooSlow: boolean;
  constructor(cause?: unknown) {
    const emr = cause instanceof EmrError ? cause : undefined;
    const tooSlow = cause === undefined || cause instanceof EmrTimeoutError;
    super(
      tooSlow ? 'UPSTREAM_TIMEOUT' : (emr?.code ?? 'UPSTREAM_UNAVAILABLE'),
      tooSlow ? 'The clinic’s records system is too slow to answer right now.' : 'The clinic’s records system is not available right now.',
      undefined,
      emr?.retryAfterSeconds,
    );
    this.tooSlow = tooSlow;
    if (cause !== undefined) (this as { cause?: unknown }).cause = cause;
  }
}

/** More work than the clinic's EMR could take before the deadline (it was never asked): "one moment", not a failure. */
export class SchedulingBusyError extends SchedulingError {
  readonly schedulingCode = 'BUSY';
  constructor(cause?: EmrBusyError) {
    super('UPSTREAM_UNAVAILABLE', 'The clinic’s records system is busy with other callers; try again in a moment.', undefined, cause?.retryAfterSeconds ?? 1);
    if (cause !== undefined) (this as { cause?: unknown }).cause = cause;
  }
}

/** A busy EMR becomes `SchedulingBusyError`, other EMR failures `SchedulingEmrUnavailableError`; everything else passes through. */
export function asSchedulingError(error: unknown): unknown {
  if (error instanceof SchedulingError) return error;
  if (error instanceof EmrBusyError) return new SchedulingBusyError(error);
  if (error instanceof EmrError) {
    // a misconfigured or unsupported EMR is still "unavailable" to a caller on the phone
    return new SchedulingEmrUnavailableError(error);
  }
  return error;
}
