/**
 * Errors that services throw. Each carries a code from a closed list and a message fit for a
 * person (never PHI, never a secret). The HTTP filter maps codes to status codes; the voice
 * webhook maps the same errors to sentences.
 */
export const DOMAIN_ERROR_STATUS = {
  NOT_FOUND: 404,
  INVALID: 400,
  CONFLICT: 409,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  TOO_MANY_REQUESTS: 429,
  NOT_SUPPORTED: 422,
  TOO_LARGE: 413,
  UNSUPPORTED_MEDIA: 415,
  UPSTREAM_UNAVAILABLE: 503,
  UPSTREAM_TIMEOUT: 504,
  UPSTREAM_AUTH: 502,
} as const;

export type DomainErrorCode = keyof typeof DOMAIN_ERROR_STATUS;

export interface FieldError {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    /** seconds the client should wait (429, 503) */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A row that does not exist, or exists in another clinic (never say which). */
export class NotFoundInClinicError extends DomainError {
  constructor(what: string) {
    super('NOT_FOUND', `${what} not found`);
  }
}

export class InvalidInputError extends DomainError {
  constructor(message: string, fieldErrors: FieldError[] = []) {
    super('INVALID', message, fieldErrors);
  }
}

/**
 * The sentence above a 400's field messages: the one message when one field is refused, else how
 * many need a change and what each says (field keys stay in `errors[].field`, never in words).
 */
export function fieldsSummary(fieldErrors: readonly FieldError[]): string {
  if (fieldErrors.length === 0) return 'The request is not valid';
  if (fieldErrors.length === 1) return fieldErrors[0].message;
  return `${fieldErrors.length} fields need a change: ${fieldErrors.map((e) => e.message).join('; ')}`;
}

/** A 400 answering every refused field of a request at once. */
export function invalidFields(fieldErrors: FieldError[]): InvalidInputError {
  return new InvalidInputError(fieldsSummary(fieldErrors), fieldErrors);
}

/** 409: the change would break a rule (a duplicate, the last admin, a date already taken). */
export class ConflictError extends DomainError {
  constructor(message: string, fieldErrors: FieldError[] = []) {
    super('CONFLICT', message, fieldErrors);
  }
}
