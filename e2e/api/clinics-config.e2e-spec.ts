import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClinicConfigEvents, type ClinicConfigChange } from '../../apps/api/src/clinics/clinic-config-events.js';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';

describe('clinic configuration: sections, secrets and who may change what', () => {
  let s: ApiSuite;
  beforeAll(async () => {
    s = await startApiSuite();
  });
  afterAll(async () => {
    await s?.t.close();
  });

  const configOf = (token: string, clinicId: string) => s.as(token, 'GET', `/api/clinics/${clinicId}/config`);
  const put = (token: string, clinicId: string, body: unknown) => s.as(token, 'PUT', `/api/clinics/${clinicId}/config`, body);

  it('GET answers every section, and a new clinic has no secrets set', async () => {
    const clinic = await s.newClinic();
    const config = await configOf(s.adminToken, clinic.id);
    expect(config.status).toBe(200);
    expect(Object.keys(config.body).sort()).toEqual(
      ['agreements', 'clinicId', 'clinicalControl', 'emr', 'fax', 'oscarConfig', 'privacyOfficer', 'registration', 'retention', 'scheduling', 'sms', 'updatedAt', 'voice', 'voiceBooking'].sort(),
    );
    expect(config.body.emr).toMatchObject({ emrType: 'oscar-universal', oscarSoapPassword: null, oscarConnectionVerified: false });
    expect(config.body.voice).toMatchObject({ defaultLanguage: 'en', supportedLanguages: ['en', 'zh'], vapiWebhookSecret: null });
    expect(JSON.stringify(config.body)).not.toMatch(/Enc"/);
  });

  it('a secret is stored encrypted and never shown: GET answers its mask (last 4 characters), nor is it logged', async () => {
    const clinic = await s.newClinic();
    const password = 'soap-Pa55word-9876';
    const webhookSecret = 'whsec-abcdefghijklmnop-4321';
    const saved = await put(s.adminToken, clinic.id, {
      emr: { oscarUrl: 'https://oscar.example.ca/oscar', oscarSoapUsername: '128', oscarSoapPassword: password },
      voice: { vapiWebhookSecret: webhookSecret },
    });
    expect(saved.status).toBe(200);
    const config = await configOf(s.adminToken, clinic.id);
    for (const body of [saved.body, config.body]) {
      const json = JSON.stringify(body);
      expect(json).not.toContain(password);
      expect(json).not.toContain(webhookSecret);
      expect(body.emr.oscarSoapPassword).toEqual({ set: true, masked: '••••' });
      expect(body.voice.vapiWebhookSecret).toEqual({ set: true, masked: '••••' });
    }
    const [row] = await s.t.db.dataSource.query('SELECT oscar_soap_password_enc, vapi_webhook_secret FROM clinic_config WHERE clinic_id = $1', [clinic.id]);
    expect(row.oscar_soap_password_enc).toMatch(/^v1:/);
    expect(row.oscar_soap_password_enc).not.toContain(password);
    expect(row.vapi_webhook_secret).toMatch(/^v1:/);
    const logs = s.t.logLines.join('\n');
    expect(logs).not.toContain(password);
    expect(logs).not.toContain(webhookSecret);
  });

  it('PUT of one section changes only that section', async () => {
    const clinic = await s.newClinic();
    const before = (await configOf(s.adminToken, clinic.id)).body;
    const saved = await put(s.adminToken, clinic.id, { scheduling: { maxAdvanceBookingDays: 60, bufferTime: 0 } });
    expect(saved.status).toBe(200);
    expect(saved.body.scheduling).toEqual({ ...before.scheduling, maxAdvanceBookingDays: 60, bufferTime: 0 });
    const { scheduling: _a, updatedAt: _b, ...restBefore } = before;
    const { scheduling: _c, updatedAt: _d, ...restAfter } = saved.body;
    expect(restAfter).toEqual(restBefore);
  });

  it('sending the whole GET answer back keeps masked secrets as they are and the EMR connection verified', async () => {
    const clinic = await s.newClinic();
    await put(s.adminToken, clinic.id, { emr: { oscarUrl: 'https://oscar.example.ca/oscar', oscarSoapPassword: 'keep-me-5555' } });
    await s.t.db.dataSource.query('UPDATE clinic_config SET oscar_connection_verified = true WHERE clinic_id = $1', [clinic.id]);
    const [{ oscar_soap_password_enc: storedBefore }] = await s.t.db.dataSource.query('SELECT oscar_soap_password_enc FROM clinic_config WHERE clinic_id = $1', [clinic.id]);
    const whole = (await configOf(s.adminToken, clinic.id)).body;
    const echoed = await put(s.adminToken, clinic.id, whole);
    expect(echoed.status).toBe(200);
    expect(echoed.body.emr.oscarSoapPassword).toEqual({ set: true, masked: '••••' });
    expect(echoed.body.emr.oscarConnectionVerified).toBe(true);
    // the mask as a plain string is kept too
    const asString = await put(s.adminToken, clinic.id, { emr: { oscarSoapPassword: '••••5555' } });
    expect(asString.body.emr.oscarSoapPassword).toEqual({ set: true, masked: '••••' });
    const [{ oscar_soap_password_enc: storedAfter }] = await s.t.db.dataSource.query('SELECT oscar_soap_password_enc FROM clinic_config WHERE clinic_id = $1', [clinic.id]);
    expect(storedAfter).toBe(storedBefore);
  });

  it('changing an EMR connection field marks the connection unverified and tells the EMR module', async () => {
    const clinic = await s.newClinic();
    await s.t.db.dataSource.query('UPDATE clinic_config SET oscar_connection_verified = true WHERE clinic_id = $1', [clinic.id]);
    const heard: ClinicConfigChange[] = [];
    const subscription = s.t.app.get(ClinicConfigEvents).emrChanged$.subscribe((change) => heard.push(change));
    try {
      await put(s.adminToken, clinic.id, { scheduling: { bufferTime: 10 } });
      expect(heard).toEqual([]);
      const changed = await put(s.adminToken, clinic.id, { emr: { oscarUrl: 'https://new-oscar.example.ca/oscar' } });
      expect(changed.body.emr).toMatchObject({ oscarUrl: 'https://new-oscar.example.ca/oscar', oscarConnectionVerified: false });
      expect(heard).toEqual([{ clinicId: clinic.id, sections: ['emr'], fields: ['emr.oscarUrl'] }]);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('a manager is refused (403 naming the fields) when changing EMR, Vapi ids, agreements, OSCAR config or the SMS sender; nothing changes', async () => {
    const clinic = await s.newClinic();
    const manager = await s.managerOf(clinic.id);
    const refused = await put(manager.token, clinic.id, {
      scheduling: { maxAdvanceBookingDays: 90 },
      emr: { oscarUrl: 'https://evil.example/oscar', oscarSoapPassword: 'x' },
      voice: { vapiAssistantId: 'asst-1', voiceAgentEnabled: false },
      agreements: { baaVapiSigned: true },
      oscarConfig: { bookableScheduleCodes: ['B'] },
      sms: { smsSenderNumber: '+16045550101', smsEnabled: true },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      [
        'agreements.baaVapiSigned',
        'agreements.baaVapiSignedAt',
        'emr.oscarSoapPassword',
        'emr.oscarUrl',
        'oscarConfig.bookableScheduleCodes',
        'sms.smsSenderNumber',
        'voice.vapiAssistantId',
      ].sort(),
    );
    expect(refused.body.message).toContain('OSCAR address');
    expect(refused.body.message).not.toContain('oscarUrl');
    const after = (await configOf(manager.token, clinic.id)).body;
    expect(after.scheduling.maxAdvanceBookingDays).toBe(30);
    expect(after.voice.voiceAgentEnabled).toBe(true);
  });

  it('a manager changes every other section, and may send admin-only fields back unchanged', async () => {
    const clinic = await s.newClinic();
    await put(s.adminToken, clinic.id, { emr: { oscarSoapPassword: 'admin-set-1111' }, sms: { smsSenderNumber: '+16045550101' } });
    const manager = await s.managerOf(clinic.id);
    const whole = (await configOf(manager.token, clinic.id)).body;
    whole.scheduling.maxAdvanceBookingDays = 45;
    whole.voice.voiceAgentEnabled = false;
    whole.voice.defaultLanguage = 'zh';
    whole.privacyOfficer = { privacyOfficerName: 'Dana Whitfield', privacyOfficerEmail: 'privacy@example.ca', privacyOfficerPhone: '604 555 0142' };
    whole.clinicalControl.appointmentTypeMappings = { follow_up: { code: '2', durationMin: 20 } };
    whole.sms.smsTemplateBookEn = 'Booked: {date} {time}';
    whole.voiceBooking.providerFallbackBehavior = 'same_specialty';
    const saved = await put(manager.token, clinic.id, whole);
    expect(saved.status).toBe(200);
    expect(saved.body.scheduling.maxAdvanceBookingDays).toBe(45);
    expect(saved.body.voice).toMatchObject({ voiceAgentEnabled: false, defaultLanguage: 'zh' });
    expect(saved.body.privacyOfficer.privacyOfficerPhone).toBe('+16045550142');
    expect(saved.body.emr.oscarSoapPassword).toEqual({ set: true, masked: '••••' });
    expect(saved.body.sms.smsSenderNumber).toBe('+16045550101');
  });

  it('types, ranges and enums are validated, each error naming section.field', async () => {
    const clinic = await s.newClinic();
    const response = await put(s.adminToken, clinic.id, {
      scheduling: { maxAdvanceBookingDays: 0, bufferTime: 'five' },
      voiceBooking: { providerFallbackBehavior: 'random', defaultVisitMode: 'home' },
      voice: { defaultLanguage: 'fr' },
      registration: { acceptingNewPatients: null },
      privacyOfficer: { privacyOfficerEmail: 'not-an-email' },
      clinicalControl: { appointmentTypeMappings: { checkup: { code: '' } } },
      retention: { unknownField: 1 },
    });
    expect(response.status).toBe(400);
    const fields = response.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'scheduling.maxAdvanceBookingDays',
        'scheduling.bufferTime',
        'voiceBooking.providerFallbackBehavior',
        'voiceBooking.defaultVisitMode',
        'voice.defaultLanguage',
        'registration.acceptingNewPatients',
        'privacyOfficer.privacyOfficerEmail',
        'clinicalControl.appointmentTypeMappings',
        'retention.unknownField',
      ]),
    );
    const mismatch = await put(s.adminToken, clinic.id, { voice: { supportedLanguages: ['en'], defaultLanguage: 'zh' } });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors).toEqual([{ field: 'voice.defaultLanguage', message: 'Default language must be one of the languages the clinic speaks' }]);
  });

  it('signing an agreement without a date records when; a Vapi assistant id already used elsewhere is a 409', async () => {
    const a = await s.newClinic();
    const b = await s.newClinic();
    const signed = await put(s.adminToken, a.id, { agreements: { baaVapiSigned: true }, voice: { vapiAssistantId: `asst-${a.id}` } });
    expect(signed.status).toBe(200);
    expect(Date.parse(signed.body.agreements.baaVapiSignedAt)).toBeGreaterThan(Date.now() - 60_000);
    const taken = await put(s.adminToken, b.id, { voice: { vapiAssistantId: `asst-${a.id}` } });
    expect(taken.status).toBe(409);
    expect(taken.body.errors[0].field).toBe('voice.vapiAssistantId');
  });

  it("a manager reading or changing another clinic's config gets 404", async () => {
    const mine = await s.newClinic();
    const other = await s.newClinic();
    const manager = await s.managerOf(mine.id);
    expect((await configOf(manager.token, other.id)).status).toBe(404);
    expect((await put(manager.token, other.id, { scheduling: { bufferTime: 1 } })).status).toBe(404);
  });
});
