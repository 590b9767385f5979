import { describe, expect, it } from 'vitest';
import { maskedPhone, phoneOrNull, showPhone } from './phone';

describe('phone numbers in the console', () => {
  it('are shown one way: +1 604-555-0142, whatever shape they were stored or typed in', () => {
    expect(showPhone('+16045550142')).toBe('+1 604-555-0142');
    expect(showPhone('604.555.0142')).toBe('+1 604-555-0142');
    expect(showPhone('+442079460958')).toBe('+44 20 7946 0958');
    expect(showPhone(null, '—')).toBe('—');
  });

  it('are sent in E.164 when they read as a number, as typed when not (the API then names the field), null when blank', () => {
    expect(phoneOrNull('+1 604-555-0142')).toBe('+16045550142');
    expect(phoneOrNull('(604) 555-0142')).toBe('+16045550142');
    expect(phoneOrNull('call me')).toBe('call me');
    expect(phoneOrNull('  ')).toBeNull();
  });

  it('show a masked number by its last four digits, in the same shape', () => {
    expect(maskedPhone('*******0142')).toBe('•••-•••-0142');
    expect(maskedPhone('********0958')).toBe('••• 0958');
    expect(maskedPhone(null)).toBe('—');
  });
});
