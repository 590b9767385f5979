import { describe, expect, it } from 'vitest';
import { isE164, lastDigits, samePhone, toE164 } from './phone.js';

describe('E.164 phone normalisation', () => {
  it.each([
    ['604-555-0142', '+16045550142'],
    ['(604) 555-0142', '+16045550142'],
    ['604.555.0142', '+16045550142'],
    ['1 604 555 0142', '+16045550142'],
    ['+1 (604) 555-0142', '+16045550142'],
    ['6045550142 ext 12', '+16045550142'],
    ['604-555-0142 x7', '+16045550142'],
    ['+44 20 7946 0958', '+442079460958'],
    ['0044 20 7946 0958', '+442079460958'],
  ])('reads %s as %s', (raw, e164) => {
    expect(toE164(raw)).toBe(e164);
  });

  it.each([[''], ['   '], [null], ['555-0142'], ['call me'], ['104-555-0142'], ['+0123']])('refuses %s', (raw) => {
    expect(toE164(raw)).toBeNull();
  });

  it('compares numbers written differently', () => {
    expect(samePhone('(604)555-0142', '+16045550142')).toBe(true);
    expect(samePhone('604-555-0142', '604-555-0143')).toBe(false);
    expect(samePhone('', '')).toBe(false);
  });

  it('tells a number already in E.164 form from one that still needs normalising', () => {
    expect(isE164('+16045550142')).toBe(true);
    expect(isE164('+442079460958')).toBe(true);
    for (const value of ['604-555-0142', '16045550142', '+0123456789', '+1604', '+1234567890123456', null, 16045550142]) {
      expect(isE164(value)).toBe(false);
    }
  });

  it('gives the last digits for a substring search', () => {
    expect(lastDigits('+16045550142')).toBe('0142');
  });
});
