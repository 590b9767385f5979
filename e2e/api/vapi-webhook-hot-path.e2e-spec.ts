import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallMetadata } from '../../apps/api/src/calls/call-metadata.entity.js';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';
import { randomPhone } from '../../libs/testing/src/factories.js';
import { startTestOscarSim, type TestOscarSim } from '../../libs/testing/src/oscar-sim.js';
import { newCall, postVapi, toolAnswer, toolCallsMessage, type VapiAuth, type VapiCall } from '../../libs/testing/src/vapi-messages.js';

const SECRET = 'platform-webhook-secret-hot-path-0123';
const auth: VapiAuth = { kind: 'bearer', secret: SECRET };
// the simulator's Harriet Jones, alone on her number
const HARRIET = { demographicId: 1, phone: '+16045550142', dateOfBirth: '1948-03-14' };

/** Read-only tools leave the call's scratch row alone (docs/decisions.md "Webhook hot path"). */
describe('Vapi webhook hot path: read-only tools that write nothing', () => {
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

  const scratch = (c: VapiCall) => s.t.db.dataSource.getRepository(CallMetadata).findOneBy({ vapiCallId: c.id });

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
