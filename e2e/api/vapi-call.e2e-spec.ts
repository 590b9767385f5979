import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CallLog } from '../../apps/api/src/calls/call-log.entity.js';
import { CallMetadata } from '../../apps/api/src/calls/call-metadata.entity.js';
import { CallScratchJanitor, CALL_RECEIPT_MAX_AGE_MS, CALL_SCRATCH_MAX_AGE_MS } from '../../apps/api/src/calls/call-scratch-janitor.js';
import { ToolCallReceipt } from '../../apps/api/src/calls/tool-call-receipt.entity.js';
import { waitlistDetailsContext } from '../../apps/api/src/calls/waitlist-details.js';
import { WaitlistEntry } from '../../apps/api/src/clinics/waitlist-entry.entity.js';
import { SecretBox } from '../../apps/api/src/common/crypto/secret-box.js';
import { kitAdapter } from '../../apps/api/src/emr/testing/emr-test-kit.js';
import type { OscarSoapAdapter } from '../../apps/api/src/emr/oscar-soap-adapter.js';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';
import { randomPhone } from '../../libs/testing/src/factories.js';
import { startTestOscarSim, type TestOscarSim } from '../../libs/testing/src/oscar-sim.js';
import { endOfCallReport, newCall, postVapi, toolAnswer, toolCallsMessage, type VapiAuth, type VapiCall, type ToolCallSpec } from '../../libs/testing/src/vapi-messages.js';

const SECRET = 'platform-webhook-secret-for-calls-0123';
const auth: VapiAuth = { kind: 'x-vapi-secret', secret: SECRET };
// the simulator's fixtures: Harriet Jones alone on her number; the Wongs share one
const HARRIET = { demographicId: 1, phone: '+16045550142', dateOfBirth: '1948-03-14', phn: '9698658215' };
const WONG_PHONE = '+16045550187';
const MEI_WONG = { demographicId: 2, dateOfBirth: '1980-07-22' };
/** numbers of new callers the scripted calls used (checked against the logs at the end) */
const REGISTRANT_PHONES: string[] = [];

