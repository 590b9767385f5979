import { DomainError } from '../errors/domain-error.js';

/** 429 with Retry-After (seconds): the client sent more requests than its limit allows. */
export class RateLimitedError extends DomainError {
  constructor(retryAfterSeconds: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    super(
      'TOO_MANY_REQUESTS',
      `Too many requests. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
      [],
      seconds,
    );
  }
}
