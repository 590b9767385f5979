import { DateTime } from 'luxon';
import type { INestApplication } from '@nestjs/common';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../apps/api/src/bootstrap.js';
import { CallLog } from '../../apps/api/src/calls/call-log.entity.js';
import { CallMetadata } from '../../apps/api/src/calls/call-metadata.entity.js';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';
import { randomPhone } from '../../libs/testing/src/factories.js';
import { startTestOscarSim, type TestOscarSim } from '../../libs/testing/src/oscar-sim.js';
import { endOfCallReport, newCall, postVapi, toolAnswer, toolCallsMessage, type ToolCallSpec, type VapiAuth, type VapiCall } from '../../libs/testing/src/vapi-messages.js';

const SECRET = 'platform-webhook-secret-for-call-order-01';
const auth: VapiAuth = { kind: 'x-vapi-secret', secret: SECRET };
// the simulator's fixture: Harriet Jones alone on her number
const HARRIET = { demographicId: 1, phone: '+16045550142' };
const CALL_OVER = 'This call has ended, so I can’t look at or change your records now; please call us back if you need anything else.';

/**
 * SPEC §4: the end-of-call report and a call's tool calls may arrive in any order, on any replica,
 * and every tool event still ends up in the call's one `call_logs` row. Once the report is in, the
 * call can no longer read or change a chart, a duplicate of a tool call answered before replays
 * its first answer, and what a late tool call records still reaches the call log.
 */
