import { describe, expect, it } from 'vitest';
import { nextStatuses, toCreateWaitlistEntry } from './waitlist-format';

describe('waitlist', () => {
  it('offers the moves of the API’s workflow: contact first, then register; decline until final', () => {
    expect(nextStatuses('pending')).toEqual(['contacted', 'declined']);
    expect(nextStatuses('contacted')).toEqual(['registered', 'declined']);
    expect(nextStatuses('registered')).toEqual([]);
    expect(nextStatuses('declined')).toEqual([]);
  });

  it('sends blanks as nothing, and details only when some were given', () => {
    const blank = { dateOfBirth: '', healthCardType: '', healthCardNumber: '', language: '' };
    expect(toCreateWaitlistEntry({ firstName: ' Mei ', lastName: 'Wong', phone: '604 555 0101', email: ' ', notes: '', details: blank })).toEqual({
      firstName: 'Mei', lastName: 'Wong', phone: '604 555 0101', email: null, notes: null,
    });
    expect(toCreateWaitlistEntry({ firstName: 'Mei', lastName: 'Wong', phone: '6045550101', email: '', notes: 'mornings', details: { ...blank, dateOfBirth: '1985-04-12', language: 'zh' } })).toEqual({
      firstName: 'Mei', lastName: 'Wong', phone: '6045550101', email: null, notes: 'mornings', details: { dateOfBirth: '1985-04-12', language: 'zh' },
    });
  });
});
