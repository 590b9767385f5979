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

/** Connection refused or reset, DNS failure, TLS failure, an HTML error page, a server-side crash. */
export class EmrUnreachableError extends EmrError {
  readonly transient = true;
  constructor(message = 'The EMR could not be reached. Check that OSCAR is running and its address is right.') {
    super('UPSTREAM_UNAVAILABLE', message);
  }
}

/** The EMR answered something that is not a readable SOAP reply (truncated or malformed XML). */
export class EmrBadResponseError extends EmrError {
  readonly transient = true;
  constructor(message = 'The EMR sent a reply that could not be read.') {
    super('UPSTREAM_UNAVAILABLE', message);
  }
}

/** A `soap:Server` fault: OSCAR hit an internal error. */
export class EmrServerError extends EmrError {
  readonly transient = true;
  constructor(message = 'The EMR reported an internal error.') {
    super('UPSTREAM_UNAVAILABLE', message);
  }
}

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

/** Too many EMR calls for this clinic are already running or waiting. */
export class EmrBusyError extends EmrError {
  readonly transient = false;
  constructor() {
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
export class EmrAuthError extends EmrError {
  readonly transient = false;
  constructor(
    message = 'The EMR refused the web-service credentials. Check the OSCAR security number and password in the EMR settings.',
  ) {
    super('UPSTREAM_AUTH', message);
  }
}

export class EmrNotSupportedError extends EmrError {
  readonly transient = false;
  constructor(message: string) {
    super('NOT_SUPPORTED', message);
  }
}

/** The EMR refused the request as invalid (a bug on our side, or an impossible request). */
export class EmrInvalidError extends EmrError {
  readonly transient = false;
  constructor(message = 'The EMR refused the request as invalid.') {
    super('INVALID', message);
  }
}

/** The record changed or vanished in the EMR (e.g. an appointment deleted in OSCAR). */
export class EmrConflictError extends EmrError {
  readonly transient = false;
  constructor(message = 'The record no longer exists in the EMR or was changed there.') {
    super('CONFLICT', message);
  }
}

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
