import { describe, expect, it } from 'vitest';
import { keywordOf } from './sms-webhook-events.js';
import { DEFAULT_TEMPLATES, renderTemplate, templateFor, templateValues } from './sms-templates.js';

const clinic = { name: 'Maple Clinic', phone: '+16045550100', timezone: 'America/Vancouver' };
// 2026-03-09 17:30 UTC is 10:30 in Vancouver (PDT began on 8 March)
const appointment = { startTime: '2026-03-09T17:30:00Z', providerName: 'Dr. Chen' };

describe('confirmation templates', () => {
  it('a booking in English reads the time in the clinic’s zone and the clinic’s number as people write it', () => {
    const text = renderTemplate(templateFor({}, 'book', 'en'), templateValues(clinic, appointment, 'en'));
    expect(text).toBe('Maple Clinic: your appointment with Dr. Chen is booked for Monday, March 9 at 10:30 a.m. To change it, call +1 604-555-0100.');
  });

  it('a cancellation in Chinese uses the Chinese default and a 24-hour time', () => {
    const text = renderTemplate(templateFor({}, 'cancel', 'zh'), templateValues(clinic, appointment, 'zh'));
    expect(text).toBe('Maple Clinic：您与Dr. Chen在3月9日 (星期一) 10:30的预约已取消。如需重新预约，请致电+1 604-555-0100。');
  });

  it('a clinic template wins over the default; unknown placeholders stay as written; values are not expanded again', () => {
    const config = { smsTemplateRescheduleEn: 'Moved: {dateTime} with {providerName} {unknown}', smsTemplateBookEn: '  ' };
    const values = { ...templateValues(clinic, appointment, 'en'), providerName: '{clinicName}' };
    expect(renderTemplate(templateFor(config, 'reschedule', 'en'), values)).toBe('Moved: Monday, March 9 at 10:30 a.m. with {clinicName} {unknown}');
    expect(templateFor(config, 'book', 'en')).toBe(DEFAULT_TEMPLATES.book.en);
  });
});

describe('opt-out keywords', () => {
  it('are whole messages in any case, in English, French and Chinese; START and UNSTOP opt back in', () => {
    expect(keywordOf(' stop ', null)).toEqual({ kind: 'out', word: 'STOP' });
    expect(keywordOf('Unsubscribe', null)).toEqual({ kind: 'out', word: 'UNSUBSCRIBE' });
    expect(keywordOf('arret', null)).toEqual({ kind: 'out', word: 'ARRET' });
    expect(keywordOf('退订', null)).toEqual({ kind: 'out', word: '退订' });
    expect(keywordOf('please stop', null)).toBeNull();
    expect(keywordOf('unstop', null)).toEqual({ kind: 'in', word: 'UNSTOP' });
    expect(keywordOf('Start', null)).toEqual({ kind: 'in', word: 'START' });
    expect(keywordOf('Stop all', 'STOP')).toEqual({ kind: 'out', word: 'STOP ALL' });
  });
});
