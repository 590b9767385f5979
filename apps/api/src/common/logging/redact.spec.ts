import { describe, expect, it } from 'vitest';
import { REDACTED, redactUrl, redactValue, scrubText } from './redact.js';

describe('the redaction layer', () => {
  it('scrubs PHI-shaped fragments from free text', () => {
    const text = scrubText('caller +1 604 555 0142 (harriet@example.com), born 1948-03-14, PHN 9876543218, V6E 2S9');
    for (const phi of ['555 0142', 'harriet@example.com', '1948-03-14', '9876543218', 'V6E 2S9']) expect(text).not.toContain(phi);
  });

  it('keeps ids: a UUID whose digits look like a phone or health number is not PHI', () => {
    const ids = ['0596fbfd-4125-495b-9b96-033645791936', '4f1c2a8e-9b7d-4c3e-8a21-604555014299', 'a1b2c3d4-1985-0412-8a21-000000000001'];
    for (const id of ids) {
      expect(scrubText(`clinic ${id} changed`)).toBe(`clinic ${id} changed`);
      expect(redactUrl(`/api/clinics/${id}/config?clinicId=${id}`)).toBe(`/api/clinics/${id}/config?clinicId=${id}`);
      expect(redactValue({ resourceId: id, clinicId: id })).toEqual({ resourceId: id, clinicId: id });
    }
    expect(scrubText('id 0596fbfd-4125-495b-9b96-033645791936 called 604-555-0142')).toBe('id 0596fbfd-4125-495b-9b96-033645791936 called [PHONE]');
  });

  it('drops the values of secret and PHI keys, and keeps plain ones', () => {
    expect(redactValue({ password: 'hunter2', firstName: 'Harriet', role: 'clinic_manager', clinicName: 'Harbourview' })).toEqual({
      password: REDACTED,
      firstName: REDACTED,
      role: 'clinic_manager',
      clinicName: 'Harbourview',
    });
  });
});
