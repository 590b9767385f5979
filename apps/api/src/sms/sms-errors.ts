import { DomainError } from '../common/errors/domain-error.js';

/** 401: the Telnyx webhook's signature is missing, wrong or outside the 5-minute window, or no key is configured to check it. */
export class TelnyxSignatureError extends DomainError {
  constructor(reason: 'not_configured' | 'invalid') {
    super(
      'UNAUTHENTICATED',
      reason === 'not_configured'
        ? 'Telnyx webhooks cannot be verified on this server: TELNYX_PUBLIC_KEY is not set'
        : 'Invalid or stale Telnyx webhook signature',
    );
  }
}

/** 400: a signed body that is not a Telnyx event envelope. */
export class TelnyxEventInvalidError extends DomainError {
  constructor() {
    super('INVALID', 'Not a Telnyx webhook event');
  }
}
