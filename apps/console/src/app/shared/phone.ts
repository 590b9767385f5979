import { formatPhone, toE164 } from '../../../../../libs/shared/src/phone';

/**
 * Phone numbers in the console: shown one way everywhere (`+1 604-555-0142`, libs/shared's
 * `formatPhone` on libphonenumber-js), sent to the API in E.164 when they read as a number (else as
 * typed, so the API names the field).
 */
export const showPhone = (phone: string | null | undefined, none = ''): string => (phone ? formatPhone(phone) : none);

/** A phone field's value for the API: E.164 when it reads as a number, the text as typed otherwise, null when empty. */
export function phoneOrNull(value: string | null | undefined): string | null {
  const text = (value ?? '').trim();
  return text === '' ? null : (toE164(text) ?? text);
}

/**
 * A masked number (`*******0142`: the API sends no more) in the shape numbers are shown in:
 * `•••-•••-0142` for a North American number, `••• 0142` for others.
 */
export function maskedPhone(masked: string | null | undefined, none = '—'): string {
  if (!masked) return none;
  const last = masked.replace(/\*/g, '');
  return masked.length === 11 ? `•••-•••-${last}` : `••• ${last}`;
}
