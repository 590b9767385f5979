import { DomainError } from '../errors/domain-error.js';

/** 401: no valid session. One message for every cause, so a client learns nothing about why. */
export class UnauthenticatedError extends DomainError {
  constructor(message = 'Sign in to continue: the access token is missing, invalid, expired or revoked') {
    super('UNAUTHENTICATED', message);
  }
}

/** 403: signed in, but this role may not do that (never used for another clinic's rows: those are 404). */
export class ForbiddenError extends DomainError {
  constructor(message = 'Your role does not allow this') {
    super('FORBIDDEN', message);
  }
}

/** 429 with Retry-After: too many failed attempts from this account or this address. */
export class TooManyAttemptsError extends DomainError {
  constructor(retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(
      'TOO_MANY_REQUESTS',
      `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      [],
      Math.max(1, Math.ceil(retryAfterSeconds)),
    );
  }
}
