import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';

/** Phone numbers the console sends (clinic numbers, the transfer number, the SMS sender), read by libphonenumber-js: any usual spelling in, E.164 stored, impossible numbers refused naming the field. */
describe('phone numbers entered for a clinic', () => {
  let s: ApiSuite;
  beforeAll(async () => {
    s = await startApiSuite();
  });
  afterAll(async () => {
    await s?.t.close();
  });

  it('are stored in E.164 however they are written, including the console’s own +1 604-555-0142', async () => {
    const clinic = await s.newClinic({ phone: '+1 604-555-0142', phones: ['1 (778) 555-0100 ext. 12', '011 44 20 7946 0958'] });
    expect(clinic).toMatchObject({ phone: '+16045550142', phones: ['+17785550100', '+442079460958'] });
    const saved = await s.as(s.adminToken, 'PUT', `/api/clinics/${clinic.id}/config`, {
      clinicalControl: { transferPhoneNumber: '604.555.0199' },
      sms: { smsSenderNumber: '+1 (604) 555-0101' },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.clinicalControl.transferPhoneNumber).toBe('+16045550199');
    expect(saved.body.sms.smsSenderNumber).toBe('+16045550101');
  });

  it('a number that cannot exist (no such area code or exchange) is refused naming each field, and nothing is saved', async () => {
    const clinic = await s.newClinic();
    const refused = await s.as(s.adminToken, 'PUT', `/api/clinics/${clinic.id}/config`, {
      clinicalControl: { transferPhoneNumber: '555-123-4567' },
      sms: { smsSenderNumber: '+1 604 111 0142' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['clinicalControl.transferPhoneNumber', 'sms.smsSenderNumber']);
    const config = await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}/config`);
    expect(config.body.clinicalControl.transferPhoneNumber).toBeNull();
    expect(config.body.sms.smsSenderNumber).toBeNull();
    const badClinic = await s.as(s.adminToken, 'POST', '/api/clinics', { name: 'Nowhere Clinic', phone: '+1 555 123 4567' });
    expect(badClinic.status).toBe(400);
    expect(badClinic.body.errors.map((e: { field: string }) => e.field)).toEqual(['phone']);
  });
});