describe('call records whatever the order of the report and the tool calls', () => {
  let s: ApiSuite;
  let sim: TestOscarSim;

  /** Offers from two days ahead (clinic time): far from the minimum-notice boundary, so a booking made seconds later under load still fits. */
  const inTwoDays = () => DateTime.now().setZone(sim.data.timezone).plus({ days: 2 }).toISODate();
  /** a second API replica on the same database */
  let replica: INestApplication;
  let replicaUrl: string;

  beforeAll(async () => {
    sim = await startTestOscarSim({ badPasswordDelayMs: 0 });
    s = await startApiSuite({ VAPI_WEBHOOK_SECRET: SECRET });
    replica = await createApp({ config: s.t.config, databaseUrl: s.t.db.url, logDestination: new Writable({ write: (_chunk, _encoding, done) => done() }) });
    await replica.listen(0, '127.0.0.1');
    replicaUrl = `http://127.0.0.1:${(replica.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await replica?.close();
    await s?.t.close();
    await sim?.close();
  });
  beforeEach(async () => {
    await sim.control.reset({ data: true, counters: true, faults: true });
  });

  async function voiceClinic(config: Record<string, unknown> = {}) {
    const vapiPhone = randomPhone();
    const clinic = await s.newClinic({ vapiPhone, timezone: sim.data.timezone });
    expect((await s.connectToSim(clinic.id, sim)).status).toBe(200);
    expect((await s.as(s.adminToken, 'POST', `/api/clinics/${clinic.id}/providers/sync`)).status).toBe(200);
    expect((await s.as(s.adminToken, 'POST', `/api/clinics/${clinic.id}/emr/pull-config`)).status).toBe(200);
    const put = await s.as(s.adminToken, 'PUT', `/api/clinics/${clinic.id}/config`, { voiceBooking: { cancellationMinNoticeHours: 0 }, ...config });
    expect(put.status).toBe(200);
    return { id: clinic.id as string, vapiPhone };
  }

  async function tool(c: VapiCall, spec: ToolCallSpec) {
    const reply = await postVapi(s.t, toolCallsMessage(c, [spec]), auth);
    expect(reply.status, spec.name).toBe(200);
    return toolAnswer(reply);
  }

  async function report(c: VapiCall, fields: Parameters<typeof endOfCallReport>[1] = {}, on: { baseUrl: string } = s.t) {
    const reply = await postVapi(on, endOfCallReport(c, fields), auth);
    expect(reply.status).toBe(200);
  }

  const callLog = (c: VapiCall) => s.t.db.dataSource.getRepository(CallLog).findOneByOrFail({ vapiCallId: c.id });

  it('a report that arrives first: the call’s later outcome, consent and transfer reason land in its call log, and chart tools answer NOT_PERMITTED with a closing sentence', async () => {
    const clinic = await voiceClinic({ clinicalControl: { transferPhoneNumber: '+16045550111' } });
    const c = newCall({ caller: HARRIET.phone, dialled: clinic.vapiPhone });
    await sim.control.resetCounters();
    await report(c, { transcript: 'AI: Hello.\n', summary: 'Short call.' });
    expect(await callLog(c)).toMatchObject({ outcome: 'no_action', smsConsent: null, transferredToStaff: false, transcript: 'AI: Hello.\n' });

    expect(await tool(c, { name: 'log_call_metadata', args: { callOutcome: 'booked', intent: 'book', smsConsent: true } })).toMatchObject({ ok: true, data: { logged: true } });
    expect(await tool(c, { name: 'transfer_call', args: { reason: 'billing_question' } })).toMatchObject({ ok: true, data: { transferring: true } });
    expect(await callLog(c)).toMatchObject({
      outcome: 'transferred', intent: 'book', smsConsent: true, transferredToStaff: true, transferReason: 'billing_question',
      callerPhone: HARRIET.phone, transcript: 'AI: Hello.\n', summary: 'Short call.',
    });

    for (const spec of [
      { name: 'search_patient_by_phone', args: { phone: '0' } },
      { name: 'search_patient', args: { firstName: 'Harriet', lastName: 'Jones', dateOfBirth: '1948-03-14' } },
      { name: 'find_earliest_appointment', args: {} },
      { name: 'check_appointments', args: { demographicId: HARRIET.demographicId } },
      { name: 'create_appointment', args: { demographicId: HARRIET.demographicId, providerId: '101', startTime: new Date(Date.now() + 7 * 86_400_000).toISOString() } },
      { name: 'cancel_appointment', args: { appointmentId: 1 } },
    ]) {
      expect(await tool(c, spec), spec.name).toMatchObject({ ok: false, data: { code: 'NOT_PERMITTED', next: 'none', say: CALL_OVER } });
    }
    // no chart or appointment asked of the EMR (day schedules are warmed in the background), and no caller data back in the call's scratch
    const asked = Object.keys((await sim.control.counters()).operations).filter((op) => /^DemographicService\.|^ScheduleService\.(?!getDayWorkSchedule$)/.test(op));
    expect(asked).toEqual([]);
    expect(await s.t.db.dataSource.getRepository(CallMetadata).findOneByOrFail({ clinicId: clinic.id, vapiCallId: c.id })).toMatchObject({
      reportedAt: expect.any(Date), callerPhoneE164: null, matchedDemographicIds: [], verifiedDemographicIds: [], smsConsent: null, outcome: null,
    });
  });

  it('a duplicate of a booking answered before the report replays its first answer afterwards; a new booking after it is refused', async () => {
    const clinic = await voiceClinic();
    const c = newCall({ caller: HARRIET.phone, dialled: clinic.vapiPhone });
    await tool(c, { name: 'search_patient_by_phone', args: { phone: '0' } });
    const offer = await tool(c, { name: 'find_earliest_appointment', args: { startDate: inTwoDays() } });
    const create: ToolCallSpec = {
      name: 'create_appointment', id: 'call_book_before_report',
      args: { demographicId: HARRIET.demographicId, providerId: offer.data.providerId, startTime: offer.data.startTime, appointmentType: offer.data.appointmentType, smsConsent: true },
    };
    const first = await postVapi(s.t, toolCallsMessage(c, [create]), auth);
    expect(toolAnswer(first)).toMatchObject({ ok: true, data: { booked: true } });
    await report(c);
    expect(await callLog(c)).toMatchObject({ outcome: 'booked', appointmentId: toolAnswer(first).data.appointmentId, smsConsent: true });

    const late = await postVapi(s.t, toolCallsMessage(c, [create]), auth);
    expect(late.status).toBe(200);
    expect(late.body.results[0]).toEqual(first.body.results[0]);
    expect(toolAnswer(await postVapi(s.t, toolCallsMessage(c, [{ ...create, id: 'call_book_after_report', args: { ...create.args, startTime: offer.data.alternatives[0].startTime } }]), auth)))
      .toMatchObject({ ok: false, data: { code: 'NOT_PERMITTED', say: CALL_OVER } });
    expect(await sim.control.count('ScheduleService', 'addAppointment')).toBe(1);
  });

  it('on two replicas: a call’s tool calls alternate between them, the report lands on one and a late note and a late duplicate on the other', async () => {
    const clinic = await voiceClinic({ clinicalControl: { transferPhoneNumber: '+16045550111' } });
    const two = { baseUrl: replicaUrl };
    const c = newCall({ caller: HARRIET.phone, dialled: clinic.vapiPhone });
    expect(toolAnswer(await postVapi(s.t, toolCallsMessage(c, [{ name: 'search_patient_by_phone', args: { phone: '0' } }]), auth)).ok).toBe(true);
    const offer = toolAnswer(await postVapi(two, toolCallsMessage(c, [{ name: 'find_earliest_appointment', args: { startDate: inTwoDays() } }]), auth));
    const create: ToolCallSpec = {
      name: 'create_appointment', id: 'call_book_two_replicas',
      args: { demographicId: HARRIET.demographicId, providerId: offer.data.providerId, startTime: offer.data.startTime, appointmentType: offer.data.appointmentType, smsConsent: false },
    };
    const first = await postVapi(s.t, toolCallsMessage(c, [create]), auth);
    expect(toolAnswer(first)).toMatchObject({ ok: true, data: { booked: true } });
    // the report on the second replica, twice at once on both
    await Promise.all([report(c, { transcript: 'AI: Booked.\n' }, two), report(c, { legacy: true }, s.t)]);
    expect((await postVapi(two, toolCallsMessage(c, [create]), auth)).body.results[0]).toEqual(first.body.results[0]);
    expect(toolAnswer(await postVapi(two, toolCallsMessage(c, [{ name: 'log_call_metadata', args: { callOutcome: 'booked', smsConsent: true } }]), auth)).ok).toBe(true);
    expect(toolAnswer(await postVapi(two, toolCallsMessage(c, [{ name: 'check_appointments', args: { demographicId: 1 } }]), auth))).toMatchObject({ ok: false, data: { code: 'NOT_PERMITTED', say: CALL_OVER } });
    expect(await callLog(c)).toMatchObject({ outcome: 'booked', intent: 'book', appointmentId: toolAnswer(first).data.appointmentId, smsConsent: true, transcript: 'AI: Booked.\n', durationSeconds: 127 });
    expect(await s.t.db.dataSource.getRepository(CallLog).countBy({ vapiCallId: c.id })).toBe(1);
    expect(await sim.control.count('ScheduleService', 'addAppointment')).toBe(1);
  });

  it('reports processed at once, and notes racing the report, leave one call log with everything the call recorded', async () => {
    const clinic = await voiceClinic();
    const calls = Array.from({ length: 6 }, () => newCall({ caller: randomPhone(), dialled: clinic.vapiPhone }));
    await Promise.all(calls.map((c) => tool(c, { name: 'log_call_metadata', args: { callOutcome: 'waitlisted', intent: 'register', smsConsent: false } })));
    // every call: four copies of its report (two shapes) and a last note, all at once
    await Promise.all(
      calls.flatMap((c) => [
        report(c, { cost: 0.25, transcript: 'AI: Hi.\n' }),
        report(c, { legacy: true }),
        report(c, { cost: 0.25, transcript: 'AI: Hi.\n' }),
        report(c, { legacy: true }),
        tool(c, { name: 'log_call_metadata', args: { smsConsent: true, callOutcome: 'waitlisted' } }),
      ]),
    );
    const logs = await s.t.db.dataSource.getRepository(CallLog).findBy({ clinicId: clinic.id });
    expect(logs.length).toBe(calls.length);
    for (const c of calls) {
      expect(await callLog(c), c.id).toMatchObject({ outcome: 'waitlisted', intent: 'register', smsConsent: true, callerPhone: c.caller, durationSeconds: 127 });
      expect(await s.t.db.dataSource.getRepository(CallMetadata).findOneByOrFail({ vapiCallId: c.id })).toMatchObject({ reportedAt: expect.any(Date), callerPhoneE164: null, smsConsent: null });
    }
  });
});
