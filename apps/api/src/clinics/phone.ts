/**
 * Phone numbers are stored in E.164 (`+16045550100`). North American numbers typed the usual
 * ways ("604-555-0100", "(604) 555-0100", "1 604 555 0100") are accepted and normalised.
 */
export const E164 = /^\+[1-9]\d{7,14}$/;

export function normalizePhone(input: string): string | null {
  const trimmed = input.trim();
  if (E164.test(trimmed)) return trimmed;
  if (!/^[+\d\s().-]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) return E164.test(`+${digits}`) ? `+${digits}` : null;
  if (digits.length === 10) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`;
  return null;
}
