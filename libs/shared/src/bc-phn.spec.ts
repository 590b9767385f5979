import { describe, expect, it } from 'vitest';
import { isValidBcPhn } from './bc-phn.js';

describe('BC Personal Health Number', () => {
  it('accepts 10 digits starting with 9 whose mod-11 check digit fits (spaces and dashes ignored)', () => {
    expect(isValidBcPhn('9698658215')).toBe(true);
    expect(isValidBcPhn('9698 658 215')).toBe(true);
    expect(isValidBcPhn('9698-658-215')).toBe(true);
  });

  it('refuses a wrong check digit, a leading digit other than 9, and the wrong length', () => {
    expect(isValidBcPhn('9698658216')).toBe(false);
    expect(isValidBcPhn('1698658215')).toBe(false);
    expect(isValidBcPhn('969865821')).toBe(false);
    expect(isValidBcPhn('96986582150')).toBe(false);
    expect(isValidBcPhn('')).toBe(false);
    expect(isValidBcPhn('969865821A')).toBe(false);
  });
});
