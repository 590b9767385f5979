import { describe, expect, it } from 'vitest';
import { SAMPLE_VALUES, renderSmsPreview, smsSegments, unknownPlaceholders } from './sms-preview';

describe('SMS template preview', () => {
  it('fills every known placeholder with the sample values of the template’s language', () => {
    expect(renderSmsPreview('{providerName} on {date} at {time} — {clinicName} {clinicPhone}', SAMPLE_VALUES.En)).toBe(
      'Dr. Chen on Tuesday, March 10 at 9:30 AM — Harbour Family Practice +1 604 555 0199',
    );
    expect(renderSmsPreview('{clinicName}：{dateTime}', SAMPLE_VALUES.Zh)).toBe('Harbour Family Practice：3月10日 (星期二) 9:30');
  });

  it('accepts spaces inside the braces and leaves unknown placeholders (the patient’s name is not one) as typed, so a typo shows', () => {
    expect(renderSmsPreview('{ providerName } {providername} {oops}', SAMPLE_VALUES.En)).toBe('Dr. Chen {providername} {oops}');
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
