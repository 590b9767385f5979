import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clinicCalendar } from '../../apps/api/src/scheduling/testing/clinic-calendar.js';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';
import { randomPhone } from '../../libs/testing/src/factories.js';
import { startTestOscarSim, type SimDataFile, type TestOscarSim } from '../../libs/testing/src/oscar-sim.js';
import { newCall, postVapi, toolAnswer, toolCallsMessage, type VapiAuth, type VapiCall } from '../../libs/testing/src/vapi-messages.js';

const SECRET = 'platform-webhook-secret-for-rush-0123';
const auth: VapiAuth = { kind: 'x-vapi-secret', secret: SECRET };
// every slot of the first five days is booked; 60 established patients, phones +1 604 555 1001…
// (the API runs on the real clock, so the simulator's "today" is the real one)
const ZONE = 'America/Vancouver';
const NOW = DateTime.now().setZone(ZONE);
const DATA = clinicCalendar({ providers: 3, patients: 60, firstFreeDay: 5 }, NOW.weekday);
const TODAY = NOW.toISODate()!;
/** the first working day from offset 5 on: the first day with free slots */
const FIRST_FREE = Array.from({ length: 7 }, (_, i) => 5 + i).find((offset) => NOW.plus({ days: offset }).weekday <= 5)!;
const phoneOf = (demographicNo: number) => `+1604555${String(1000 + demographicNo).padStart(4, '0')}`;

/** Many callers of one clinic at the same moment, through the real webhook and the simulator over SOAP. */
describe('many callers at once', () => {
  let s: ApiSuite;
  let sim: TestOscarSim;

  beforeAll(async () => {
    sim = await startTestOscarSim({ today: TODAY, data: DATA, badPasswordDelayMs: 0 });
    s = await startApiSuite({ VAPI_WEBHOOK_SECRET: SECRET, SCHEDULE_CACHE_TICK_SECONDS: '0' });
  });
  afterAll(async () => {
    await s?.t.close();
    await sim?.close();
  });
  beforeEach(async () => {
    await sim.control.loadData(DATA, TODAY);
    await sim.control.reset({ counters: true, faults: true });
  });

  async function voiceClinic() {
    const vapiPhone = randomPhone();
    const clinic = await s.newClinic({ vapiPhone, timezone: DATA.timezone });
    expect((await s.connectToSim(clinic.id, sim)).status).toBe(200);
    expect((await s.as(s.adminToken, 'POST', `/api/clinics/${clinic.id}/providers/sync`)).status).toBe(200);
    expect((await s.as(s.adminToken, 'POST', `/api/clinics/${clinic.id}/emr/pull-config`)).status).toBe(200);
    // the sync warms the schedule cache in the background
    for (let i = 0; i < 100; i++) {
      const status = await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}/schedule-cache`);
      if (status.body.warm) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { id: clinic.id as string, vapiPhone };
  }

  async function tool(c: VapiCall, name: string, args: Record<string, unknown> = {}) {
    const reply = await postVapi(s.t, toolCallsMessage(c, [{ name, args }]), auth);
    expect(reply.status, name).toBe(200);
    return toolAnswer(reply);
  }

  async function identified(clinic: { vapiPhone: string }, demographicNo: number): Promise<VapiCall> {
    const c = newCall({ caller: phoneOf(demographicNo), dialled: clinic.vapiPhone });
    expect(await tool(c, 'search_patient_by_phone', { phone: '0' })).toMatchObject({ ok: true, data: { found: true, demographicId: demographicNo } });
    return c;
  }

  it('the schedule cache is warm after a provider sync (GET …/schedule-cache)', async () => {
    const clinic = await voiceClinic();
    const status = await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}/schedule-cache`);
    expect(status.body).toMatchObject({ warm: true, missing: 0, refreshAgeSeconds: 600 });
    // 3 providers × the weekdays of the next 30 days
    expect(status.body.expected).toBeGreaterThanOrEqual(3 * 20);
    expect(status.body.entries).toBe(status.body.expected);
  });

  it('20 callers at the same moment each hear a real offer, all different, and each books their own', async () => {
    const clinic = await voiceClinic();
    const calls = await Promise.all(Array.from({ length: 20 }, (_, i) => identified(clinic, i + 1)));
    const offers = await Promise.all(calls.map((c) => tool(c, 'find_earliest_appointment', {})));
    expect(offers.map((o) => o.data.code ?? 'offer')).toEqual(Array(20).fill('offer'));
    expect(new Set(offers.map((o) => `${o.data.providerId} ${o.data.startTime}`)).size).toBe(20);
    const booked = await Promise.all(calls.map((c, i) => tool(c, 'create_appointment', { demographicId: i + 1, providerId: offers[i]!.data.providerId, startTime: offers[i]!.data.startTime })));
    expect(booked.filter((b) => b.ok && b.data.booked)).toHaveLength(20);
    expect(await sim.control.count('ScheduleService', 'addAppointment')).toBe(20);
  });

  it('50 callers booking the last free slot of a provider’s day: one booking, 49 hear SLOT_TAKEN with a fresh offer — none EMR_UNAVAILABLE, BUSY or a 5xx', async () => {
    const clinic = await voiceClinic();
    const full: SimDataFile = { ...DATA, appointments: [...DATA.appointments!] };
    for (let m = 9 * 60; m < 16 * 60 + 45; m += 15) {
      full.appointments!.push({ providerNo: '101', demographicNo: 61, dayOffset: FIRST_FREE, startTime: `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`, durationMin: 15, status: 't', type: 'B', reason: 'booked' });
    }
    await sim.control.loadData(full, TODAY);
    const calls = await Promise.all(Array.from({ length: 50 }, (_, i) => identified(clinic, i + 1)));
    await sim.control.resetCounters();
    const last = NOW.startOf('day').plus({ days: FIRST_FREE, hours: 16, minutes: 45 }).toISO({ suppressMilliseconds: true })!;
    const answers = await Promise.all(calls.map((c, i) => tool(c, 'create_appointment', { demographicId: i + 1, providerId: '101', startTime: last })));
    const codes = answers.map((a) => (a.ok ? 'booked' : a.data.code));
    expect(codes.filter((c) => c === 'booked')).toHaveLength(1);
    expect(codes.filter((c) => c === 'SLOT_TAKEN'), codes.join(' ')).toHaveLength(49);
    for (const a of answers.filter((x) => !x.ok)) {
      expect(a.data.alternatives.length).toBeGreaterThan(0);
      expect(a.data.alternatives[0].startTime).not.toBe(last);
    }
    expect(await sim.control.count('ScheduleService', 'addAppointment')).toBe(1);
  });
});
