import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';
import { randomPhone } from '../../libs/testing/src/factories.js';
import { startTestOscarSim, type TestOscarSim } from '../../libs/testing/src/oscar-sim.js';
import { newCall, postVapi, toolAnswer, toolCallsMessage, type VapiAuth, type VapiCall } from '../../libs/testing/src/vapi-messages.js';

const SECRET = 'platform-webhook-secret-for-voice-details';
const auth: VapiAuth = { kind: 'x-vapi-secret', secret: SECRET };
// the simulator's fixtures: Harriet Jones alone on her number; the Wongs share one
const HARRIET = { demographicId: 1, phone: '+16045550142', dateOfBirth: '1948-03-14' };
const WONG_PHONE = '+16045550187';
const MEI_WONG = { demographicId: 2, dateOfBirth: '1980-07-22' };

/** What a caller hears in the details the review found: greetings, identity guesses, ids, booking rules, dates, a hanging EMR. */
describe('voice details through the webhook', () => {
  let s: ApiSuite;
  let sim: TestOscarSim;

  /** Offers from two days ahead (clinic time): far from the minimum-notice boundary, so a booking made seconds later under load still fits. */
  const inTwoDays = () => DateTime.now().setZone(sim.data.timezone).plus({ days: 2 }).toISODate();

  beforeAll(async () => {
    sim = await startTestOscarSim({ badPasswordDelayMs: 0 });
    s = await startApiSuite({ VAPI_WEBHOOK_SECRET: SECRET });
  });
  afterAll(async () => {
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

  async function tool(c: VapiCall, name: string, args: Record<string, unknown> = {}) {
    const reply = await postVapi(s.t, toolCallsMessage(c, [{ name, args }]), auth);
    expect(reply.status, name).toBe(200);
    expect(reply.ms, `${name} answers within 5 s`).toBeLessThan(5_000);
    return toolAnswer(reply);
  }

  /** Harriet's call, matched by caller ID, with the earliest offer booked. */
  async function harrietBooked(vapiPhone: string, language?: string) {
    const c = newCall({ caller: HARRIET.phone, dialled: vapiPhone });
    await tool(c, 'search_patient_by_phone', { phone: '0' });
    const offer = await tool(c, 'find_earliest_appointment', { startDate: inTwoDays() });
    expect(offer.ok).toBe(true);
    const booked = await tool(c, 'create_appointment', {
      demographicId: HARRIET.demographicId, providerId: offer.data.providerId, startTime: offer.data.startTime, appointmentType: offer.data.appointmentType, ...(language ? { language } : {}),
    });
    expect(booked).toMatchObject({ ok: true, data: { booked: true } });
    return { c, offer, booked };
  }

  it('a Mandarin caller at a clinic with only an English custom greeting hears a Mandarin greeting', async () => {
    const clinic = await voiceClinic({ clinicalControl: { customGreeting: 'Hello from Maple!' } });
    const c = newCall({ caller: randomPhone(), dialled: clinic.vapiPhone });
    const zh = await tool(c, 'get_clinic_info', { language: 'zh' });
    expect(zh.data.say).toMatch(/[\u4e00-\u9fff]/);
    expect(zh.data.say).not.toContain('Hello from Maple');
    expect((await tool(c, 'get_clinic_info', { language: 'en' })).data.say).toBe('Hello from Maple!');
  });

  it('after three dates of birth that match no chart, no further date of birth is checked and the caller is offered staff', async () => {
    const clinic = await voiceClinic({ clinicalControl: { transferPhoneNumber: '+16045550111' } });
    const c = newCall({ caller: HARRIET.phone, dialled: clinic.vapiPhone });
    expect((await tool(c, 'search_patient_by_phone', { phone: '0' })).data.found).toBe(true);
    for (const guess of ['1948-03-15', '1949-03-14']) {
      expect(await tool(c, 'search_patient_by_phone', { phone: '0', dateOfBirth: guess })).toMatchObject({ ok: true, data: { verified: false, next: 'search_again' } });
    }
    const limit = { ok: true, data: { verified: false, reason: 'too_many_attempts', next: 'transfer', say: 'I’m not able to confirm your identity over the phone; let me connect you with our staff.' } };
    expect(await tool(c, 'search_patient_by_phone', { phone: '0', dateOfBirth: '1948-04-14' })).toMatchObject(limit);
    // the right date of birth now, by phone or by name, verifies nobody
    expect(await tool(c, 'search_patient_by_phone', { phone: '0', dateOfBirth: HARRIET.dateOfBirth })).toMatchObject(limit);
    expect(await tool(c, 'search_patient', { firstName: 'Harriet', lastName: 'Jones', dateOfBirth: HARRIET.dateOfBirth })).toMatchObject(limit);
    expect(await tool(c, 'check_appointments', { demographicId: HARRIET.demographicId })).toMatchObject({ ok: false, data: { code: 'NEEDS_DOB' } });
  });

  it('an unknown appointmentId and another patient’s appointment get the same NOT_PERMITTED', async () => {
    const clinic = await voiceClinic();
    const { booked } = await harrietBooked(clinic.vapiPhone);
    const c = newCall({ caller: WONG_PHONE, dialled: clinic.vapiPhone });
    await tool(c, 'search_patient_by_phone', { phone: '0', dateOfBirth: MEI_WONG.dateOfBirth });
    const others = await tool(c, 'cancel_appointment', { appointmentId: booked.data.appointmentId });
    const unknown = await tool(c, 'cancel_appointment', { appointmentId: 987_654 });
    expect(others).toMatchObject({ ok: false, data: { code: 'NOT_PERMITTED', say: 'I can only discuss your own appointments.' } });
    expect(unknown).toEqual(others);
    expect(await tool(c, 'update_appointment', { appointmentId: 987_654, newStartTime: booked.data.startTime })).toEqual(others);
  });

  it('a slot another caller just booked is SLOT_TAKEN with a fresh offer; a second booking that day is DAILY_LIMIT; a Mandarin booking says its date and time in Mandarin', async () => {
    const clinic = await voiceClinic();
    const { c, booked } = await harrietBooked(clinic.vapiPhone, 'zh');
    const start = DateTime.fromISO(booked.data.startTime as string).setZone(sim.data.timezone);
    expect(booked.data.say).toContain(`${start.month}月${start.day}日`);
    expect(booked.data.say).toMatch(/星期[一二三四五六日]/);
    expect(booked.data.say).toContain(start.toFormat('mm'));

    const mei = newCall({ caller: WONG_PHONE, dialled: clinic.vapiPhone });
    await tool(mei, 'search_patient_by_phone', { phone: '0', dateOfBirth: MEI_WONG.dateOfBirth });
    const taken = await tool(mei, 'create_appointment', { demographicId: MEI_WONG.demographicId, providerId: booked.data.providerId, startTime: booked.data.startTime, appointmentType: booked.data.appointmentType });
    expect(taken).toMatchObject({ ok: false, data: { code: 'SLOT_TAKEN', say: expect.stringContaining('just taken') } });
    expect(taken.data.alternatives.length).toBeGreaterThan(0);
    expect(taken.data.alternatives[0].startTime).not.toBe(booked.data.startTime);

    const sameDay = await tool(c, 'create_appointment', { demographicId: HARRIET.demographicId, providerId: booked.data.providerId, startTime: booked.data.endTime });
    expect(sameDay).toMatchObject({ ok: false, data: { code: 'DAILY_LIMIT', next: 'search_again' } });
    expect(await sim.control.count('ScheduleService', 'addAppointment')).toBe(1);
  });

  it('inside the cancellation notice, moving or cancelling is TOO_LATE_TO_CHANGE and offers staff', async () => {
    const clinic = await voiceClinic({ voiceBooking: { cancellationMinNoticeHours: 168 } });
    const { c, booked, offer } = await harrietBooked(clinic.vapiPhone);
    await tool(c, 'search_patient_by_phone', { phone: '0', dateOfBirth: HARRIET.dateOfBirth });
    const late = { ok: false, data: { code: 'TOO_LATE_TO_CHANGE', next: 'transfer', say: expect.stringContaining('168 hours') } };
    expect(await tool(c, 'cancel_appointment', { appointmentId: booked.data.appointmentId })).toMatchObject(late);
    expect(await tool(c, 'update_appointment', { appointmentId: booked.data.appointmentId, newStartTime: offer.data.alternatives[0].startTime, newProviderId: offer.data.alternatives[0].providerId })).toMatchObject(late);
    expect(await sim.control.count('ScheduleService', 'updateAppointment')).toBe(0);
  });

  it('an EMR that hangs on a booking, a move or a cancellation answers EMR_UNAVAILABLE within 5 s, and the same tool call works once it answers again', async () => {
    const clinic = await voiceClinic();
    const { c, booked, offer } = await harrietBooked(clinic.vapiPhone);
    await tool(c, 'search_patient_by_phone', { phone: '0', dateOfBirth: HARRIET.dateOfBirth });
    // EMR_UNAVAILABLE; BUSY only when this (shared, loaded) machine held the tool past its deadline before the EMR's own timeout spoke
    const unavailable = { ok: false, data: { code: expect.stringMatching(/^(EMR_UNAVAILABLE|BUSY)$/), next: 'retry', say: expect.any(String) } };
    const next = offer.data.alternatives.find((a: { providerId: string }) => a.providerId === booked.data.providerId) ?? offer.data.alternatives[0];

    await sim.control.setFaults({ service: 'ScheduleService', operation: 'updateAppointment', hangRate: 1 });
    const moveArgs = { appointmentId: booked.data.appointmentId, newStartTime: next.startTime, newProviderId: next.providerId };
    const move = { name: 'update_appointment', id: 'call_move_hang', args: moveArgs };
    expect(toolAnswer(await postVapi(s.t, toolCallsMessage(c, [move]), auth))).toMatchObject(unavailable);
    expect(await tool(c, 'cancel_appointment', { appointmentId: booked.data.appointmentId })).toMatchObject(unavailable);

    await sim.control.setFaults({ service: 'ScheduleService', operation: 'addAppointment', hangRate: 1 });
    const wong = newCall({ caller: WONG_PHONE, dialled: clinic.vapiPhone });
    await tool(wong, 'search_patient_by_phone', { phone: '0', dateOfBirth: MEI_WONG.dateOfBirth });
    const meiOffer = await tool(wong, 'find_earliest_appointment', { startDate: inTwoDays() });
    expect(await tool(wong, 'create_appointment', { demographicId: MEI_WONG.demographicId, providerId: meiOffer.data.providerId, startTime: meiOffer.data.startTime })).toMatchObject(unavailable);

    // the EMR answers again: the retried move (same toolCallId, its failure was not kept) runs
    await sim.control.setFaults([]);
    expect(toolAnswer(await postVapi(s.t, toolCallsMessage(c, [move]), auth))).toMatchObject({ ok: true, data: { moved: true, startTime: next.startTime } });
  });

  it('writes no name, date of birth or phone number of these calls into the logs', () => {
    const lines = s.t.logLines.join('\n');
    expect(lines).toContain('voice tool call');
    const phones = [HARRIET.phone, WONG_PHONE].flatMap((e164) => [e164, e164.slice(2), `${e164.slice(2, 5)}-${e164.slice(5, 8)}-${e164.slice(8)}`]);
    for (const phi of ['Harriet', 'HARRIET', 'Jones', 'JONES', HARRIET.dateOfBirth, '1948-03-15', '1949-03-14', '1948-04-14', 'Mei', 'Wong', MEI_WONG.dateOfBirth, ...phones]) {
      expect(lines, phi).not.toContain(phi);
    }
  });
});
