/**
 * The guard chain of a confirmation text (seed 003 "SMS CONSENT DATA FLOW" plus SPEC §7), in the
 * order it is checked. The first guard that fails is the reason recorded on the message
 * (`sms_messages.error_code`); nothing is sent and no network call is made.
 */
export type SmsSkipReason =
  | 'sms_disabled'
  | 'no_sender_number'
  | 'no_consent'
  | 'opted_out'
  | 'invalid_phone'
  | 'telnyx_not_configured';

export interface GuardInput {
  smsEnabled: boolean;
  senderNumber: string | null;
  /** the call's latest `smsConsent` (null: never given) */
  consent: boolean | null;
  optedOut: boolean;
  toE164: string | null;
  telnyxApiKeyConfigured: boolean;
}

export function firstFailedGuard(input: GuardInput): SmsSkipReason | null {
  if (!input.smsEnabled) return 'sms_disabled';
  if (!input.senderNumber || !isE164(input.senderNumber)) return 'no_sender_number';
  if (input.consent !== true) return 'no_consent';
  if (input.optedOut) return 'opted_out';
  if (!input.toE164 || !isTextablePhone(input.toE164)) return 'invalid_phone';
  if (!input.telnyxApiKeyConfigured) return 'telnyx_not_configured';
  return null;
}

export function isE164(phone: string): boolean {
  return /^\+[1-9]\d{7,14}$/.test(phone);
}

/** North American toll-free area codes: never a mobile. */
const NANP_TOLL_FREE = new Set(['800', '833', '844', '855', '866', '877', '888']);

/**
 * E.164, and for +1 a valid NANP number (area code and exchange not starting 0/1, not toll-free,
 * not an N11 service code). Whether it is a mobile is only known to the carrier: a landline fails
 * at Telnyx (`40001` not routable) and is recorded as failed.
 */
export function isTextablePhone(phone: string): boolean {
  if (!isE164(phone)) return false;
  if (!phone.startsWith('+1')) return true;
  const match = /^\+1([2-9]\d{2})([2-9]\d{2})\d{4}$/.exec(phone);
  if (!match) return false;
  const [, area, exchange] = match;
  return !NANP_TOLL_FREE.has(area) && !/^[2-9]11$/.test(area) && !/^[2-9]11$/.test(exchange);
}
