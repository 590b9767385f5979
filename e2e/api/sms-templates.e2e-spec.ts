import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';

/** SMS templates are checked when they are saved (`PUT …/config`, section `sms`): a placeholder the sender does not fill is refused, naming it. */
describe('SMS templates checked on save', () => {
  let s: ApiSuite;
  beforeAll(async () => {
    s = await startApiSuite();
  });
  afterAll(async () => {
    await s?.t.close();
  });

  const put = (token: string, clinicId: string, sms: Record<string, unknown>) => s.as(token, 'PUT', `/api/clinics/${clinicId}/config`, { sms });

  it('an unknown placeholder is a 400 naming it beside its field, and nothing of the section is saved', async () => {
    const clinic = await s.newClinic();
    const manager = await s.managerOf(clinic.id);
    const refused = await put(manager.token, clinic.id, {
      smsEnabled: true,
      smsTemplateBookEn: 'Hi {patientName}, see {providerName} on {dateTime}',
      smsTemplateCancelZh: '{clinicName}：{oops} {typo} {oops}',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { field: 'sms.smsTemplateBookEn', message: 'Unknown placeholder {patientName}: a text can use {clinicName}, {clinicPhone}, {date}, {time}, {dateTime}, {providerName}' },
      { field: 'sms.smsTemplateCancelZh', message: 'Unknown placeholders {oops}, {typo}: a text can use {clinicName}, {clinicPhone}, {date}, {time}, {dateTime}, {providerName}' },
    ]);
    const config = await s.as(manager.token, 'GET', `/api/clinics/${clinic.id}/config`);
    expect(config.body.sms).toMatchObject({ smsEnabled: false, smsTemplateBookEn: null, smsTemplateCancelZh: null });
  });

  it('known placeholders (spaces inside the braces allowed) and an empty template are saved', async () => {
    const clinic = await s.newClinic();
    const saved = await put(s.adminToken, clinic.id, { smsTemplateBookEn: '{clinicName}: { providerName } on {dateTime}. Call {clinicPhone}.', smsTemplateBookZh: null });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.sms).toMatchObject({ smsTemplateBookEn: '{clinicName}: { providerName } on {dateTime}. Call {clinicPhone}.', smsTemplateBookZh: null });
  });
});
