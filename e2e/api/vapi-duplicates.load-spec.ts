import { DateTime } from 'luxon';
import { getRepositoryToken } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ToolCallReceipt } from '../../apps/api/src/calls/tool-call-receipt.entity.js';
import { clinicCalendar } from '../../apps/api/src/scheduling/testing/clinic-calendar.js';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';
import { createTestApp, type TestApp } from '../../libs/testing/src/app.js';
import { randomPhone } from '../../libs/testing/src/factories.js';
import { startTestOscarSim, type TestOscarSim } from '../../libs/testing/src/oscar-sim.js';
import { newCall, postVapi, toolAnswer, toolCallsMessage, type VapiAuth, type VapiCall, type VapiReply } from '../../libs/testing/src/vapi-messages.js';

const SECRET = 'platform-webhook-secret-for-duplicates-01';
const auth: VapiAuth = { kind: 'x-vapi-secret', secret: SECRET };
const ENV = { VAPI_WEBHOOK_SECRET: SECRET, SCHEDULE_CACHE_TICK_SECONDS: '0' };
const ZONE = 'America/Vancouver';
const NOW = DateTime.now().setZone(ZONE);
const DATA = clinicCalendar({ providers: 3, patients: 10, firstFreeDay: 5 }, NOW.weekday);
const TODAY = NOW.toISODate()!;
const DUPLICATES = 1_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

/**
 * Vapi retries a tool call it has not heard back from, and a retry may land on another replica:
 * 1,000 deliveries of one `create_appointment` (same call, same toolCallId) at the same moment,
 * half on each of two replicas of the API on one database, the simulator behind them over SOAP.
 */
describe('1,000 duplicate deliveries of one booking across two replicas', () => {
  let s: ApiSuite;
  let b: TestApp;
  let sim: TestOscarSim;

  beforeAll(async () => {
    sim = await startTestOscarSim({ today: TODAY, data: DATA, badPasswordDelayMs: 0 });
    s = await startApiSuite(ENV);
    b = await createTestApp(ENV, { replicaOf: s.t });
  });
  afterAll(async () => {
    await b?.close();
    await s?.t.close();
    await sim?.close();
  });

  async function tool(at: TestApp, c: VapiCall, name: string, args: Record<string, unknown> = {}) {
    const reply = await postVapi(at, toolCallsMessage(c, [{ name, args }]), auth);
    expect(reply.status, name).toBe(200);
    return toolAnswer(reply);
  }

  it('book once in the EMR, keep one receipt, and every duplicate hears the first answer in time (none BUSY, no pool timeout)', async () => {
    const vapiPhone = randomPhone();
    const clinic = await s.newClinic({ vapiPhone, timezone: DATA.timezone });
    expect((await s.connectToSim(clinic.id, sim)).status).toBe(200);
    expect((await s.as(s.adminToken, 'POST', `/api/clinics/${clinic.id}/providers/sync`)).status).toBe(200);
    expect((await s.as(s.adminToken, 'POST', `/api/clinics/${clinic.id}/emr/pull-config`)).status).toBe(200);
    // the sync warms the schedule cache in the background
    for (let i = 0; i < 100 && !(await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}/schedule-cache`)).body.warm; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const c = newCall({ caller: '+16045551001', dialled: vapiPhone });
    expect(await tool(s.t, c, 'search_patient_by_phone', { phone: '0' })).toMatchObject({ ok: true, data: { found: true, demographicId: 1 } });
    const offer = await tool(b, c, 'find_earliest_appointment', {});
    expect(offer.ok, JSON.stringify(offer.data)).toBe(true);
    await sim.control.resetCounters();
    // the booking takes a while in the EMR: the first duplicates arrive while it runs, and wait for it
    await sim.control.setFaults({ service: 'ScheduleService', operation: 'addAppointment', latencyMs: 300 });

    // how often each replica reads the receipt: with a query per waiter and poll, it grows with the duplicates
    const reads = [s.t, b].map((at) => vi.spyOn(at.app.get<Repository<ToolCallReceipt>>(getRepositoryToken(ToolCallReceipt)), 'findOneBy'));
    const booking = toolCallsMessage(c, [{ name: 'create_appointment', id: 'call_dup_booking', args: { demographicId: 1, providerId: offer.data.providerId, startTime: offer.data.startTime, language: 'en' } }]);
    const started = performance.now();
    const replies: VapiReply[] = await Promise.all(Array.from({ length: DUPLICATES }, (_, i) => postVapi(i % 2 === 0 ? s.t : b, booking, auth)));
    const wallMs = performance.now() - started;

    expect(replies.filter((r) => r.status !== 200).map((r) => r.status)).toEqual([]);
    const answers = replies.map((r) => toolAnswer(r));
    const codes = answers.map((a) => (a.ok ? 'booked' : a.data.code));
    expect(codes.filter((code) => code !== 'booked'), 'answers other than the booking').toEqual([]);
    const first = answers[0]!;
    expect(first.data).toMatchObject({ booked: true, providerId: offer.data.providerId, startTime: offer.data.startTime });
    for (const a of answers) expect(a.data).toEqual(first.data);

    expect(await sim.control.count('ScheduleService', 'addAppointment')).toBe(1);
    const receipts = await s.t.db.dataSource.query(`SELECT status FROM tool_call_receipts WHERE vapi_call_id = $1`, [c.id]);
    expect(receipts).toEqual([{ status: 'done' }]);
    const poolTimeouts = [...s.t.logLines, ...b.logLines].filter((line) => /timeout exceeded when trying to connect|connection terminated/i.test(line));
    expect(poolTimeouts).toEqual([]);

    const receiptReads = reads.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
    expect(receiptReads, 'receipt reads by both replicas').toBeLessThanOrEqual(20);
    // the client's times include the wait for a turn of this one process (client, both replicas and the simulator share it);
    // each replica logs how long it took from taking up the tool call to its answer
    const ms = replies.map((r) => r.ms).sort((x, y) => x - y);
    const served = [...s.t.logLines, ...b.logLines]
      .map((line) => JSON.parse(line) as { msg?: string; tool?: string; ms?: number })
      .filter((entry) => entry.msg === 'voice tool call' && entry.tool === 'create_appointment')
      .map((entry) => entry.ms!)
      .sort((x, y) => x - y);
    console.log(
      `${DUPLICATES} duplicate create_appointment deliveries over 2 replicas: all answered in ${Math.round(wallMs)} ms; ` +
        `in the replicas p50 ${percentile(served, 50)} ms, p99 ${percentile(served, 99)} ms, max ${served.at(-1)} ms (${served.length} logged); ` +
        `at the client p50 ${Math.round(percentile(ms, 50))} ms, p99 ${Math.round(percentile(ms, 99))} ms, max ${Math.round(ms.at(-1)!)} ms; the receipt was read ${receiptReads} times`,
    );
  }, 120_000);
});
