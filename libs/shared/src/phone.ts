/**
 * Phone numbers as E.164 (`+16045550142`). Clinic callers and OSCAR charts write numbers in every
 * shape (`604-555-0142`, `(604) 555-0142 ext 12`, `1 604 555 0142`); both sides are normalised
 * before they are compared. Numbers without a country code are read as North American (+1).
 */

const EXTENSION = /\s*(?:ext\.?|extension|x|#)\s*\d+\s*$/i;

/** A number already in E.164 form: `+`, a country code that does not start with 0, 8 to 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{7,14}$/;

export function isE164(value: unknown): value is string {
  return typeof value === 'string' && E164_PATTERN.test(value);
}

/** `+CC…` for a number that can be read, else null (too short, letters, empty). */
export function toE164(raw: string | null | undefined, defaultCountryCode = '1'): string | null {
  if (raw === null || raw === undefined) return null;
  const text = raw.trim().replace(EXTENSION, '');
  if (text === '' || /[a-z]/i.test(text)) return null;
  const international = text.startsWith('+') || text.startsWith('00');
  let digits = text.replace(/\D/g, '');
  if (text.startsWith('00')) digits = digits.slice(2);
  if (international) return digits.length >= 8 && digits.length <= 15 && digits[0] !== '0' ? `+${digits}` : null;
  if (defaultCountryCode === '1') {
    if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
    // NANP: area code and exchange never start with 0 or 1
    return digits.length === 10 && /^[2-9]\d{2}[2-9]/.test(digits) ? `+1${digits}` : null;
  }
  const national = digits.replace(/^0+/, '');
  const full = `${defaultCountryCode}${national}`;
  return full.length >= 8 && full.length <= 15 ? `+${full}` : null;
}

/** True when both numbers normalise to the same E.164 number. */
export function samePhone(a: string | null | undefined, b: string | null | undefined): boolean {
  const left = toE164(a);
  return left !== null && left === toE164(b);
}

/** The last `count` digits of a number: what a substring search of free-text phone fields can match. */
export function lastDigits(phone: string, count = 4): string {
  const digits = phone.replace(/\D/g, '');
  return digits.slice(-count);
}

/** `+16045550142` → `********0142`: enough for staff to recognise a number in a list. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}
