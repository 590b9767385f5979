import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';
import { randomPhone } from '../../libs/testing/src/factories.js';
import { startVapiFake, type VapiFake } from '../../libs/testing/src/vapi-fake.js';

describe('POST /api/clinics/{clinicId}/vapi/test-connection: the clinic as Vapi sees it', () => {
  let s: ApiSuite;
  let vapi: VapiFake;
  beforeAll(async () => {
    vapi = await startVapiFake();
    s = await startApiSuite({ VAPI_API_KEY: vapi.apiKey, VAPI_API_BASE_URL: vapi.url });
  });
  afterAll(async () => {
    await s?.t.close();
    await vapi?.close();
  });

  /** A clinic whose receptionist number and Vapi ids are set; the fake knows what `vapi` says. */
  async function clinicWithVapi(voice: Record<string, unknown>): Promise<{ id: string; vapiPhone: string }> {
    const vapiPhone = randomPhone();
    const clinic = await s.newClinic({ vapiPhone });
    const saved = await s.as(s.adminToken, 'PUT', `/api/clinics/${clinic.id}/config`, { voice });
    expect(saved.status).toBe(200);
    return { id: clinic.id, vapiPhone };
  }
  const test = (clinicId: string, token = s.adminToken) => s.as(token, 'POST', `/api/clinics/${clinicId}/vapi/test-connection`);

  it("passes when the assistant exists and the number is the clinic's and rings it: records the test and sets the onboarding flag", async () => {
    const clinic = await clinicWithVapi({ vapiAssistantId: 'asst-fairview', vapiPhoneNumberId: 'pn-fairview' });
    vapi.assistants.set('asst-fairview', 'Fairview receptionist');
    vapi.numbers.set('pn-fairview', clinic.vapiPhone);
    vapi.routes.set('pn-fairview', { assistantId: 'asst-fairview' });
    const before = (await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}/onboarding`)).body;
    expect(before.flags.vapiAssigned).toBe(false);

    const result = await test(clinic.id);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ verified: true });
    expect(result.body.problem).toBeUndefined();
    expect(result.body.checks.map((c: { check: string; ok: boolean }) => [c.check, c.ok])).toEqual([['assistant', true], ['phone_number', true]]);
    expect(result.body.checks[0].message).toBe('The assistant “Fairview receptionist” exists in Vapi.');
    expect(vapi.requests.filter((r) => r.path === '/assistant/asst-fairview' || r.path === '/phone-number/pn-fairview').every((r) => r.authorized)).toBe(true);

    const config = (await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}/config`)).body;
    expect(config.voice.vapiConnectionVerified).toBe(true);
    expect(Date.parse(config.voice.vapiLastVerifiedAt)).toBe(Date.parse(result.body.lastVerifiedAt));
    expect((await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}/onboarding`)).body.flags.vapiAssigned).toBe(true);
  });

  it('checks the squad instead of the assistant when one is set, and says in words when the number rings something else', async () => {
    const clinic = await clinicWithVapi({ vapiAssistantId: 'asst-x', vapiSquadId: 'squad-harbour', vapiPhoneNumberId: 'pn-harbour' });
    vapi.squads.set('squad-harbour', 'Harbour team');
    vapi.numbers.set('pn-harbour', clinic.vapiPhone);
    vapi.routes.set('pn-harbour', { assistantId: 'asst-x' });
    const result = await test(clinic.id);
    expect(result.body.verified).toBe(false);
    expect(result.body.checks[0]).toEqual({ check: 'squad', ok: true, message: 'The squad “Harbour team” exists in Vapi.' });
    expect(result.body.problem).toBe(`The phone number ${clinic.vapiPhone} in Vapi sends its calls to another squad than the one set in the Voice settings.`);
    expect(vapi.requests.some((r) => r.path === '/assistant/asst-x')).toBe(false);

    vapi.routes.set('pn-harbour', { squadId: 'squad-harbour' });
    expect((await test(clinic.id)).body.verified).toBe(true);
  });

  it("fails, and un-verifies, when the assistant is gone, the number is another clinic's, or Vapi is down; nothing else is set", async () => {
    const clinic = await clinicWithVapi({ vapiAssistantId: 'asst-gone', vapiPhoneNumberId: 'pn-other' });
    vapi.numbers.set('pn-other', '+16045550999');
    const result = await test(clinic.id);
    expect(result.body.verified).toBe(false);
    expect(result.body.checks).toEqual([
      { check: 'assistant', ok: false, message: 'Vapi has no assistant with the id set in the Voice settings.' },
      { check: 'phone_number', ok: false, message: `The phone number in Vapi is +16045550999, not the clinic's receptionist number ${clinic.vapiPhone}.` },
    ]);
    expect(result.body.lastVerifiedAt).toBeNull();
    expect((await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}/onboarding`)).body.flags.vapiAssigned).toBe(false);

    vapi.mode = 'error';
    try {
      const down = await test(clinic.id);
      expect(down.status).toBe(200);
      expect(down.body.problem).toBe('Vapi answered with an error (500); try again in a moment.');
    } finally {
      vapi.mode = 'up';
    }
    const bare = await clinicWithVapi({});
    expect((await test(bare.id)).body.checks).toEqual([
      { check: 'assistant', ok: false, message: 'Neither a Vapi assistant nor a squad is set in the Voice settings.' },
      { check: 'phone_number', ok: false, message: 'No Vapi phone number id is set in the Voice settings.' },
    ]);
  });

  it("is for platform admins: a manager is refused (403), another clinic's is not found", async () => {
    const clinic = await clinicWithVapi({ vapiAssistantId: 'asst-own' });
    const manager = await s.managerOf(clinic.id);
    const refused = await test(clinic.id, manager.token);
    expect(refused.status).toBe(403);
    const other = await s.newClinic();
    expect((await test(other.id, manager.token)).status).toBe(404);
  });

  it('says so when VoiceDesk has no Vapi API key', async () => {
    const bare = await startApiSuite({ VAPI_API_BASE_URL: vapi.url });
    try {
      const clinic = await bare.newClinic();
      const result = await bare.as(bare.adminToken, 'POST', `/api/clinics/${clinic.id}/vapi/test-connection`);
      expect(result.status).toBe(200);
      expect(result.body).toMatchObject({ verified: false, problem: 'VoiceDesk has no Vapi API key (VAPI_API_KEY), so it cannot ask Vapi about this clinic.' });
    } finally {
      await bare.t.close();
    }
  });
});
