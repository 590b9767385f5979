import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';

interface FieldError {
  field: string;
  message: string;
}

/** Every refused field answers, each message in words (never starting with the API's key, never a camelCase key inside). */
function expectPersonWords(body: { message: string; errors: FieldError[] }) {
  for (const { field, message } of body.errors) {
    const key = field.split('.').pop()!;
    expect(message.startsWith(key), `${field}: ${message}`).toBe(false);
    expect(message, field).not.toMatch(/\b[a-z]+[A-Z][A-Za-z]*\b/);
  }
  expect(body.message).not.toMatch(/Invalid request|\b[a-z]+[A-Z][A-Za-z]*\b/);
}

const byField = (errors: FieldError[]) => Object.fromEntries(errors.map((e) => [e.field, e.message]));

const week = (changes: Record<number, Record<string, unknown>> = {}) =>
  [0, 1, 2, 3, 4, 5, 6].map((dayOfWeek) => ({
    dayOfWeek,
    openTime: dayOfWeek === 0 || dayOfWeek === 6 ? null : '09:00',
    closeTime: dayOfWeek === 0 || dayOfWeek === 6 ? null : '17:00',
    isClosed: dayOfWeek === 0 || dayOfWeek === 6,
    ...changes[dayOfWeek],
  }));

describe('refused fields answer together, in words a person can act on', () => {
  let s: ApiSuite;
  beforeAll(async () => {
    s = await startApiSuite();
  });
  afterAll(async () => {
    await s?.t.close();
  });

  it('a new clinic with five bad fields hears about all five, each by its label', async () => {
    const response = await s.as(s.adminToken, 'POST', '/api/clinics', {
      name: '  ',
      slug: 'Bad Slug',
      phone: 'call me',
      postalCode: '12345',
      timezone: 'Mars/Olympus',
    });
    expect(response.status).toBe(400);
    expect(byField(response.body.errors)).toEqual({
      name: 'Name is required',
      slug: 'Slug may hold only lower-case letters, digits and single hyphens, e.g. harbourview-family',
      phone: 'Phone number: enter the number with its country code, e.g. +1 604 555 0142',
      postalCode: 'Postal code must be a Canadian postal code, e.g. V6E 2S9',
      timezone: 'Time zone must be a time zone such as America/Vancouver',
    });
    expect(response.body.message).toMatch(/^5 fields need a change: Name is required; /);
    expectPersonWords(response.body);
  });

  it('configuration: limits say their unit, addresses say their form, one entry per field', async () => {
    const clinic = await s.newClinic();
    const response = await s.as(s.adminToken, 'PUT', `/api/clinics/${clinic.id}/config`, {
      retention: { transcriptRetentionDays: 5000, callLogRetentionDays: 0 },
      emr: { oscarUrl: 'ftp://oscar.example.ca' },
      privacyOfficer: { privacyOfficerEmail: 'privacy at clinic', privacyOfficerPhone: '12' },
      scheduling: { bufferTime: 2.5 },
      voiceBooking: { enabledVisitReasons: ['Follow Up'] },
    });
    expect(response.status).toBe(400);
    expect(byField(response.body.errors)).toEqual({
      'retention.transcriptRetentionDays': 'Keep transcripts for at most 3650 days',
      'retention.callLogRetentionDays': 'Keep call logs for at least 1 day',
      'emr.oscarUrl': 'OSCAR address must start with https:// or http://, e.g. https://oscar.example.ca/oscar',
      'privacyOfficer.privacyOfficerEmail': 'Privacy officer’s email must be an email address, e.g. amy.chen@clinic.example',
      'privacyOfficer.privacyOfficerPhone': 'Privacy officer’s phone: enter the number with its country code, e.g. +1 604 555 0142',
      'scheduling.bufferTime': 'Buffer between appointments must be a whole number',
      'voiceBooking.enabledVisitReasons': 'Visit reasons: each entry must be a reason of lower-case letters, digits and _, e.g. follow_up',
    });
    expectPersonWords(response.body);

    const mismatch = await s.as(s.adminToken, 'PUT', `/api/clinics/${clinic.id}/config`, { voice: { supportedLanguages: ['en'], defaultLanguage: 'zh' } });
    expect(mismatch.body.errors).toEqual([{ field: 'voice.defaultLanguage', message: 'Default language must be one of the languages the clinic speaks' }]);
  });

  it('hours: a time written wrong and a day that closes before it opens answer in the same 400', async () => {
    const clinic = await s.newClinic();
    const response = await s.as(s.adminToken, 'PUT', `/api/clinics/${clinic.id}/hours`, week({ 1: { openTime: '17:00', closeTime: '09:00' }, 2: { openTime: '9am' } }));
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { field: 'items.1.closeTime', message: 'Closing time must be after opening time on Monday' },
      { field: 'items.2.openTime', message: 'Opening time must be a time on the 24-hour clock, e.g. 09:00' },
    ]);
    expectPersonWords(response.body);
  });

  it('waitlist: the phone, the health card (its check digit) and an impossible birth date answer together', async () => {
    const clinic = await s.newClinic();
    const manager = await s.managerOf(clinic.id);
    const response = await s.as(manager.token, 'POST', `/api/clinics/${clinic.id}/waitlist`, {
      firstName: 'Mei',
      lastName: 'Wong',
      phone: 'call me',
      email: 'mei at example',
      details: { dateOfBirth: '2026-02-30', healthCardType: 'BC', healthCardNumber: '9876543217' },
    });
    expect(response.status).toBe(400);
    const errors = byField(response.body.errors);
    expect(Object.keys(errors).sort()).toEqual(['details.dateOfBirth', 'details.healthCardNumber', 'email', 'phone']);
    expect(errors.phone).toBe('Phone number: enter the number with its country code, e.g. +1 604 555 0142');
    expect(errors['details.healthCardNumber']).toMatch(/^Health card number is not a valid BC Personal Health Number: .*check digit/);
    expect(errors['details.dateOfBirth']).toBe('Date of birth must be a real date written YYYY-MM-DD, e.g. 2026-12-25');
    expect(errors.email).toBe('Email must be an email address, e.g. amy.chen@clinic.example');
    expectPersonWords(response.body);
    const list = await s.as(manager.token, 'GET', `/api/clinics/${clinic.id}/waitlist`);
    expect(list.body.items).toEqual([]);
  });

  it('users: a manager without a clinic and a weak password are refused together; a taken email is said by the field', async () => {
    const bad = await s.as(s.adminToken, 'POST', '/api/users', { email: 'not an address', firstName: '', lastName: 'Chen', role: 'nurse' });
    expect(bad.status).toBe(400);
    expect(byField(bad.body.errors)).toEqual({
      email: 'Email must be an email address, e.g. amy.chen@clinic.example',
      firstName: 'First name is required',
      role: 'Role must be one of: platform_admin, clinic_manager',
    });
    expectPersonWords(bad.body);

    const together = await s.as(s.adminToken, 'POST', '/api/users', { email: `amy.${Date.now()}@clinic.example`, firstName: 'Amy', lastName: 'Chen', role: 'clinic_manager', password: 'short' });
    expect(together.status).toBe(400);
    expect(together.body.errors.map((e: FieldError) => e.field)).toEqual(['clinicId', 'password']);
    expect(byField(together.body.errors).clinicId).toBe('Choose the clinic this manager works at');

    const clinic = await s.newClinic();
    const email = `dup.${clinic.id}@clinic.example`;
    const first = await s.as(s.adminToken, 'POST', '/api/users', { email, firstName: 'A', lastName: 'B', role: 'clinic_manager', clinicId: clinic.id });
    expect(first.status).toBe(201);
    const again = await s.as(s.adminToken, 'POST', '/api/users', { email, firstName: 'A', lastName: 'B', role: 'clinic_manager', clinicId: clinic.id });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([{ field: 'email', message: 'Someone already signs in with this email' }]);
  });

  it('an unknown field is named as sent (it has no label), beside the others', async () => {
    const clinic = await s.newClinic();
    const response = await s.as(s.adminToken, 'PUT', `/api/clinics/${clinic.id}/config`, { retention: { keepForever: true, transcriptRetentionDays: -1 } });
    expect(response.status).toBe(400);
    expect(byField(response.body.errors)).toEqual({
      'retention.keepForever': 'retention.keepForever is not a field of this request',
      'retention.transcriptRetentionDays': 'Keep transcripts for at least 1 day',
    });
  });
});
