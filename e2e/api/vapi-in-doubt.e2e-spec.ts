import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CallLog } from '../../apps/api/src/calls/call-log.entity.js';
import { SmsMessage } from '../../apps/api/src/sms/sms-message.entity.js';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';
import { randomPhone } from '../../libs/testing/src/factories.js';
import { startTestOscarSim, type TestOscarSim } from '../../libs/testing/src/oscar-sim.js';
import { startTelnyxFake, waitFor, type TelnyxFake } from '../../libs/testing/src/telnyx-fake.js';
import { endOfCallReport, newCall, postVapi, toolAnswer, toolCallsMessage, type VapiAuth, type VapiCall } from '../../libs/testing/src/vapi-messages.js';

const SECRET = 'platform-webhook-secret-for-in-doubt';
const auth: VapiAuth = { kind: 'x-vapi-secret', secret: SECRET };
// the simulator's Harriet Jones, alone on her (mobile) number
const HARRIET = { demographicId: 1, phone: '+16045550142', dateOfBirth: '1948-03-14' };

/**
 * A booking or a move whose EMR write happened while the tool answered EMR_UNAVAILABLE (OSCAR
 * acted, then its answer was lost): after the call's report the call log says what OSCAR holds,
 * and the caller who consented gets the one confirmation text of it.
 */
