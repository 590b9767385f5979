import { filter, firstValueFrom, timeout } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClinicConfigEvents } from '../../apps/api/src/clinics/clinic-config-events.js';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';
import { createTestApp, type TestApp } from '../../libs/testing/src/app.js';
import { randomPhone } from '../../libs/testing/src/factories.js';
import { newCall, postVapi, toolAnswer, toolCallsMessage, type VapiAuth, type VapiCall } from '../../libs/testing/src/vapi-messages.js';

const SECRET = 'platform-webhook-secret-replicas-0123';
const auth: VapiAuth = { kind: 'bearer', secret: SECRET };
const ENV = { VAPI_WEBHOOK_SECRET: SECRET };
/** Far above "within a second": without the cross-replica event, replica B never hears the change (its caches expire after 15 s). */
const HEAR_WITHIN_MS = 5_000;

/**
 * Two replicas of the API on one PostgreSQL (docs/operations.md "Several replicas"): what is saved
 * through one is what the other's webhook answers from, at once.
 */
describe('two replicas on one database', () => {
  let s: ApiSuite;
  let b: TestApp;

  beforeAll(async () => {
    s = await startApiSuite(ENV);
    b = await createTestApp(ENV, { replicaOf: s.t });
  });
  afterAll(async () => {
    await b?.close();
    await s?.t.close();
  });

  async function clinic() {
    const vapiPhone = randomPhone();
    const created = await s.newClinic({ vapiPhone, timezone: 'America/Vancouver' });
    return { id: created.id as string, vapiPhone };
  }

  async function askB(c: VapiCall, name: string, args: Record<string, unknown> = {}) {
    const reply = await postVapi(b, toolCallsMessage(c, [{ name, args }]), auth);
    expect(reply.status, name).toBe(200);
    return toolAnswer(reply);
  }

  /** Resolves when replica B hears (from another replica) a change of `clinicId` on `subject`; fails after HEAR_WITHIN_MS. */
  function bHears(clinicId: string, subject: 'changed$' | 'emrChanged$' = 'changed$'): Promise<number> {
    const started = performance.now();
    return firstValueFrom(
      b.app.get(ClinicConfigEvents)[subject].pipe(
        filter((change) => change.clinicId === clinicId && change.remote === true),
        timeout({ first: HEAR_WITHIN_MS, with: () => Promise.reject(new Error(`replica B did not hear the change within ${HEAR_WITHIN_MS} ms`)) }),
      ),
    ).then(() => performance.now() - started);
  }

  const week = (day: { openTime: string | null; closeTime: string | null; isClosed: boolean }) => [0, 1, 2, 3, 4, 5, 6].map((dayOfWeek) => ({ dayOfWeek, ...day }));

  it('opening hours saved through replica A are what replica B’s webhook says next', async () => {
    const { id, vapiPhone } = await clinic();
    const c = newCall({ caller: randomPhone(), dialled: vapiPhone });
    expect((await s.as(s.adminToken, 'PUT', `/api/clinics/${id}/hours`, week({ openTime: '00:00', closeTime: '23:59', isClosed: false }))).status).toBe(200);
    // B reads the clinic and keeps it in its caches
    expect((await askB(c, 'get_clinic_info')).data).toMatchObject({ closedToday: false });

    const heard = bHears(id);
    expect((await s.as(s.adminToken, 'PUT', `/api/clinics/${id}/hours`, week({ openTime: null, closeTime: null, isClosed: true }))).status).toBe(200);
    const ms = await heard;
    expect((await askB(c, 'get_clinic_info')).data).toMatchObject({ closedToday: true, todayHours: null, openNow: false });
    console.log(`replica B heard replica A's change of opening hours ${Math.round(ms)} ms after the request was sent`);
  });

  it('the voice agent switched off through replica A: replica B’s webhook answers the clinic is offline', async () => {
    const { id, vapiPhone } = await clinic();
    const c = newCall({ caller: randomPhone(), dialled: vapiPhone });
    expect((await askB(c, 'get_clinic_info')).ok).toBe(true);

    const heard = bHears(id);
    expect((await s.as(s.adminToken, 'PUT', `/api/clinics/${id}/config`, { voice: { voiceAgentEnabled: false } })).status).toBe(200);
    await heard;
    expect(await askB(c, 'get_clinic_info')).toMatchObject({ ok: false, data: { code: 'CLINIC_OFFLINE' } });
  });

  it('a changed EMR connection saved through replica A reaches replica B as an EMR change (its adapter is rebuilt)', async () => {
    const { id } = await clinic();
    const heard = bHears(id, 'emrChanged$');
    expect((await s.as(s.adminToken, 'PUT', `/api/clinics/${id}/config`, { emr: { oscarUrl: 'http://127.0.0.1:9/oscar' } })).status).toBe(200);
    await heard;
  });
});
