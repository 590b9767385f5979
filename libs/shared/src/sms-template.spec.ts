import { describe, expect, it } from 'vitest';
import { renderSmsTemplate, unknownSmsPlaceholders, type SmsTemplateValues } from './sms-template.js';

const values: SmsTemplateValues = {
  clinicName: 'Harbourview', clinicPhone: '+1 604 555 0199', date: 'Tuesday, March 10', time: '9:30 AM',
  dateTime: 'Tuesday, March 10 at 9:30 AM', providerName: 'Dr. Chen',
};

describe('SMS template contract', () => {
  it('fills known placeholders once and leaves unknown ones as typed', () => {
    expect(renderSmsTemplate('{clinicName}: {providerName} on {dateTime}. {oops}', values)).toBe(
      'Harbourview: Dr. Chen on Tuesday, March 10 at 9:30 AM. {oops}',
    );
    expect(renderSmsTemplate('{ date } {time}', { ...values, date: '{time}' })).toBe('{time} 9:30 AM');
  });

  it('a value ending in a full stop (9:30 a.m.) before the template’s own full stop reads with one', () => {
    const morning = { ...values, time: '9:30 a.m.' };
    expect(renderSmsTemplate('Booked for {time}. Call {clinicPhone}.', morning)).toBe('Booked for 9:30 a.m. Call +1 604 555 0199.');
    expect(renderSmsTemplate('At {time}, {oops}.', morning)).toBe('At 9:30 a.m., {oops}.');
  });

  it('names the unknown placeholders once each, so the console can point at a typo', () => {
    expect(unknownSmsPlaceholders('{patientName} {oops} {oops} {date}')).toEqual(['patientName', 'oops']);
    expect(unknownSmsPlaceholders('no placeholders')).toEqual([]);
  });
});
