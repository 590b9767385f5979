import { describe, expect, it } from 'vitest';
import { findPhone, formatPhone, isE164, lastDigits, maskPhone, samePhone, toE164 } from './phone.js';

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
    ['011 44 20 7946 0958', '+442079460958'],
    ['+1 604-555-0142', '+16045550142'],
  ])('reads %s as %s', (raw, e164) => {
    expect(toE164(raw)).toBe(e164);
  });

  it.each([[''], ['   '], [null], ['555-0142'], ['call me'], ['104-555-0142'], ['+0123'], ['call me at 604-555-0142'], ['555-123-4567'], ['+1 604 111 0142']])('refuses %s', (raw) => {
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
    // the E.164 shape is not enough: 555 is no area code
    for (const value of ['604-555-0142', '16045550142', '+0123456789', '+1604', '+1234567890123456', '+15551234567', '+1 604 555 0142', null, 16045550142]) {
      expect(isE164(value)).toBe(false);
    }
  });

  it('gives the last digits for a substring search, and masks all but them for a list', () => {
    expect(lastDigits('+16045550142')).toBe('0142');
    expect(maskPhone('+16045550142')).toBe('*******0142');
  });

  it('shows a number as people read it: +1 604-555-0142, other countries in their international form', () => {
    expect(formatPhone('+16045550142')).toBe('+1 604-555-0142');
    expect(formatPhone('(604) 555-0142')).toBe('+1 604-555-0142');
    expect(formatPhone('+442079460958')).toBe('+44 20 7946 0958');
    expect(formatPhone('not a number')).toBe('not a number');
    expect(formatPhone(null)).toBe('');
  });
});

describe('a phone number in free text', () => {
  it('finds the first valid number after a label, whatever surrounds it', () => {
    expect(findPhone('(604) 555-0142 (home), cell 778-555-0100')).toBe('+16045550142');
    expect(findPhone('call 1-604-555-0142 after 5')).toBe('+16045550142');
    expect(findPhone('555-0142')).toBeNull();
    expect(findPhone(null)).toBeNull();
  });
});
