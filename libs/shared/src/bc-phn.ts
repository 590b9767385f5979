const WEIGHTS = [2, 4, 8, 5, 10, 9, 7, 3];

/**
 * BC Personal Health Number (seed 004: "10 digits starting with 9"): the 2nd–9th digits weighted
 * 2, 4, 8, 5, 10, 9, 7, 3, each product mod 11, summed; the check digit is 11 − (sum mod 11),
 * and a number whose check would be 10 or 11 does not exist. Spaces and dashes are ignored.
 */
export function isValidBcPhn(text: string): boolean {
  const phn = text.replace(/[\s-]/g, '');
  if (!/^9\d{9}$/.test(phn)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (Number(phn[i + 1]) * WEIGHTS[i]) % 11;
  const check = 11 - (sum % 11);
  return check < 10 && check === Number(phn[9]);
}
