import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';
import type { TestApp } from '../../libs/testing/src/app.js';
import { call } from '../../libs/testing/src/http.js';
import { startTestOscarSim, type TestOscarSim } from '../../libs/testing/src/oscar-sim.js';

/**
 * The console's EMR operations as an admin and a clinic manager use them: connect a clinic to
 * OSCAR through the config API, test the connection, sync providers, pull the schedule codes.
 */
describe('EMR connection, provider sync and config pull over HTTP', () => {
  let s: ApiSuite;
  let t: TestApp;
  let sim: TestOscarSim;
  let adminToken: string;
  let clinicId: string;
  let managerToken: string;

  const connect = (id: string, password: string, extra: Record<string, unknown> = {}) =>
    s.connectToSim(id, sim, { oscarSoapPassword: password, ...extra });
  const newClinic = async () => (await s.newClinic({ timezone: sim.data.timezone })).id;

  beforeAll(async () => {
    [s, sim] = await Promise.all([startApiSuite(), startTestOscarSim()]);
    ({ t, adminToken } = s);
    clinicId = await newClinic();
    managerToken = (await s.managerOf(clinicId)).token;
  });

  afterAll(async () => {
    await Promise.all([s?.t.close(), sim?.close()]);
  });

  it('stores the OSCAR password encrypted, answers only its mask, and never logs it', async () => {
    const put = await connect(clinicId, sim.password);
    expect(put.status).toBe(200);
    const got = await call(t, 'GET', `/api/clinics/${clinicId}/config`, { token: managerToken });
    expect(got.status).toBe(200);
    expect(JSON.stringify(got.body)).not.toContain(sim.password);
    expect(got.body.emr.oscarSoapPassword).toMatchObject({ set: true, masked: '••••' });
    const [row] = await t.db.dataSource.query('SELECT oscar_soap_password_enc FROM clinic_config WHERE clinic_id = $1', [clinicId]);
    expect(row.oscar_soap_password_enc).toMatch(/^v1:/);
    expect(row.oscar_soap_password_enc).not.toContain(sim.password);
    expect(t.logLines.join('\n')).not.toContain(sim.password);
  });

  it('tests the connection and records it as verified with the server clock offset', async () => {
    const result = await call(t, 'POST', `/api/clinics/${clinicId}/emr/test-connection`, { token: managerToken });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ verified: true, serverTimeOffsetMinutes: expect.any(Number) });
    expect(result.body.lastVerifiedAt).toBeTruthy();
    const config = await call(t, 'GET', `/api/clinics/${clinicId}/config`, { token: adminToken });
    expect(config.body.emr.oscarConnectionVerified).toBe(true);
    expect(config.body.emr.oscarLastVerifiedAt).toBeTruthy();
  });

  it('syncs providers without the system account, and a second sync updates instead of duplicating', async () => {
    const first = await call(t, 'POST', `/api/clinics/${clinicId}/providers/sync`, { token: managerToken });
    expect(first.status).toBe(200);
    const realProviders = sim.data.providers.filter((p) => !['999998', '-1'].includes(p.providerNo));
    expect(first.body).toMatchObject({ total: realProviders.length, created: realProviders.length, deactivated: 0 });
    const second = await call(t, 'POST', `/api/clinics/${clinicId}/providers/sync`, { token: managerToken });
    expect(second.body).toMatchObject({ total: realProviders.length, created: 0, updated: realProviders.length });
    const list = await call(t, 'GET', `/api/clinics/${clinicId}/providers?limit=100`, { token: managerToken });
    const numbers = list.body.items.map((p: { oscarProviderId: string }) => p.oscarProviderId).sort();
    expect(numbers).toEqual(realProviders.map((p) => p.providerNo).sort());
    expect(numbers).not.toContain('999998');
    const config = await call(t, 'GET', `/api/clinics/${clinicId}/config`, { token: adminToken });
    expect(config.body.emr.oscarLastSync).toBeTruthy();
  });

  it('marks a provider that vanished from OSCAR inactive instead of deleting it', async () => {
    const data = structuredClone(sim.data);
    const gone = data.providers.find((p) => p.providerNo !== '999998')!;
    data.providers = data.providers.filter((p) => p.providerNo !== gone.providerNo);
    data.appointments = (data.appointments ?? []).filter((a) => a.providerNo !== gone.providerNo);
    await sim.control.loadData(data);
    try {
      const sync = await call(t, 'POST', `/api/clinics/${clinicId}/providers/sync`, { token: managerToken });
      expect(sync.body.deactivated).toBe(1);
      const list = await call(t, 'GET', `/api/clinics/${clinicId}/providers?limit=100`, { token: managerToken });
      const row = list.body.items.find((p: { oscarProviderId: string }) => p.oscarProviderId === gone.providerNo);
      expect(row).toMatchObject({ status: 'inactive' });
    } finally {
      await sim.control.reset({ data: true });
    }
  });

  it("pulls OSCAR's schedule codes into the config, with default statuses and no sites", async () => {
    const pull = await call(t, 'POST', `/api/clinics/${clinicId}/emr/pull-config`, { token: managerToken });
    expect(pull.status).toBe(200);
    const distinctCodes = new Set(sim.data.scheduleTemplateCodes.map((c) => c.code));
    expect(pull.body.scheduleCodes).toBe(distinctCodes.size);
    expect(pull.body).toMatchObject({ statusesSource: 'oscar-defaults', sites: 0 });
    const config = await call(t, 'GET', `/api/clinics/${clinicId}/config`, { token: adminToken });
    expect(config.body.oscarConfig.scheduleTemplateCodes.length).toBe(distinctCodes.size);
    expect(config.body.oscarConfig.oscarConfigPulledAt).toBeTruthy();
  });

  it('only ever calls the Login, SystemInfo, Schedule, Demographic and Provider services', async () => {
    const { operations } = await sim.control.counters();
    const services = new Set(Object.keys(operations).map((key) => key.split('.')[0]));
    for (const service of services) {
      expect(['LoginService', 'SystemInfoService', 'ScheduleService', 'DemographicService', 'ProviderService']).toContain(service);
    }
  });

  it('explains a wrong password in plain words and un-verifies the clinic', async () => {
    const other = await newClinic();
    await connect(other, 'not-the-password');
    const result = await call(t, 'POST', `/api/clinics/${other}/emr/test-connection`, { token: adminToken });
    expect(result.status).toBe(200);
    expect(result.body.verified).toBe(false);
    expect(result.body.problem).toMatch(/password|credential|security number/i);
    expect(result.body.problem).not.toContain('not-the-password');
    const sync = await call(t, 'POST', `/api/clinics/${other}/providers/sync`, { token: adminToken });
    expect(sync.status).toBeGreaterThanOrEqual(400);
    expect(sync.status).toBeLessThan(600);
    expect(sync.body.message).not.toContain('not-the-password');
  });

  it('answers a clear "not supported" for an EMR type VoiceDesk cannot talk to', async () => {
    const other = await newClinic();
    await connect(other, sim.password, { emrType: 'telus-health' });
    const sync = await call(t, 'POST', `/api/clinics/${other}/providers/sync`, { token: adminToken });
    expect(sync.status).toBe(422);
    expect(sync.body.message).toMatch(/not supported/i);
    expect(sync.body.message).toContain('telus-health');
  });
});
