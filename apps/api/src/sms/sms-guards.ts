import { parsePhoneNumberFromString, type NumberType } from 'libphonenumber-js/max';
import { isE164 } from '../../../../libs/shared/src/phone.js';

/**
 * The guard chain of a text (seed 003 "SMS CONSENT DATA FLOW": `TELNYX_API_KEY? → smsSenderNumber?
 * → smsConsent? → valid phone? → smsEnabled?`, plus SPEC §7's opt-out, checked with the consent it
 * belongs to), in the order it is checked. The first guard that fails is the reason recorded on the
 * message (`sms_messages.error_code`); nothing is sent and no network call is made.
 *
 * A reply to a person's HELP text is asked for by that person: it needs a carrier, a sender and a
 * textable number, not a call's consent, and it is answered even when the clinic's confirmations
 * are off or the number opted out of them (carriers require HELP to be answered).
 */
export type SmsSkipReason =
  | 'telnyx_not_configured'
  | 'no_sender_number'
  | 'no_consent'
  | 'opted_out'
  | 'invalid_phone'
  | 'sms_disabled';

/** What the text is: a confirmation of a voice booking, or the answer to a HELP text. */
export type SmsPurpose = 'confirmation' | 'help_reply';

export interface GuardInput {
  purpose?: SmsPurpose;
  telnyxApiKeyConfigured: boolean;
  senderNumber: string | null;
  /** the call's latest `smsConsent` (null: never given) */
  consent: boolean | null;
  optedOut: boolean;
  toE164: string | null;
  smsEnabled: boolean;
}

interface Guard {
  reason: SmsSkipReason;
  holds(input: GuardInput): boolean;
  /** a guard of confirmations only; every text when absent */
  confirmationsOnly?: true;
}

/** The chain, in order. */
export const SMS_GUARDS: readonly Guard[] = [
  { reason: 'telnyx_not_configured', holds: (i) => i.telnyxApiKeyConfigured },
  { reason: 'no_sender_number', holds: (i) => isE164(i.senderNumber) },
  { reason: 'no_consent', holds: (i) => i.consent === true, confirmationsOnly: true },
  { reason: 'opted_out', holds: (i) => !i.optedOut, confirmationsOnly: true },
  { reason: 'invalid_phone', holds: (i) => i.toE164 !== null && isTextablePhone(i.toE164) },
  { reason: 'sms_disabled', holds: (i) => i.smsEnabled, confirmationsOnly: true },
];

export function firstFailedGuard(input: GuardInput): SmsSkipReason | null {
  const purpose = input.purpose ?? 'confirmation';
  const failed = SMS_GUARDS.find((guard) => (purpose === 'confirmation' || !guard.confirmationsOnly) && !guard.holds(input));
  return failed?.reason ?? null;
}

/**
 * Number types a text can reach. North American numbers do not say whether they are mobiles
 * (landlines and mobiles share area codes and exchanges): libphonenumber calls them
 * FIXED_LINE_OR_MOBILE, and they are texted; a landline among them fails at the carrier and is
 * recorded with its code (Telnyx `40001`).
 */
const TEXTABLE_TYPES: ReadonlySet<NumberType> = new Set<NumberType>(['MOBILE', 'FIXED_LINE_OR_MOBILE']);

/**
 * A valid E.164 number that may be a mobile, by libphonenumber's full ("max") metadata: not a
 * landline where the numbering plan tells (e.g. a UK `20` number), not toll-free, premium,
 * shared-cost or a service code.
 */
export function isTextablePhone(phone: string): boolean {
  if (!isE164(phone)) return false;
  const type = parsePhoneNumberFromString(phone)?.getType();
  return type !== undefined && TEXTABLE_TYPES.has(type);
}
