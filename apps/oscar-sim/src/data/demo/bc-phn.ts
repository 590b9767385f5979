import type { Prng } from './prng.js';

const WEIGHTS = [2, 4, 8, 5, 10, 9, 7, 3];

/**
 * BC Personal Health Number: 10 digits, leading 9; digits 2–9 weighted 2,4,8,5,10,9,7,3, each
 * product taken mod 11 and summed; the check digit (10th) is 11 − (sum mod 11), never 10 or 11.
 */
export function bcPhnCheckDigit(first9: string): number | null {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (Number(first9[i + 1]) * (WEIGHTS[i] as number)) % 11;
  const check = 11 - (sum % 11);
  return check >= 10 ? null : check;
}

export function isValidBcPhn(phn: string): boolean {
  if (!/^9\d{9}$/.test(phn)) return false;
  return bcPhnCheckDigit(phn.slice(0, 9)) === Number(phn[9]);
}

/** A random valid BC PHN not in `taken`. */
export function generateBcPhn(rng: Prng, taken: Set<string>): string {
  for (;;) {
    let first9 = '9';
    for (let i = 0; i < 8; i++) first9 += String(rng.int(0, 9));
    const check = bcPhnCheckDigit(first9);
    if (check === null) continue;
    const phn = `${first9}${check}`;
    if (taken.has(phn)) continue;
    taken.add(phn);
    return phn;
  }
}
