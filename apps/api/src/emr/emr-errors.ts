import { DomainError, type DomainErrorCode } from '../common/errors/domain-error.js';

/**
 * Typed EMR failures. Messages are plain words a clinic manager can act on; they never carry PHI,
 * credentials, URLs with secrets, or the EMR's raw fault text (which can echo patient data).
 * `transient` marks failures worth another try (reads only) and counted by the circuit breaker.
 */
export abstract class EmrError extends DomainError {
  abstract readonly transient: boolean;
  constructor(code: DomainErrorCode, message: string, retryAfterSeconds?: number) {
    super(code, message, [], retryAfterSeconds);
  }
}

/** A base for an EMR error with a fixed code and transience, whose message may be more specific than the default. */
function emrError(code: DomainErrorCode, transient: boolean, defaultMessage: string) {
  return class extends EmrError {
    readonly transient = transient;
    constructor(message = defaultMessage) {
      super(code, message);
    }
  };
}

/** Connection refused or reset, DNS failure, TLS failure, an HTML error page, a server-side crash. */
export class EmrUnreachableError extends emrError(
  'UPSTREAM_UNAVAILABLE',
  true,
  'The EMR could not be reached. Check that OSCAR is running and its address is right.',
) {}

/** The EMR answered something that is not a readable SOAP reply (truncated or malformed XML). */
export class EmrBadResponseError extends emrError('UPSTREAM_UNAVAILABLE', true, 'The EMR sent a reply that could not be read.') {}

/** A `soap:Server` fault: OSCAR hit an internal error. */
export class EmrServerError extends emrError('UPSTREAM_UNAVAILABLE', true, 'The EMR reported an internal error.') {}

/** The circuit breaker is open for this clinic: calls are paused for a while. */
export class EmrPausedError extends EmrError {
  readonly transient = false;
  constructor(retryAfterSeconds: number) {
    super(
      'UPSTREAM_UNAVAILABLE',
      `Calls to the EMR are paused after repeated failures; retrying in ${retryAfterSeconds} s.`,
      retryAfterSeconds,
    );
  }
}

/**
 * More work than the clinic's EMR can take in time: the call was still waiting in the clinic's
 * queue when its deadline passed (`queued`), or the queue was full (`queue_full`). The EMR was
 * never asked, so it is not an EMR failure (the breaker does not count it) and a write refused
 * this way made no change. The voice agent answers BUSY ("one moment"), never EMR_UNAVAILABLE.
 */
export class EmrBusyError extends EmrError {
  readonly transient = false;
  constructor(readonly reason: 'queued' | 'queue_full' = 'queued') {
    super('UPSTREAM_UNAVAILABLE', 'The EMR is busy with other requests for this clinic; try again in a moment.', 1);
  }
}

export class EmrTimeoutError extends EmrError {
  readonly transient = true;
  constructor(readonly afterMs: number) {
    super('UPSTREAM_TIMEOUT', `The EMR did not answer within ${formatSeconds(afterMs)}.`);
  }
}

/** WS-Security refused the credentials, or the OSCAR user lacks a needed privilege. */
export class EmrAuthError extends emrError(
  'UPSTREAM_AUTH',
  false,
  'The EMR refused the web-service credentials. Check the OSCAR security number and password in the EMR settings.',
) {}

/** An EMR type or mode VoiceDesk does not connect to (the message says which). */
export class EmrNotSupportedError extends EmrError {
  readonly transient = false;
  constructor(message: string) {
    super('NOT_SUPPORTED', message);
  }
}

/** The EMR refused the request as invalid (a bug on our side, or an impossible request). */
export class EmrInvalidError extends emrError('INVALID', false, 'The EMR refused the request as invalid.') {}

/** The record changed or vanished in the EMR (e.g. an appointment deleted in OSCAR). */
export class EmrConflictError extends emrError('CONFLICT', false, 'The record no longer exists in the EMR or was changed there.') {}

/** The clinic's EMR connection is not set up (no URL or credentials). */
export class EmrNotConfiguredError extends EmrError {
  readonly transient = false;
  constructor(missing: string) {
    super('INVALID', `The EMR connection is not set up: ${missing} is missing.`);
  }
}

export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  const text = Number.isInteger(seconds) ? String(seconds) : seconds.toFixed(1);
  return `${text} ${seconds === 1 ? 'second' : 'seconds'}`;
}

export function isTransientEmrError(error: unknown): boolean {
  return error instanceof EmrError && error.transient;
}