describe('a phone call through the voice webhook, against the OSCAR simulator', () => {
  let s: ApiSuite;
  let sim: TestOscarSim;
  let emr: OscarSoapAdapter;
  const timings: string[] = [];

  beforeAll(async () => {
    sim = await startTestOscarSim({ badPasswordDelayMs: 0 });
    s = await startApiSuite({ VAPI_WEBHOOK_SECRET: SECRET });
    emr = kitAdapter(sim, { zone: sim.data.timezone }).adapter;
  });
  afterAll(async () => {
    if (timings.length) console.info(`voice tool calls (simulator): ${timings.join('; ')}`);
    await s?.t.close();
    await sim?.close();
  });
  beforeEach(async () => {
    await sim.control.reset({ data: true, counters: true, faults: true });
  });

  /** A clinic of its own on the simulator: providers synced, codes pulled, Mon–Fri 09–17, short notice allowed. */
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

  async function tool(c: VapiCall, name: string, args: Record<string, unknown> = {}, id?: string) {
    const reply = await postVapi(s.t, toolCallsMessage(c, [{ name, args, id }]), auth);
    expect(reply.status, name).toBe(200);
    timings.push(`${name} ${reply.ms.toFixed(0)} ms`);
    expect(reply.ms, `${name} answers within 5 s`).toBeLessThan(5_000);
    return toolAnswer(reply);
  }

  it('search by phone → "is that you?" → earliest → book → check (after the date of birth) → move → cancel, with the EMR changed each time', async () => {
    const clinic = await voiceClinic();
    const c = newCall({ caller: HARRIET.phone, dialled: clinic.vapiPhone });

    const found = await tool(c, 'search_patient_by_phone', { phone: '0000000000' });
    expect(found).toMatchObject({ ok: true, data: { found: true, verified: false, demographicId: HARRIET.demographicId, firstName: 'Harriet', say: 'I have Harriet on file; is that you?' } });

    const offer = await tool(c, 'find_earliest_appointment', {});
    expect(offer.ok).toBe(true);
    expect(offer.data).toMatchObject({ found: true, demographicId: HARRIET.demographicId, providerId: expect.any(String), startTime: expect.stringMatching(/[+-]\d{2}:\d{2}$/) });
    expect(offer.data.alternatives.length).toBeGreaterThan(0);
    expect(offer.data.say).toContain(offer.data.providerName);

    const booked = await tool(c, 'create_appointment', {
      demographicId: HARRIET.demographicId, providerId: offer.data.providerId, startTime: offer.data.startTime, appointmentType: offer.data.appointmentType, reason: 'checkup', smsConsent: true,
    });
    expect(booked).toMatchObject({ ok: true, data: { booked: true, alreadyBooked: false, providerId: offer.data.providerId, startTime: offer.data.startTime } });
    const appointmentId = booked.data.appointmentId as number;
    const inEmr = await emr.getAppointment(appointmentId);
    expect(inEmr).toMatchObject({ demographicNo: HARRIET.demographicId, providerNo: offer.data.providerId, cancelled: false });
    expect(Date.parse(inEmr!.start)).toBe(Date.parse(offer.data.startTime));

    // reading appointments out needs a date of birth confirmed in this call (requireDOBVerification)
    expect(await tool(c, 'check_appointments', { demographicId: HARRIET.demographicId })).toMatchObject({ ok: false, data: { code: 'NEEDS_DOB', next: 'ask_dob' } });
    expect(await tool(c, 'search_patient_by_phone', { phone: '0000000000', dateOfBirth: HARRIET.dateOfBirth })).toMatchObject({ ok: true, data: { found: true, verified: true, demographicId: 1 } });
    const checked = await tool(c, 'check_appointments', { demographicId: '1' });
    expect(checked.ok).toBe(true);
    expect(checked.data.appointments.map((a: { appointmentId: number }) => a.appointmentId)).toContain(appointmentId);

    const later = offer.data.alternatives.find((a: { providerId: string; startTime: string }) => a.providerId === offer.data.providerId) ?? offer.data.alternatives[0];
    const moved = await tool(c, 'update_appointment', { appointmentId, newStartTime: later.startTime, newProviderId: later.providerId, smsConsent: false });
    expect(moved).toMatchObject({ ok: true, data: { moved: true, appointmentId, startTime: later.startTime, providerId: later.providerId } });
    expect(Date.parse((await emr.getAppointment(appointmentId))!.start)).toBe(Date.parse(later.startTime));

    const cancelled = await tool(c, 'cancel_appointment', { appointmentId, reason: 'feeling better' });
    expect(cancelled).toMatchObject({ ok: true, data: { cancelled: true, appointmentId } });
    expect((await emr.getAppointment(appointmentId))!.cancelled).toBe(true);

    // the call's scratch row holds what happened
    const meta = await s.t.db.dataSource.getRepository(CallMetadata).findOneByOrFail({ vapiCallId: c.id });
    expect(meta).toMatchObject({ clinicId: clinic.id, outcome: 'cancelled', appointmentId, demographicId: 1, smsConsent: false, verifiedDemographicIds: [1], matchedDemographicIds: [1] });

    // end of call: merged into call_logs, the scratch's PHI blanked (the row stays as the call's end mark); a repeated report changes nothing
    const report = await postVapi(s.t, endOfCallReport(c, { transcript: 'AI: Hello.\nUser: Cancel please.\n', summary: 'Booked, moved, cancelled.', cost: 0.31 }), auth);
    expect(report).toMatchObject({ status: 200, body: {} });
    const logs = s.t.db.dataSource.getRepository(CallLog);
    const row = await logs.findOneByOrFail({ vapiCallId: c.id });
    expect(row).toMatchObject({
      clinicId: clinic.id, callerPhone: HARRIET.phone, demographicId: 1, appointmentId, language: 'en', outcome: 'cancelled', intent: 'cancel',
      smsConsent: false, durationSeconds: 127, cost: 0.31, transcript: 'AI: Hello.\nUser: Cancel please.\n', summary: 'Booked, moved, cancelled.',
      transferredToStaff: false, transferReason: null, endedReason: 'customer-ended-call',
    });
    expect(await s.t.db.dataSource.getRepository(CallMetadata).findOneByOrFail({ vapiCallId: c.id })).toMatchObject({
      reportedAt: expect.any(Date), callerPhoneE164: null, matchedDemographicIds: [], verifiedDemographicIds: [], demographicId: null, appointmentId: null, outcome: null, smsConsent: null,
    });
    // receipts stay (a late duplicate replays its answer) until the janitor, their answers encrypted
    const receipts = await s.t.db.dataSource.getRepository(ToolCallReceipt).findBy({ vapiCallId: c.id });
    expect(receipts.map((r) => r.toolName).sort()).toEqual(['cancel_appointment', 'create_appointment', 'update_appointment']);
    for (const r of receipts) {
      expect(SecretBox.isCiphertext(r.result)).toBe(true);
      expect(r.result).not.toContain(String(appointmentId));
    }
    const again = await postVapi(s.t, endOfCallReport(c, { legacy: true, transcript: 'AI: Hello.\nUser: Cancel please.\n', summary: 'Booked, moved, cancelled.' }), auth);
    expect(again.status).toBe(200);
    expect(await logs.countBy({ vapiCallId: c.id })).toBe(1);
    expect(await logs.findOneByOrFail({ vapiCallId: c.id })).toMatchObject({ outcome: 'cancelled', appointmentId, smsConsent: false, cost: 0.31, durationSeconds: 127 });
  });

  it('a retried create with the same toolCallId books once (even when both arrive together), and a new toolCallId answers the existing booking', async () => {
    const clinic = await voiceClinic();
    const c = newCall({ caller: HARRIET.phone, dialled: clinic.vapiPhone });
    await tool(c, 'search_patient_by_phone', { phone: '0' });
    const offer = await tool(c, 'find_earliest_appointment', { timeOfDay: 'afternoon' });
    await sim.control.resetCounters();
    const create: ToolCallSpec = { name: 'create_appointment', id: 'call_create_1', args: { demographicId: 1, providerId: offer.data.providerId, startTime: offer.data.startTime, appointmentType: offer.data.appointmentType } };
    const [first, duplicate] = await Promise.all([postVapi(s.t, toolCallsMessage(c, [create]), auth), postVapi(s.t, toolCallsMessage(c, [create]), auth)]);
    expect(first.body.results[0].result).toBeDefined();
    expect(duplicate.body.results[0]).toEqual(first.body.results[0]);
    expect(await sim.control.count('ScheduleService', 'addAppointment')).toBe(1);

    const retried = toolAnswer(await postVapi(s.t, toolCallsMessage(c, [{ ...create, id: 'call_create_2' }]), auth));
    expect(retried).toMatchObject({ ok: true, data: { booked: true, alreadyBooked: true, appointmentId: toolAnswer(first).data.appointmentId } });
    expect(await sim.control.count('ScheduleService', 'addAppointment')).toBe(1);
  });

  it('a shared phone names nobody until a date of birth picks one, and another patient’s chart or appointment is NOT_PERMITTED', async () => {
    const clinic = await voiceClinic();
    // Harriet books on her own call
    const harrietCall = newCall({ caller: HARRIET.phone, dialled: clinic.vapiPhone });
    await tool(harrietCall, 'search_patient_by_phone', { phone: '0' });
    const offer = await tool(harrietCall, 'find_earliest_appointment', {});
    const booked = await tool(harrietCall, 'create_appointment', { demographicId: 1, providerId: offer.data.providerId, startTime: offer.data.startTime });
    expect(booked.ok).toBe(true);

    const c = newCall({ caller: WONG_PHONE, dialled: clinic.vapiPhone });
    const shared = await tool(c, 'search_patient_by_phone', { phone: HARRIET.phone });
    expect(shared).toMatchObject({ ok: true, data: { found: true, multiple: true, next: 'ask_dob' } });
    expect(shared.data.demographicId).toBeUndefined();
    expect(JSON.stringify(shared.data)).not.toMatch(/mei|david|kevin/i);
    // nobody is bound yet: not even a Wong chart can be booked or read
    expect(await tool(c, 'check_appointments', { demographicId: MEI_WONG.demographicId })).toMatchObject({ ok: false, data: { code: 'NOT_PERMITTED' } });
    expect(await tool(c, 'search_patient_by_phone', { phone: '0', dateOfBirth: MEI_WONG.dateOfBirth })).toMatchObject({ ok: true, data: { verified: true, demographicId: 2, firstName: 'Mei' } });
    expect((await tool(c, 'check_appointments', { demographicId: MEI_WONG.demographicId })).ok).toBe(true);

    for (const [name, args] of [
      ['check_appointments', { demographicId: HARRIET.demographicId }],
      ['create_appointment', { demographicId: HARRIET.demographicId, providerId: offer.data.providerId, startTime: offer.data.alternatives[0].startTime }],
      ['cancel_appointment', { appointmentId: booked.data.appointmentId }],
      ['update_appointment', { appointmentId: booked.data.appointmentId, newStartTime: offer.data.alternatives[0].startTime }],
    ] as const) {
      const answer = await tool(c, name, args);
      expect(answer, name).toMatchObject({ ok: false, data: { code: 'NOT_PERMITTED', say: 'I can only discuss your own appointments.' } });
    }
    expect((await emr.getAppointment(booked.data.appointmentId))!.cancelled).toBe(false);
    // a name + date of birth that match no chart: transfer
    expect(await tool(c, 'search_patient', { firstName: 'Harriet', lastName: 'Jones', dateOfBirth: '1950-01-01' })).toMatchObject({ ok: true, data: { found: false, reason: 'record_not_found', next: 'transfer' } });
  });

  it('a scheduling rule saved in the console applies to the very next search (the scheduling context is cached, and dropped on change)', async () => {
    const clinic = await voiceClinic();
    const c = newCall({ caller: HARRIET.phone, dialled: clinic.vapiPhone });
    await tool(c, 'search_patient_by_phone', { phone: '0' });
    const first = await tool(c, 'find_earliest_appointment', {});
    expect(first.ok).toBe(true);
    const put = await s.as(s.adminToken, 'PUT', `/api/clinics/${clinic.id}/config`, { scheduling: { minAdvanceBookingHours: 96 } });
    expect(put.status).toBe(200);
    const second = await tool(c, 'find_earliest_appointment', {});
    expect(second.ok).toBe(true);
    expect(Date.parse(second.data.startTime)).toBeGreaterThanOrEqual(Date.now() + 96 * 3_600_000 - 60_000);
    expect(Date.parse(first.data.startTime)).toBeLessThan(Date.now() + 96 * 3_600_000);
  });

  it('when the EMR hangs, the caller hears EMR_UNAVAILABLE within 5 s', async () => {
    const clinic = await voiceClinic();
    await sim.control.setFaults({ hangRate: 1 });
    const c = newCall({ caller: HARRIET.phone, dialled: clinic.vapiPhone });
    for (const [name, args] of [['search_patient_by_phone', { phone: '0' }], ['find_earliest_appointment', {}]] as const) {
      const reply = await postVapi(s.t, toolCallsMessage(c, [{ name, args }]), auth);
      expect(reply.status).toBe(200);
      expect(toolAnswer(reply)).toMatchObject({ ok: false, data: { code: 'EMR_UNAVAILABLE', next: 'retry', say: expect.stringContaining('records') } });
      expect(reply.ms).toBeLessThan(5_000);
      timings.push(`${name} with the EMR hanging ${reply.ms.toFixed(0)} ms`);
    }
  });

  it('registers a new patient as a pending waitlist entry with encrypted details, checking the BC PHN first', async () => {
    const clinic = await voiceClinic();
    const caller = randomPhone();
    REGISTRANT_PHONES.push(caller);
    const c = newCall({ caller, dialled: clinic.vapiPhone });
    expect(await tool(c, 'search_patient_by_phone', { phone: '0' })).toMatchObject({ ok: true, data: { found: false, next: 'offer_registration' } });
    const details = { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-12-10', gender: 'female', phone: caller, address: '1 Main St', city: 'Vancouver', postalCode: 'V5K 0A1', healthCardType: 'BC' };
    expect(await tool(c, 'register_new_patient', { ...details, healthCardNumber: '9698658216' })).toMatchObject({ ok: false, data: { code: 'INVALID_HEALTH_NUMBER', next: 'ask_repeat' } });
    const registered = await tool(c, 'register_new_patient', { ...details, healthCardNumber: '9698 658 215', language: 'zh' });
    expect(registered).toMatchObject({ ok: true, data: { registered: true, pendingStaffCompletion: true } });
    expect(registered.data.say).toMatch(/[\u4e00-\u9fff]/);
    const entry = await s.t.db.dataSource.getRepository(WaitlistEntry).findOneByOrFail({ id: registered.data.waitlistEntryId });
    expect(entry).toMatchObject({ clinicId: clinic.id, firstName: 'Ada', lastName: 'Lovelace', phone: caller, status: 'pending', source: 'voice', vapiCallId: c.id });
    expect(entry.detailsEnc).not.toContain('9698658215');
    const box = new SecretBox(s.t.config.encryptionKeys);
    expect(JSON.parse(box.decrypt(entry.detailsEnc!, waitlistDetailsContext(entry.id)))).toMatchObject({ dateOfBirth: '1990-12-10', healthCardType: 'BC', healthCardNumber: '9698658215', postalCode: 'V5K 0A1', language: 'zh' });
    // the call's language is now Chinese for the next tool without a language argument
    expect((await tool(c, 'log_call_metadata', { callOutcome: 'registered', intent: 'register' })).data.say).toMatch(/[\u4e00-\u9fff]/);

    const closed = await voiceClinic({ registration: { acceptingNewPatients: false, waitlistEnabled: true } });
    const c2 = newCall({ caller, dialled: closed.vapiPhone });
    expect(await tool(c2, 'register_new_patient', { ...details, healthCardNumber: HARRIET.phn })).toMatchObject({ ok: false, data: { code: 'NOT_ACCEPTING', next: 'offer_waitlist' } });
    expect(await tool(c2, 'add_to_waitlist', { firstName: 'Ada', lastName: 'Lovelace' })).toMatchObject({ ok: true, data: { waitlisted: true } });
    expect(await s.t.db.dataSource.getRepository(WaitlistEntry).findOneByOrFail({ clinicId: closed.id })).toMatchObject({ phone: caller, source: 'voice' });
  });

  it('transfer_call records the reason, and the end-of-call report marks the call transferred', async () => {
    const clinic = await voiceClinic({ clinicalControl: { transferPhoneNumber: '+16045550111' } });
    const c = newCall({ caller: HARRIET.phone, dialled: clinic.vapiPhone });
    expect(await tool(c, 'transfer_call', { reason: 'medical_question' })).toMatchObject({ ok: true, data: { transferring: true, next: 'transfer' } });
    await postVapi(s.t, endOfCallReport(c, { endedReason: 'assistant-forwarded-call' }), auth);
    expect(await s.t.db.dataSource.getRepository(CallLog).findOneByOrFail({ vapiCallId: c.id })).toMatchObject({ transferredToStaff: true, transferReason: 'medical_question', outcome: 'transferred' });
    const none = await voiceClinic();
    expect(await tool(newCall({ caller: HARRIET.phone, dialled: none.vapiPhone }), 'transfer_call', { reason: 'frustrated' })).toMatchObject({ ok: false, data: { code: 'NO_TRANSFER_NUMBER' } });
  });

  it('sweeps the scratch of calls whose end-of-call report never came after 6 h, and receipts and ended calls’ marks after a day', async () => {
    const clinic = await voiceClinic();
    const c = newCall({ caller: HARRIET.phone, dialled: clinic.vapiPhone });
    await tool(c, 'search_patient_by_phone', { phone: '0' });
    await tool(c, 'log_call_metadata', { callOutcome: 'no_action' });
    const ended = newCall({ caller: HARRIET.phone, dialled: clinic.vapiPhone });
    await tool(ended, 'log_call_metadata', { callOutcome: 'no_action' });
    expect((await postVapi(s.t, endOfCallReport(ended), auth)).status).toBe(200);
    const metadata = s.t.db.dataSource.getRepository(CallMetadata);
    const receipts = s.t.db.dataSource.getRepository(ToolCallReceipt);
    const janitor = s.t.app.get(CallScratchJanitor);
    await janitor.sweep();
    expect(await metadata.countBy({ vapiCallId: c.id })).toBe(1);
    await janitor.sweep(Date.now() + CALL_SCRATCH_MAX_AGE_MS + 60_000);
    expect(await metadata.countBy({ vapiCallId: c.id })).toBe(0);
    // a day: the ended call's mark and every receipt
    expect(await metadata.countBy({ vapiCallId: ended.id })).toBe(1);
    expect(await receipts.countBy({ vapiCallId: c.id })).toBe(1);
    expect(await receipts.countBy({ vapiCallId: ended.id })).toBe(1);
    await janitor.sweep(Date.now() + CALL_RECEIPT_MAX_AGE_MS + 60_000);
    expect(await metadata.countBy({ vapiCallId: ended.id })).toBe(0);
    expect(await receipts.countBy({ vapiCallId: c.id })).toBe(0);
    expect(await receipts.countBy({ vapiCallId: ended.id })).toBe(0);
  });

  it('writes no patient data into the logs: no name, date of birth, phone number, health number or address any scripted call used', async () => {
    const lines = s.t.logLines.join('\n');
    expect(lines).toContain('voice tool call');
    const phones = [HARRIET.phone, WONG_PHONE, ...REGISTRANT_PHONES].flatMap((e164) => {
      const digits = e164.slice(2);
      return [e164, digits, `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`];
    });
    expect(REGISTRANT_PHONES.length).toBeGreaterThan(0);
    for (const phi of [
      'HARRIET', 'Harriet', 'JONES', 'Jones', HARRIET.dateOfBirth, HARRIET.phn, '9698 658 215', '9698658216',
      'Mei', 'Wong', MEI_WONG.dateOfBirth, '1950-01-01',
      'Lovelace', '1990-12-10', '1 Main St', 'V5K 0A1', 'V5K0A1',
      'Cancel please', 'feeling better', ...phones,
    ]) {
      expect(lines, phi).not.toContain(phi);
    }
  });
});
