import { describe, expect, it } from 'vitest';
import { previewValues, renderSmsPreview, smsSegments, unknownPlaceholders } from './sms-preview';

const clinic = { name: 'Kitsilano Health', phone: '+16045550199' };

describe('SMS template preview', () => {
  it('fills the clinic’s own name and number, and an example appointment in the template’s language', () => {
    expect(renderSmsPreview('{providerName} on {date} at {time} — {clinicName} {clinicPhone}', previewValues('En', clinic))).toBe(
      'Dr. Chen on Tuesday, March 10 at 9:30 a.m. — Kitsilano Health +1 604-555-0199',
    );
    expect(renderSmsPreview('{clinicName}：{dateTime}，{clinicPhone}', previewValues('Zh', clinic))).toBe('Kitsilano Health：3月10日 (星期二) 9:30，+1 604-555-0199');
  });

  it('a clinic without a number previews what the sender says instead', () => {
    expect(renderSmsPreview('Call {clinicPhone}', previewValues('En', { name: 'Kitsilano Health', phone: null }))).toBe('Call the clinic');
    expect(renderSmsPreview('{clinicPhone}', previewValues('Zh', { name: 'Kitsilano Health' }))).toBe('诊所');
  });

  it('accepts spaces inside the braces and leaves unknown placeholders (the patient’s name is not one) as typed, so a typo shows', () => {
    expect(renderSmsPreview('{ providerName } {providername} {oops}', previewValues('En', clinic))).toBe('Dr. Chen {providername} {oops}');
    expect(unknownPlaceholders('{patientName} {oops} {oops} {date}')).toEqual(['patientName', 'oops']);
    expect(unknownPlaceholders('no placeholders at all')).toEqual([]);
  });

  it('counts SMS segments: 160 GSM characters per text, 70 for Chinese, fewer per part once split', () => {
    expect(smsSegments('')).toBe(0);
    expect(smsSegments('a'.repeat(160))).toBe(1);
    expect(smsSegments('a'.repeat(161))).toBe(2);
    expect(smsSegments('您'.repeat(70))).toBe(1);
    expect(smsSegments('您'.repeat(71))).toBe(2);
    expect(smsSegments('您'.repeat(135))).toBe(3);
  });
});