describe('changes the EMR made while the tool answered a failure are reconciled after the call', () => {
  let s: ApiSuite;
  let sim: TestOscarSim;
  let telnyx: TelnyxFake;

  beforeAll(async () => {
    sim = await startTestOscarSim({ badPasswordDelayMs: 0 });
    telnyx = await startTelnyxFake();
    s = await startApiSuite({ VAPI_WEBHOOK_SECRET: SECRET, TELNYX_API_KEY: telnyx.apiKey, TELNYX_BASE_URL: telnyx.baseUrl });
  });
  afterAll(async () => {
    await s?.t.close();
    await telnyx?.close();
    await sim?.close();
  });
  beforeEach(async () => {
    telnyx.reset();
    await sim.control.reset({ data: true, counters: true, faults: true });
  });

  async function smsClinic() {
    const vapiPhone = randomPhone();
    const clinic = await s.newClinic({ vapiPhone, timezone: sim.data.timezone });
    expect((await s.connectToSim(clinic.id, sim)).status).toBe(200);
    expect((await s.as(s.adminToken, 'POST', `/api/clinics/${clinic.id}/providers/sync`)).status).toBe(200);
    expect((await s.as(s.adminToken, 'POST', `/api/clinics/${clinic.id}/emr/pull-config`)).status).toBe(200);
    const put = await s.as(s.adminToken, 'PUT', `/api/clinics/${clinic.id}/config`, { voiceBooking: { cancellationMinNoticeHours: 0 }, sms: { smsEnabled: true, smsSenderNumber: randomPhone() } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    return { id: clinic.id as string, vapiPhone };
  }

  /** searches that answer `next: retry` are asked again, as the agent does (this suite is about the changes) */
  async function tool(c: VapiCall, name: string, args: Record<string, unknown> = {}) {
    let reply = await postVapi(s.t, toolCallsMessage(c, [{ name, args }]), auth);
    for (let retry = 0; retry < 2 && name.startsWith('find') && toolAnswer(reply).data?.next === 'retry'; retry++) {
      reply = await postVapi(s.t, toolCallsMessage(c, [{ name, args }]), auth);
    }
    expect(reply.status, name).toBe(200);
    return toolAnswer(reply);
  }

  const unavailable = { ok: false, data: { code: expect.stringMatching(/^(EMR_UNAVAILABLE|BUSY)$/), next: 'retry' } };
  const callLog = (c: VapiCall) => s.t.db.dataSource.getRepository(CallLog).findOneBy({ vapiCallId: c.id });
  const texts = (c: VapiCall) => s.t.db.dataSource.getRepository(SmsMessage).find({ where: { vapiCallId: c.id, direction: 'outbound' as never } });
  /** the call log once it records `outcome` (written by the reconciliation job after the report) */
  const logWith = (c: VapiCall, outcome: string) => waitFor(async () => {
    const log = await callLog(c);
    return log?.outcome === outcome ? log : undefined;
  }, 30_000, `the call log to say ${outcome}`);

  it('a booking OSCAR made while the tool answered EMR_UNAVAILABLE (the answer hung after the write) reaches the call log and texts the caller once', async () => {
    const clinic = await smsClinic();
    const c = newCall({ caller: HARRIET.phone, dialled: clinic.vapiPhone });
    expect((await tool(c, 'search_patient_by_phone', { phone: HARRIET.phone })).ok).toBe(true);
    const offer = (await tool(c, 'find_earliest_appointment', {})).data;
    await sim.control.setFaults({ service: 'ScheduleService', operation: 'addAppointment', hangRate: 1, afterEffect: true, times: 1 });
    const create = { demographicId: HARRIET.demographicId, providerId: offer.providerId, startTime: offer.startTime, appointmentType: offer.appointmentType, smsConsent: true };
    expect(await tool(c, 'create_appointment', create)).toMatchObject(unavailable);
    await sim.control.setFaults([]);

    // OSCAR holds it, its note names the call; the agent told the caller it failed and the call ended
    const held = (await sim.control.appointments()).filter((a) => a.notes?.includes(c.id) && a.status !== 'C');
    expect(held).toHaveLength(1);
    expect((await postVapi(s.t, endOfCallReport(c, {}), auth)).status).toBe(200);

    const log = await logWith(c, 'booked');
    expect(log).toMatchObject({ appointmentId: held[0].id, demographicId: HARRIET.demographicId, smsConsent: true });
    const [sent] = await telnyx.waitForSent(1);
    expect(sent.to).toBe(HARRIET.phone);
    expect(sent.text).toContain('booked');
    const rows = await texts(c);
    expect(rows.map((r) => [r.templateKind, r.appointmentId])).toEqual([['book', held[0].id]]);
  });

  it('a move OSCAR made while the tool answered EMR_UNAVAILABLE (the connection reset after the write) makes the call log say rescheduled and texts the caller the move once', async () => {
    const clinic = await smsClinic();
    const c = newCall({ caller: HARRIET.phone, dialled: clinic.vapiPhone });
    expect((await tool(c, 'search_patient_by_phone', { phone: HARRIET.phone, dateOfBirth: HARRIET.dateOfBirth })).ok).toBe(true);
    const offer = (await tool(c, 'find_earliest_appointment', {})).data;
    const booked = await tool(c, 'create_appointment', { demographicId: HARRIET.demographicId, providerId: offer.providerId, startTime: offer.startTime, appointmentType: offer.appointmentType, smsConsent: true });
    expect(booked.ok, JSON.stringify(booked.data)).toBe(true);
    const next = offer.alternatives.find((a: { providerId: string }) => a.providerId === offer.providerId) ?? offer.alternatives[0];

    await sim.control.setFaults({ service: 'ScheduleService', operation: 'updateAppointment', resetRate: 1, afterEffect: true, times: 1 });
    const move = { appointmentId: booked.data.appointmentId, newStartTime: next.startTime, newProviderId: next.providerId, smsConsent: true };
    expect(await tool(c, 'update_appointment', move)).toMatchObject(unavailable);
    await sim.control.setFaults([]);
    expect((await postVapi(s.t, endOfCallReport(c, {}), auth)).status).toBe(200);

    const log = await logWith(c, 'rescheduled');
    expect(log?.appointmentId).toBe(booked.data.appointmentId);
    await telnyx.waitForSent(2);
    const rows = await texts(c);
    expect(rows.map((r) => r.templateKind).sort()).toEqual(['book', 'reschedule']);

    // the doubt is settled: nothing is left for another run of the job
    const left: { in_doubt: unknown[] }[] = await s.t.db.dataSource.query('SELECT in_doubt FROM call_metadata WHERE vapi_call_id = $1', [c.id]);
    expect(left[0].in_doubt).toEqual([]);
  });
});
