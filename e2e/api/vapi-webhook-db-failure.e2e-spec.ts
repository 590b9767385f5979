import { DateTime } from 'luxon';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { CallLog } from '../../apps/api/src/calls/call-log.entity.js';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';
import { randomPhone } from '../../libs/testing/src/factories.js';
import { startTestOscarSim, type TestOscarSim } from '../../libs/testing/src/oscar-sim.js';
import {
  endOfCallReport,
  newCall,
  postVapi,
  statusUpdate,
  toolAnswer,
  toolCallsMessage,
  transferDestinationRequest,
  type ToolCallSpec,
  type VapiAuth,
  type VapiCall,
  type VapiReply,
} from '../../libs/testing/src/vapi-messages.js';

const SECRET = 'platform-webhook-secret-for-db-failures-1';
const auth: VapiAuth = { kind: 'x-vapi-secret', secret: SECRET };
const HARRIET = { demographicId: 1, phone: '+16045550142' };

/** Every tool call of the reply heard a sentence: a `result` with `say`, or an `error` with `code`, `say` and `next`. */
function expectSentences(reply: VapiReply, count: number) {
  expect(reply.status).toBe(200);
  expect(reply.body.results).toHaveLength(count);
  for (let i = 0; i < count; i += 1) {
    const answer = toolAnswer(reply, i);
    expect(answer.data.say, reply.body.results[i].name).toEqual(expect.stringMatching(/\S/));
    if (!answer.ok) expect(answer.data).toMatchObject({ code: expect.any(String), next: expect.any(String) });
  }
}

/** Polls the database (or the app's log) until something happened: waits for an event, bounded by the test's timeout. */
async function until(check: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 20));
}

/**
 * SPEC §4 and §4.2: whatever fails on our side, every tool call is answered with a sentence the
 * agent can say (HTTP 200, Vapi's results shape), never a 5xx — our own database included.
 */
