import { type CountryCode, type PhoneNumber, findPhoneNumbersInText, parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Phone numbers, read and written by libphonenumber-js (Google's libphonenumber rules and
 * metadata): stored and compared as E.164 (`+16045550142`), shown to people as `+1 604-555-0142`.
 * Clinic callers and OSCAR charts write numbers in every shape (`604-555-0142`,
 * `(604) 555-0142 ext 12`, `1 604 555 0142`, `011 44 20 7946 0958`); both sides are normalised
 * before they are compared. Numbers without a country code are read as Canadian (+1).
 *
 * This file uses the library's default ("min") metadata, enough to tell a valid number and format
 * it, and small enough for the console. Whether a number is a mobile needs the full ("max")
 * metadata: `isTextablePhone` in apps/api/src/sms/sms-guards.ts.
 */

const DEFAULT_COUNTRY: CountryCode = 'CA';

/** The number in `raw`, when the whole text is one valid phone number (an extension is allowed), else null. */
export function parsePhone(raw: string | null | undefined, defaultCountry: CountryCode = DEFAULT_COUNTRY): PhoneNumber | null {
  if (typeof raw !== 'string') return null;
  // `00` is the international prefix in most of the world (Canada's is 011): `0044 20 …` is a UK number
  const text = raw.trim().replace(/^00(?=[1-9])/, '+');
  if (text === '') return null;
  const number = parsePhoneNumberFromString(text, { defaultCountry, extract: false });
  return number?.isValid() ? number : null;
}

/** A number already in E.164 form, and a valid one: `+`, its country code, its national number, nothing else. */
export function isE164(value: unknown): value is string {
  return typeof value === 'string' && /^\+\d+$/.test(value) && parsePhone(value)?.number === value;
}

/**
 * Numbers read lately, by country and text: reading one costs ~20 µs, and the voice webhook reads
 * the dialled and the calling number of every delivery (the same few numbers, over and over).
 * Bounded: emptied when full. In this process's memory only, like the numbers it was given.
 */
const READ_LATELY_MAX = 5_000;
const readLately = new Map<string, string | null>();

/** `+CC…` for a valid number written in any usual way (an extension is dropped), else null (too short, letters, no such area code). */
export function toE164(raw: string | null | undefined, defaultCountry: CountryCode = DEFAULT_COUNTRY): string | null {
  if (typeof raw !== 'string') return null;
  const key = `${defaultCountry}|${raw}`;
  const known = readLately.get(key);
  if (known !== undefined) return known;
  const e164 = parsePhone(raw, defaultCountry)?.number ?? null;
  if (readLately.size >= READ_LATELY_MAX) readLately.clear();
  readLately.set(key, e164);
  return e164;
}

/** The first valid number written somewhere in free text (a document's `Phone: (604) 555-0142 (home)`), E.164, else null. */
export function findPhone(text: string | null | undefined, defaultCountry: CountryCode = DEFAULT_COUNTRY): string | null {
  if (!text) return null;
  return findPhoneNumbersInText(text, { defaultCountry }).find((found) => found.number.isValid())?.number.number ?? null;
}

/** True when both numbers normalise to the same E.164 number. */
export function samePhone(a: string | null | undefined, b: string | null | undefined): boolean {
  const left = toE164(a);
  return left !== null && left === toE164(b);
}

/**
 * A number as people read it: North American numbers as `+1 604-555-0142`, others in the
 * international form (`+44 20 7946 0958`). Text that is not a valid number is shown as written.
 */
export function formatPhone(raw: string | null | undefined): string {
  if (raw === null || raw === undefined) return '';
  const number = parsePhone(raw);
  if (!number) return raw;
  if (number.countryCallingCode === '1') {
    const n = number.nationalNumber;
    return `+1 ${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`;
  }
  return number.formatInternational();
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
