import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallMetadata } from '../../apps/api/src/calls/call-metadata.entity.js';
import { ClinicProvider } from '../../apps/api/src/providers/clinic-provider.entity.js';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';
import { randomPhone } from '../../libs/testing/src/factories.js';
import { startTestOscarSim, type TestOscarSim } from '../../libs/testing/src/oscar-sim.js';
import { newCall, postVapi, toolAnswer, toolCallsMessage, type VapiAuth, type VapiCall } from '../../libs/testing/src/vapi-messages.js';

const SECRET = 'platform-webhook-secret-hot-path-0123';
const auth: VapiAuth = { kind: 'bearer', secret: SECRET };
// the simulator's Harriet Jones, alone on her number
const HARRIET = { demographicId: 1, phone: '+16045550142', dateOfBirth: '1948-03-14' };

/**
 * The webhook answers its first-turn tools from in-process caches (docs/decisions.md "Webhook hot
 * path"): a change made through the API must be heard by the very next call all the same, and
 * read-only tools must leave the call's scratch row alone.
 */
describe('Vapi webhook hot path: caches that hear changes, read-only tools that write nothing', () => {
  let s: ApiSuite;
  let sim: TestOscarSim;

  beforeAll(async () => {
    sim = await startTestOscarSim({ badPasswordDelayMs: 0 });
    s = await startApiSuite({ VAPI_WEBHOOK_SECRET: SECRET });
  });
  afterAll(async () => {
    await s?.t.close();
    await sim?.close();
  });

  async function clinic() {
    const vapiPhone = randomPhone();
    const created = await s.newClinic({ vapiPhone, timezone: 'America/Vancouver' });
    return { id: created.id as string, vapiPhone };
  }

  async function ask(c: VapiCall, name: string, args: Record<string, unknown> = {}) {
    const reply = await postVapi(s.t, toolCallsMessage(c, [{ name, args }]), auth);
    expect(reply.status, name).toBe(200);
    return toolAnswer(reply);
  }

  const week = (day: { openTime: string | null; closeTime: string | null; isClosed: boolean }) => [0, 1, 2, 3, 4, 5, 6].map((dayOfWeek) => ({ dayOfWeek, ...day }));
  const scratch = (c: VapiCall) => s.t.db.dataSource.getRepository(CallMetadata).findOneBy({ vapiCallId: c.id });

  it('hears a change of opening hours on the very next get_clinic_info', async () => {
    const { id, vapiPhone } = await clinic();
    const c = newCall({ caller: randomPhone(), dialled: vapiPhone });
    expect((await s.as(s.adminToken, 'PUT', `/api/clinics/${id}/hours`, week({ openTime: null, closeTime: null, isClosed: true }))).status).toBe(200);
    expect((await ask(c, 'get_clinic_info')).data).toMatchObject({ closedToday: true, todayHours: null, openNow: false });
    expect((await s.as(s.adminToken, 'PUT', `/api/clinics/${id}/hours`, week({ openTime: '00:00', closeTime: '23:59', isClosed: false }))).status).toBe(200);
    expect((await ask(c, 'get_clinic_info')).data).toMatchObject({ closedToday: false, todayHours: { open: '00:00', close: '23:59' } });
  });

  it('hears a holiday added for today, and its removal, on the very next get_clinic_info', async () => {
    const { id, vapiPhone } = await clinic();
    const c = newCall({ caller: randomPhone(), dialled: vapiPhone });
    expect((await s.as(s.adminToken, 'PUT', `/api/clinics/${id}/hours`, week({ openTime: '00:00', closeTime: '23:59', isClosed: false }))).status).toBe(200);
    expect((await ask(c, 'get_clinic_info')).data).toMatchObject({ closedToday: false, holidayToday: null });
    // yesterday, today and tomorrow at the clinic: "today" holds even if the test runs across its midnight
    const today = DateTime.now().setZone('America/Vancouver');
    const added: string[] = [];
    for (const date of [today.minus({ days: 1 }), today, today.plus({ days: 1 })]) {
      const holiday = await s.as(s.adminToken, 'POST', `/api/clinics/${id}/holidays`, { date: date.toISODate(), name: 'Staff training day' });
      expect(holiday.status).toBe(201);
      added.push(holiday.body.id);
    }
    expect((await ask(c, 'get_clinic_info')).data).toMatchObject({ closedToday: true, todayHours: null, holidayToday: 'Staff training day', openNow: false });
    for (const holidayId of added) expect((await s.as(s.adminToken, 'DELETE', `/api/clinics/${id}/holidays/${holidayId}`)).status).toBe(204);
    expect((await ask(c, 'get_clinic_info')).data).toMatchObject({ closedToday: false, holidayToday: null, todayHours: { open: '00:00', close: '23:59' } });
  });

  it('hears a provider taken off phone booking on the very next get_providers', async () => {
    const { id, vapiPhone } = await clinic();
    const provider = await s.t.db.dataSource.getRepository(ClinicProvider).save({ clinicId: id, firstName: 'Amy', lastName: 'Chen', oscarProviderId: '101' });
    const c = newCall({ caller: randomPhone(), dialled: vapiPhone });
    expect((await ask(c, 'get_providers')).data).toMatchObject({ providers: [{ providerId: '101', providerName: 'Dr. Chen' }], next: 'none' });
    expect((await s.as(s.adminToken, 'PATCH', `/api/clinics/${id}/providers/${provider.id}`, { voiceBookable: false })).status).toBe(200);
    expect((await ask(c, 'get_providers')).data).toMatchObject({ providers: [], next: 'transfer' });
  });

  it('get_clinic_info and get_providers leave no trace in the call’s scratch; a language the caller names is recorded once and used by the next tools', async () => {
    const { vapiPhone } = await clinic();
    const c = newCall({ caller: randomPhone(), dialled: vapiPhone });
    expect((await ask(c, 'get_clinic_info')).ok).toBe(true);
    expect((await ask(c, 'get_providers')).ok).toBe(true);
    expect((await ask(c, 'get_clinic_info')).ok).toBe(true);
    expect(await scratch(c)).toBeNull();

    expect((await ask(c, 'get_clinic_info', { language: 'zh' })).data.say).toMatch(/[\u4e00-\u9fff]/);
    const recorded = await scratch(c);
    expect(recorded).toMatchObject({ language: 'zh', callerPhoneE164: c.caller, matchedDemographicIds: [], verifiedDemographicIds: [] });
    // without a language argument the call's language holds; naming the same one again writes nothing
    expect((await ask(c, 'get_clinic_info')).data.say).toMatch(/[\u4e00-\u9fff]/);
    expect((await ask(c, 'get_providers', { language: 'zh' })).data.say).toMatch(/[\u4e00-\u9fff]/);
    expect((await scratch(c))!.lastActivityAt).toEqual(recorded!.lastActivityAt);
    expect((await ask(c, 'get_clinic_info', { language: 'en' })).data.say).toMatch(/^Welcome to/);
    expect(await scratch(c)).toMatchObject({ language: 'en' });
  });

  it('search_patient_by_phone binds the caller’s chart when it matches, and writes nothing when asked again with the same answer', async () => {
    const { id, vapiPhone } = await clinic();
    expect((await s.connectToSim(id, sim)).status).toBe(200);
    const stranger = newCall({ caller: randomPhone(), dialled: vapiPhone });
    expect((await ask(stranger, 'search_patient_by_phone', { phone: '0' })).data).toMatchObject({ found: false, next: 'offer_registration' });
    expect(await scratch(stranger)).toBeNull();

    const c = newCall({ caller: HARRIET.phone, dialled: vapiPhone });
    expect((await ask(c, 'search_patient_by_phone', { phone: '0' })).data).toMatchObject({ found: true, demographicId: HARRIET.demographicId });
    const bound = await scratch(c);
    expect(bound).toMatchObject({ matchedDemographicIds: [HARRIET.demographicId], callerPhoneE164: HARRIET.phone });
    expect((await ask(c, 'search_patient_by_phone', { phone: '0' })).data).toMatchObject({ found: true, demographicId: HARRIET.demographicId });
    expect((await scratch(c))!.lastActivityAt).toEqual(bound!.lastActivityAt);
    // the binding holds for the tools that check it: the date of birth verifies the bound chart
    expect((await ask(c, 'search_patient_by_phone', { phone: '0', dateOfBirth: HARRIET.dateOfBirth })).data).toMatchObject({ verified: true, demographicId: HARRIET.demographicId });
    expect(await scratch(c)).toMatchObject({ matchedDemographicIds: [HARRIET.demographicId], verifiedDemographicIds: [HARRIET.demographicId] });
  });
});