describe('the voice webhook when its database fails', () => {
  let s: ApiSuite;
  let sim: TestOscarSim;

  /** Offers from two days ahead (clinic time): far from the minimum-notice boundary, so a booking made seconds later under load still fits. */
  const inTwoDays = () => DateTime.now().setZone(sim.data.timezone).plus({ days: 2 }).toISODate();
  let admin: pg.Client;

  beforeAll(async () => {
    sim = await startTestOscarSim({ badPasswordDelayMs: 0 });
    s = await startApiSuite({ VAPI_WEBHOOK_SECRET: SECRET });
    admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.query(`ALTER DATABASE ${s.t.db.name} ALLOW_CONNECTIONS true`).catch(() => undefined);
    await admin?.end();
    await s?.t.close();
    await sim?.close();
  });
  beforeEach(async () => {
    await sim.control.reset({ data: true, counters: true, faults: true });
  });
  afterEach(async () => {
    // a test that failed while the database refused connections leaves it usable for the next one
    await admin.query(`ALTER DATABASE ${s.t.db.name} ALLOW_CONNECTIONS true`);
    await s.t.db.dataSource.query(`DROP TRIGGER IF EXISTS refuse_change ON tool_call_receipts; DROP TRIGGER IF EXISTS refuse_change ON call_metadata; DROP FUNCTION IF EXISTS refuse_change()`);
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

  const send = (c: VapiCall, tools: ToolCallSpec[]) => postVapi(s.t, toolCallsMessage(c, tools), auth);

  /** Harriet on a call of her own, matched by caller ID, with an offer to book. */
  async function callWithOffer(vapiPhone: string) {
    const c = newCall({ caller: HARRIET.phone, dialled: vapiPhone });
    expect(toolAnswer(await send(c, [{ name: 'search_patient_by_phone', args: { phone: '0' } }])).ok).toBe(true);
    const offer = toolAnswer(await send(c, [{ name: 'find_earliest_appointment', args: { startDate: inTwoDays() } }]));
    expect(offer.ok).toBe(true);
    const create: ToolCallSpec = {
      name: 'create_appointment', id: `call_${c.id.slice(0, 8)}`,
      args: { demographicId: HARRIET.demographicId, providerId: offer.data.providerId, startTime: offer.data.startTime, appointmentType: offer.data.appointmentType },
    };
    return { c, create };
  }

  it('the connection breaks mid-delivery: every tool call still hears a sentence, nothing is booked, and the same tool call books once the database is back', async () => {
    const clinic = await voiceClinic({ clinicalControl: { transferPhoneNumber: '+16045550111' } });
    // a line never called yet: resolving it needs the database
    const unseen = await voiceClinic();
    const { c, create } = await callWithOffer(clinic.vapiPhone);
    const reported = newCall({ caller: randomPhone(), dialled: clinic.vapiPhone });
    expect(toolAnswer(await send(reported, [{ name: 'log_call_metadata', args: { callOutcome: 'waitlisted', smsConsent: true } }])).ok).toBe(true);
    await sim.control.resetCounters();

    // the receipts table is held, so the delivery's tools stop at their receipts; then the database goes away under them
    const locker = new pg.Client({ connectionString: s.t.db.url });
    locker.on('error', () => undefined);
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE tool_call_receipts IN ACCESS EXCLUSIVE MODE');
    const lockerPid: number = (await locker.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    const delivery = send(c, [create, { name: 'log_call_metadata', args: { callOutcome: 'booked', smsConsent: true } }, { name: 'get_clinic_info' }]);
    await until(async () => {
      const { rows } = await admin.query(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND query ILIKE '%tool_call_receipts%'`,
        [s.t.db.name],
      );
      return rows[0].waiting === 2;
    });
    await admin.query(`ALTER DATABASE ${s.t.db.name} ALLOW_CONNECTIONS false`);
    // the application's connections go first (waiting until each is gone), the lock holder last:
    // were the lock released first, a waiting claim could still commit before its connection dies
    await admin.query(`SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE datname = $1 AND pid <> $2`, [s.t.db.name, lockerPid]);
    await admin.query(`SELECT pg_terminate_backend($1, 10000)`, [lockerPid]);

    const broken = await delivery;
    expectSentences(broken, 3);
    expect(toolAnswer(broken, 0)).toMatchObject({ ok: false, data: { code: 'BUSY', next: 'retry' } });
    expect(toolAnswer(broken, 1)).toMatchObject({ ok: false, data: { code: 'BUSY', next: 'retry' } });
    expect(await sim.control.count('ScheduleService', 'addAppointment')).toBe(0);

    // while it is down: the next turn, a line whose clinic must be looked up, a transfer and a status update
    const retried = await send(c, [create, { name: 'check_appointments', args: { demographicId: 1 } }, { name: 'get_clinic_info', args: { language: 'zh' } }]);
    expectSentences(retried, 3);
    expect(toolAnswer(retried, 0)).toMatchObject({ ok: false, data: { code: 'BUSY', next: 'retry' } });
    expect(toolAnswer(retried, 2).data.say).toMatch(/[\u4e00-\u9fff]/);
    const unknownLine = await send(newCall({ caller: randomPhone(), dialled: unseen.vapiPhone }), [{ name: 'get_clinic_info' }, { name: 'search_patient_by_phone', args: { phone: '0', language: 'zh' } }]);
    expectSentences(unknownLine, 2);
    expect(toolAnswer(unknownLine, 0)).toMatchObject({ ok: false, data: { code: 'BUSY', next: 'retry' } });
    expect(toolAnswer(unknownLine, 1).data.say).toMatch(/[\u4e00-\u9fff]/);
    // the transfer number comes from the clinic's cached config (while its cache entry lasts; else the spoken apology)
    const transfer = await postVapi(s.t, transferDestinationRequest(c), auth);
    expect(transfer.status).toBe(200);
    expect(transfer.body.destination?.number ?? transfer.body.error).toEqual(expect.stringMatching(/^\+16045550111$|sorry/i));
    expect(await postVapi(s.t, statusUpdate(c, 'in-progress'), auth)).toMatchObject({ status: 200, body: {} });

    // an end-of-call report is held and tried again until the database is back, then recorded;
    // so is one from a line whose clinic must first be looked up
    const report = postVapi(s.t, endOfCallReport(reported, { transcript: 'AI: Hello.\n' }), auth);
    const unseenCall = newCall({ caller: randomPhone(), dialled: unseen.vapiPhone });
    const unseenReport = postVapi(s.t, endOfCallReport(unseenCall, { transcript: 'AI: Hi.\n' }), auth);
    await until(() => s.t.logLines.some((line) => line.includes('end-of-call report not recorded yet: trying again')));
    await until(() => s.t.logLines.some((line) => line.includes('end-of-call report: clinic not resolved yet, trying again')));
    await admin.query(`ALTER DATABASE ${s.t.db.name} ALLOW_CONNECTIONS true`);
    expect((await report).status).toBe(200);
    expect((await unseenReport).status).toBe(200);
    expect(await s.t.db.dataSource.getRepository(CallLog).findOneByOrFail({ vapiCallId: reported.id })).toMatchObject({ outcome: 'waitlisted', smsConsent: true, transcript: 'AI: Hello.\n' });
    expect(await s.t.db.dataSource.getRepository(CallLog).findOneByOrFail({ vapiCallId: unseenCall.id })).toMatchObject({ clinicId: unseen.id, transcript: 'AI: Hi.\n' });

    const booked = await send(c, [create]);
    expect(toolAnswer(booked)).toMatchObject({ ok: true, data: { booked: true, alreadyBooked: false } });
    expect(await sim.control.count('ScheduleService', 'addAppointment')).toBe(1);
  });

  it('a receipt the database cannot finish or release, or a language it cannot record, still answers what the tool did', async () => {
    const clinic = await voiceClinic();
    const { c, create } = await callWithOffer(clinic.vapiPhone);
    await s.t.db.dataSource.query(`
      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'changes refused for this test'; END $$;
      CREATE TRIGGER refuse_change BEFORE UPDATE OR DELETE ON tool_call_receipts FOR EACH ROW EXECUTE FUNCTION refuse_change();
    `);
    const booked = await send(c, [create]);
    expect(toolAnswer(booked)).toMatchObject({ ok: true, data: { booked: true } });
    expect(await sim.control.count('ScheduleService', 'addAppointment')).toBe(1);

    await s.t.db.dataSource.query(`CREATE TRIGGER refuse_change BEFORE UPDATE ON call_metadata FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    const zh = await send(c, [{ name: 'get_clinic_info', args: { language: 'zh' } }]);
    expect(toolAnswer(zh)).toMatchObject({ ok: true, data: { say: expect.stringMatching(/[\u4e00-\u9fff]/) } });

    await sim.control.setFaults({ errorRate: 1 });
    const failed = await send(c, [{ name: 'cancel_appointment', args: { appointmentId: toolAnswer(booked).data.appointmentId } }]);
    expectSentences(failed, 1);
    expect(toolAnswer(failed)).toMatchObject({ ok: false, data: { code: 'EMR_UNAVAILABLE', next: 'retry' } });
  });
});
