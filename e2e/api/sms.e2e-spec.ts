import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../apps/api/src/bootstrap.js';
import { CallLog } from '../../apps/api/src/calls/call-log.entity.js';
import { SmsMessage } from '../../apps/api/src/sms/sms-message.entity.js';
import { SmsOptOut } from '../../apps/api/src/sms/sms-opt-out.entity.js';
import { createTestApp, type TestApp } from '../../libs/testing/src/app.js';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';
import { randomPhone } from '../../libs/testing/src/factories.js';
import { startTestOscarSim, type TestOscarSim } from '../../libs/testing/src/oscar-sim.js';
import { deliveryReceiptEvent, inboundSmsEvent, startTelnyxFake, telnyxWebhookSigner, waitFor, type TelnyxFake } from '../../libs/testing/src/telnyx-fake.js';
import { endOfCallReport, newCall, postVapi, toolAnswer, toolCallsMessage, type VapiAuth, type VapiCall } from '../../libs/testing/src/vapi-messages.js';

const SECRET = 'platform-webhook-secret-for-sms-0123';
const auth: VapiAuth = { kind: 'x-vapi-secret', secret: SECRET };
// the simulator's Harriet Jones, alone on her (mobile) number
const HARRIET = { demographicId: 1, phone: '+16045550142' };
const signer = telnyxWebhookSigner();

describe('confirmation texts after a voice booking, through the job queue and the Telnyx fake', () => {
  let s: ApiSuite;
  let sim: TestOscarSim;
  let telnyx: TelnyxFake;
  let restarted: TestApp | undefined;

  beforeAll(async () => {
    sim = await startTestOscarSim({ badPasswordDelayMs: 0 });
    telnyx = await startTelnyxFake();
    s = await startApiSuite(env());
  });
  const env = () => ({ VAPI_WEBHOOK_SECRET: SECRET, TELNYX_API_KEY: telnyx.apiKey, TELNYX_BASE_URL: telnyx.baseUrl, TELNYX_PUBLIC_KEY: signer.publicKey });
  afterAll(async () => {
    await restarted?.close();
    await s?.t.close();
    await telnyx?.close();
    await sim?.close();
  });
  beforeEach(async () => {
    telnyx.reset();
    await sim.control.reset({ data: true, counters: true, faults: true });
  });

  /** A clinic on the simulator that texts from its own number (unless `sms` says otherwise). */
  async function smsClinic(sms: Record<string, unknown> = {}) {
    const vapiPhone = randomPhone();
    const sender = randomPhone();
    const clinic = await s.newClinic({ vapiPhone, timezone: sim.data.timezone, name: `Maple Clinic ${sender.slice(-4)}` });
    expect((await s.connectToSim(clinic.id, sim)).status).toBe(200);
    expect((await s.as(s.adminToken, 'POST', `/api/clinics/${clinic.id}/providers/sync`)).status).toBe(200);
    expect((await s.as(s.adminToken, 'POST', `/api/clinics/${clinic.id}/emr/pull-config`)).status).toBe(200);
    const put = await s.as(s.adminToken, 'PUT', `/api/clinics/${clinic.id}/config`, {
      voiceBooking: { cancellationMinNoticeHours: 0 },
      sms: { smsEnabled: true, smsSenderNumber: sender, ...sms },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    return { id: clinic.id as string, name: clinic.name as string, vapiPhone, sender };
  }

  /** searches that answer `next: retry` are asked again, as the agent does (a cold first search on a loaded machine can miss its deadline; this suite is about texts) */
  const SEARCHES = new Set(['search_patient_by_phone', 'find_earliest_appointment']);

  async function tool(c: VapiCall, name: string, args: Record<string, unknown> = {}) {
    let reply = await postVapi(s.t, toolCallsMessage(c, [{ name, args }]), auth);
    for (let retry = 0; retry < 2 && SEARCHES.has(name) && toolAnswer(reply).data?.next === 'retry'; retry++) {
      reply = await postVapi(s.t, toolCallsMessage(c, [{ name, args }]), auth);
    }
    expect(reply.status, name).toBe(200);
    const answer = toolAnswer(reply);
    expect(answer.ok, `${name}: ${JSON.stringify(answer.data)}`).toBe(true);
    return { ...answer.data, ms: reply.ms } as Record<string, any>;
  }

  /** Harriet calls and books the earliest slot; answers the call and the booking. */
  async function book(clinic: { vapiPhone: string }, args: Record<string, unknown> = {}) {
    const c = newCall({ caller: HARRIET.phone, dialled: clinic.vapiPhone });
    await tool(c, 'search_patient_by_phone', { phone: HARRIET.phone });
    const offer = await tool(c, 'find_earliest_appointment', {});
    const booked = await tool(c, 'create_appointment', { demographicId: HARRIET.demographicId, providerId: offer.providerId, startTime: offer.startTime, appointmentType: offer.appointmentType, ...args });
    return { c, booked };
  }

  const messages = (clinicId: string) => s.t.db.dataSource.getRepository(SmsMessage).find({ where: { clinicId }, order: { createdAt: 'ASC' } });
  /** the clinic's outbound texts, once `count` exist and none is still queued or sending */
  const settled = (clinicId: string, count = 1) =>
    waitFor(async () => {
      const rows = (await messages(clinicId)).filter((r) => r.direction === 'outbound');
      return rows.length >= count && rows.every((r) => !['queued', 'sending'].includes(r.status)) ? rows : undefined;
    }, 20_000, 'the texts to settle');

  function postTelnyx(body: string, headers: Record<string, string> = signer.headers(body)) {
    return fetch(`${s.t.baseUrl}/api/telnyx/webhook`, { method: 'POST', headers, body }).then(async (r) => ({ status: r.status, body: await r.json() }));
  }

  it('a booking with consent sends exactly one English text, then a receipt makes it delivered and the call log notes when it was sent', async () => {
    const clinic = await smsClinic();
    const { c, booked } = await book(clinic, { smsConsent: true });
    expect(booked.ms, 'the caller is not kept waiting').toBeLessThan(5_000);
    const [sent] = await telnyx.waitForSent(1);
    const [row] = await settled(clinic.id);
    expect(row).toMatchObject({ direction: 'outbound', status: 'sent', templateKind: 'book', language: 'en', toE164: HARRIET.phone, fromE164: clinic.sender, providerMessageId: sent.id, appointmentId: booked.appointmentId, vapiCallId: c.id, errorCode: null });
    expect(sent).toMatchObject({ to: HARRIET.phone, from: clinic.sender });
    expect(sent.text).toMatch(new RegExp(`^${clinic.name}: your appointment with .+ is booked for \\w+day, \\w+ \\d{1,2} at \\d{1,2}:\\d{2} [ap]\\.m\\.`));
    expect(sent.text).toContain(booked.providerName);
    expect(row.body).toBe(sent.text);

    // the receipt of Telnyx (finalized before sent: out of order), then the late `message.sent` changes nothing
    expect(await postTelnyx(deliveryReceiptEvent({ eventType: 'message.finalized', messageId: sent.id, status: 'delivered' }))).toEqual({ status: 200, body: { eventType: 'message.finalized', outcome: 'processed' } });
    expect(await postTelnyx(deliveryReceiptEvent({ eventType: 'message.sent', messageId: sent.id, status: 'sent' }))).toEqual({ status: 200, body: { eventType: 'message.sent', outcome: 'duplicate' } });
    const [delivered] = await messages(clinic.id);
    expect(delivered).toMatchObject({ status: 'delivered', deliveredAt: expect.any(Date), sentAt: expect.any(Date) });

    // the call ends: its log gets sms_sent_at (written by a job once the log exists)
    expect((await postVapi(s.t, endOfCallReport(c, {}), auth)).status).toBe(200);
    const log = await waitFor(async () => {
      const l = await s.t.db.dataSource.getRepository(CallLog).findOneBy({ vapiCallId: c.id });
      return l?.smsSentAt ? l : undefined;
    }, 20_000, 'call_logs.sms_sent_at');
    expect(log).toMatchObject({ smsConsent: true });
    expect(log.smsSentAt!.getTime()).toBe(delivered.sentAt!.getTime());
    expect(telnyx.sent).toHaveLength(1);
  });

  it('a caller speaking Chinese gets the clinic’s Chinese template; a cancellation is texted in Chinese too', async () => {
    const clinic = await smsClinic({ smsTemplateBookZh: '{clinicName}：已为您预约{providerName}，{date} {time}。' });
    const { c, booked } = await book(clinic, { smsConsent: true, language: 'zh' });
    const [sent] = await telnyx.waitForSent(1);
    expect(sent.text).toMatch(new RegExp(`^${clinic.name}：已为您预约.+，\\d{1,2}月\\d{1,2}日 \\(星期.\\) \\d{1,2}:\\d{2}。$`));
    await tool(c, 'search_patient_by_phone', { phone: HARRIET.phone, dateOfBirth: '1948-03-14', language: 'zh' });
    await tool(c, 'cancel_appointment', { appointmentId: booked.appointmentId, language: 'zh' });
    const all = await telnyx.waitForSent(2);
    expect(all[1].text).toContain('的预约已取消');
    const rows = await settled(clinic.id, 2);
    expect(rows.map((r) => [r.templateKind, r.language, r.status])).toEqual([['book', 'zh', 'sent'], ['cancel', 'zh', 'sent']]);
  });

  it('without consent, with SMS off, or to an opted-out number nothing is sent and the reason is kept', async () => {
    const declined = await smsClinic();
    await book(declined, { smsConsent: false });
    expect((await settled(declined.id)).map((r) => [r.status, r.errorCode])).toEqual([['failed', 'no_consent']]);

    const never = await smsClinic();
    await book(never, {});
    expect((await settled(never.id)).map((r) => [r.status, r.errorCode])).toEqual([['failed', 'no_consent']]);

    const off = await smsClinic({ smsEnabled: false });
    await book(off, { smsConsent: true });
    expect((await settled(off.id)).map((r) => [r.status, r.errorCode])).toEqual([['failed', 'sms_disabled']]);
    expect(telnyx.attempts).toHaveLength(0);
  });

  it('the guard chain runs in seed 003’s order: with SMS off and no consent the reason kept is the consent’s, SMS on/off is checked last', async () => {
    const clinic = await smsClinic({ smsEnabled: false });
    await book(clinic, {});
    expect((await settled(clinic.id)).map((r) => [r.status, r.errorCode])).toEqual([['failed', 'no_consent']]);
    expect(telnyx.attempts).toHaveLength(0);
  });

  it('HELP is answered once, even with texts off: the clinic’s name, whom to call and how to stop; a repeated delivery answers nothing', async () => {
    const clinic = await smsClinic({ smsEnabled: false });
    expect((await s.as(s.adminToken, 'PATCH', `/api/clinics/${clinic.id}`, { phone: '(604) 555-0100' })).status).toBe(200);
    const help = inboundSmsEvent({ from: HARRIET.phone, to: clinic.sender, text: 'help' });
    expect(await postTelnyx(help)).toEqual({ status: 200, body: { eventType: 'message.received', outcome: 'processed' } });
    const [answer] = await telnyx.waitForSent(1);
    expect(answer).toMatchObject({ to: HARRIET.phone, from: clinic.sender });
    expect(answer.text).toBe(`${clinic.name}: appointment texts. For help, call +1 604-555-0100. Reply STOP to opt out, START to opt back in. Msg & data rates may apply.`);
    const [row] = await settled(clinic.id);
    expect(row).toMatchObject({ status: 'sent', templateKind: 'help', language: 'en', vapiCallId: null, providerMessageId: answer.id });

    // Telnyx delivers the same HELP again (same message id): kept once, answered once
    const again = JSON.parse(help);
    again.data.id = 'another-delivery-of-the-same-message';
    expect((await postTelnyx(JSON.stringify(again))).status).toBe(200);
    // a HELP the messaging profile answered itself (autoresponse_type HELP) is kept, not answered a second time
    expect((await postTelnyx(inboundSmsEvent({ from: HARRIET.phone, to: clinic.sender, text: 'HELP', autoresponseType: 'HELP' }))).status).toBe(200);
    const rows = await messages(clinic.id);
    expect(rows.filter((r) => r.direction === 'inbound').map((r) => r.body).sort()).toEqual(['HELP', 'help']);
    expect(rows.filter((r) => r.direction === 'outbound').map((r) => r.templateKind)).toEqual(['help']);
    expect(telnyx.attempts).toHaveLength(1);
  });

  it('the latest consent of the call wins: declined at booking, then agreed through log_call_metadata', async () => {
    const clinic = await smsClinic();
    const c = newCall({ caller: HARRIET.phone, dialled: clinic.vapiPhone });
    await tool(c, 'log_call_metadata', { callOutcome: 'booked', smsConsent: false });
    await tool(c, 'search_patient_by_phone', { phone: HARRIET.phone });
    const offer = await tool(c, 'find_earliest_appointment', {});
    await tool(c, 'create_appointment', { demographicId: 1, providerId: offer.providerId, startTime: offer.startTime, appointmentType: offer.appointmentType, smsConsent: true });
    await telnyx.waitForSent(1);
    expect((await settled(clinic.id)).map((r) => r.status)).toEqual(['sent']);
  });

  it('STOP opts the number out of that clinic’s texts; START opts it back in; both inbound texts are kept', async () => {
    const clinic = await smsClinic();
    const stop = await postTelnyx(inboundSmsEvent({ from: HARRIET.phone, to: clinic.sender, text: 'Stop', autoresponseType: 'STOP' }));
    expect(stop).toEqual({ status: 200, body: { eventType: 'message.received', outcome: 'processed' } });
    expect(await s.t.db.dataSource.getRepository(SmsOptOut).findOneBy({ clinicId: clinic.id, phoneE164: HARRIET.phone })).toMatchObject({ sourceKeyword: 'STOP', optedBackInAt: null });
    await book(clinic, { smsConsent: true });
    expect((await settled(clinic.id)).map((r) => [r.status, r.errorCode])).toEqual([['failed', 'opted_out']]);
    expect(telnyx.sent).toHaveLength(0);

    await sim.control.reset({ data: true });
    expect((await postTelnyx(inboundSmsEvent({ from: HARRIET.phone, to: clinic.sender, text: 'START' }))).status).toBe(200);
    await book(clinic, { smsConsent: true });
    await telnyx.waitForSent(1);
    expect((await settled(clinic.id, 2)).map((r) => r.status)).toEqual(['failed', 'sent']);
    expect((await messages(clinic.id)).filter((r) => r.direction === 'inbound').map((r) => [r.status, r.body, r.fromE164, r.toE164])).toEqual([
      ['received', 'Stop', HARRIET.phone, clinic.sender],
      ['received', 'START', HARRIET.phone, clinic.sender],
    ]);
  });

  it('Telnyx failing twice, then accepting: the text goes out once, on the third attempt', async () => {
    const clinic = await smsClinic();
    telnyx.failNext({ status: 500 }, { status: 429, code: '10011' });
    await book(clinic, { smsConsent: true });
    await telnyx.waitForSent(1, 25_000);
    const [row] = await settled(clinic.id);
    expect(row).toMatchObject({ status: 'sent', errorCode: null, providerMessageId: telnyx.sent[0].id });
    expect(telnyx.attempts).toHaveLength(3);
    expect(telnyx.sent).toHaveLength(1);
  }, 40_000);

  it('a refusal that will not change (STOP block 40300) fails at once with Telnyx’s code', async () => {
    const clinic = await smsClinic();
    telnyx.failNext({ status: 403, code: '40300', title: 'Blocked due to STOP message' });
    await book(clinic, { smsConsent: true });
    expect((await settled(clinic.id)).map((r) => [r.status, r.errorCode])).toEqual([['failed', '40300']]);
    expect(telnyx.attempts).toHaveLength(1);
  });

  /** the pg-boss `sms.send` jobs of a text */
  const sendJobs = async (messageId: string) =>
    (await s.t.db.dataSource.query(`SELECT state FROM pgboss.job WHERE name = 'sms.send' AND data->>'messageId' = $1`, [messageId])) as { state: string }[];

  it('the text is written with the booking’s receipt: when the caller hears the answer, the text and its job are already stored', async () => {
    const clinic = await smsClinic();
    // every write of a text for this clinic takes a while: a text written after the answer would not be there yet
    await s.t.db.dataSource.query(`CREATE OR REPLACE FUNCTION slow_sms_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.4); RETURN NEW; END $$`);
    await s.t.db.dataSource.query(`CREATE TRIGGER slow_sms_insert_${clinic.id.replace(/-/g, '')} BEFORE INSERT ON sms_messages FOR EACH ROW WHEN (NEW.clinic_id = '${clinic.id}') EXECUTE FUNCTION slow_sms_insert()`);
    const { c, booked } = await book(clinic, { smsConsent: true });
    // nothing after the answer is needed: the row and its job are committed with the receipt
    const [row] = await messages(clinic.id);
    expect(row).toMatchObject({ templateKind: 'book', vapiCallId: c.id, appointmentId: booked.appointmentId, toolCallId: expect.any(String) });
    expect(await sendJobs(row.id)).toHaveLength(1);
    const [receipt] = await s.t.db.dataSource.query(`SELECT status, tool_call_id FROM tool_call_receipts WHERE vapi_call_id = $1 AND tool_name = 'create_appointment'`, [c.id]);
    expect(receipt).toEqual({ status: 'done', tool_call_id: row.toolCallId });
    await telnyx.waitForSent(1);
    expect((await settled(clinic.id)).map((r) => r.status)).toEqual(['sent']);
  });

  it('duplicate deliveries of one booking, and the same booking asked for again, make one text', async () => {
    const clinic = await smsClinic();
    const c = newCall({ caller: HARRIET.phone, dialled: clinic.vapiPhone });
    await tool(c, 'search_patient_by_phone', { phone: HARRIET.phone });
    const offer = await tool(c, 'find_earliest_appointment', {});
    const args = { demographicId: HARRIET.demographicId, providerId: offer.providerId, startTime: offer.startTime, appointmentType: offer.appointmentType, smsConsent: true };
    const delivery = toolCallsMessage(c, [{ name: 'create_appointment', id: 'call_book_once', args }]);
    const answers = await Promise.all(Array.from({ length: 6 }, () => postVapi(s.t, delivery, auth)));
    expect(answers.map((a) => toolAnswer(a).data.appointmentId)).toEqual(Array(6).fill(toolAnswer(answers[0]).data.appointmentId));
    // the agent asks again with a new tool call: the booking is found already made, and already texted
    expect((await tool(c, 'create_appointment', args)).alreadyBooked).toBe(true);
    await telnyx.waitForSent(1);
    expect((await settled(clinic.id)).map((r) => [r.templateKind, r.status])).toEqual([['book', 'sent']]);
    expect(telnyx.sent).toHaveLength(1);
  });

  it('a booking whose process died after OSCAR booked it but before its receipt: the retried tool call texts it, once', async () => {
    const clinic = await smsClinic();
    const c = newCall({ caller: HARRIET.phone, dialled: clinic.vapiPhone });
    await tool(c, 'search_patient_by_phone', { phone: HARRIET.phone });
    const offer = await tool(c, 'find_earliest_appointment', {});
    const args = { demographicId: HARRIET.demographicId, providerId: offer.providerId, startTime: offer.startTime, appointmentType: offer.appointmentType, smsConsent: true };
    const delivery = toolCallsMessage(c, [{ name: 'create_appointment', id: 'call_book_crash', args }]);
    const first = toolAnswer(await postVapi(s.t, delivery, auth)).data;
    await telnyx.waitForSent(1);
    await settled(clinic.id);
    // the state a crash between addAppointment and the receipt's commit leaves: the appointment in OSCAR,
    // the receipt still running (a minute old, so a retry takes it over) and, committed with it, no text
    await s.t.db.dataSource.query(`DELETE FROM sms_messages WHERE clinic_id = $1`, [clinic.id]);
    await s.t.db.dataSource.query(`UPDATE tool_call_receipts SET status = 'running', result = NULL, completed_at = NULL, created_at = now() - interval '2 minutes' WHERE vapi_call_id = $1 AND tool_call_id = 'call_book_crash'`, [c.id]);
    telnyx.reset();

    // the process that answered is gone (and what it remembered with it): Vapi's retry reaches a replica that starts afresh
    // (kept until the suite ends: replicas in one process share passport's strategies, so closing one early would cut the other's sign-ins)
    restarted = await createTestApp(env(), { replicaOf: s.t });
    const retried = toolAnswer(await postVapi(restarted, delivery, auth)).data;
    expect(retried).toMatchObject({ appointmentId: first.appointmentId, alreadyBooked: true });
    await telnyx.waitForSent(1);
    expect((await settled(clinic.id)).map((r) => [r.templateKind, r.toolCallId, r.status])).toEqual([['book', 'call_book_crash', 'sent']]);
    // and its replay sends nothing more
    expect(toolAnswer(await postVapi(restarted, delivery, auth)).data.appointmentId).toBe(first.appointmentId);
    expect(await messages(clinic.id)).toHaveLength(1);
    expect(telnyx.sent).toHaveLength(1);
  });

  it('a send Telnyx took but whose answer was lost is settled by Telnyx’s receipt, not sent again', async () => {
    const clinic = await smsClinic();
    telnyx.failNext('accept-then-drop');
    await book(clinic, { smsConsent: true });
    const [accepted] = await telnyx.waitForSent(1);
    // the attempt's outcome is unknown: the row stays `sending`, marked in doubt, and its job waits for a receipt
    const inDoubt = await waitFor(async () => {
      const [r] = await messages(clinic.id);
      return r?.status === 'sending' && r.attemptStartedAt && r.errorCode === 'connection' ? r : undefined;
    }, 15_000, 'the attempt in doubt');
    expect(inDoubt.providerMessageId).toBeNull();
    const receipt = deliveryReceiptEvent({ eventType: 'message.sent', messageId: accepted.id, status: 'sent', from: accepted.from, to: accepted.to, text: accepted.text });
    expect(await postTelnyx(receipt)).toEqual({ status: 200, body: { eventType: 'message.sent', outcome: 'processed' } });
    const [row] = await messages(clinic.id);
    expect(row).toMatchObject({ status: 'sent', providerMessageId: accepted.id, attemptStartedAt: null });
    await waitFor(async () => ((await sendJobs(row.id)).every((j) => j.state === 'completed') ? true : undefined), 30_000, 'the send job to finish');
    expect(telnyx.sent).toHaveLength(1);
  }, 40_000);

  it('a send cut off mid-way with no receipt is sent again once the wait for a receipt is over (the documented double)', async () => {
    const clinic = await smsClinic();
    telnyx.failNext('accept-then-drop');
    await book(clinic, { smsConsent: true });
    await telnyx.waitForSent(1);
    const [inDoubt] = await waitFor(async () => {
      const rows = await messages(clinic.id);
      return rows[0]?.attemptStartedAt && rows[0].errorCode === 'connection' ? rows : undefined;
    }, 15_000, 'the attempt in doubt');
    // no receipt came: as if the wait for one were over
    await s.t.db.dataSource.query(`UPDATE sms_messages SET attempt_started_at = attempt_started_at - interval '1 hour' WHERE id = $1`, [inDoubt.id]);
    await telnyx.waitForSent(2, 30_000);
    const [row] = await settled(clinic.id);
    expect(row).toMatchObject({ status: 'sent', providerMessageId: telnyx.sent[1].id, attemptStartedAt: null });
    expect(telnyx.sent).toHaveLength(2);
  }, 40_000);

  it('webhooks: a wrong, missing or stale signature is 401; an unknown event is 200 and ignored', async () => {
    const body = inboundSmsEvent({ from: HARRIET.phone, to: '+16045550001', text: 'hello' });
    const other = telnyxWebhookSigner();
    expect((await postTelnyx(body, other.headers(body))).status).toBe(401);
    expect((await postTelnyx(body, { 'content-type': 'application/json' })).status).toBe(401);
    expect((await postTelnyx(body, signer.headers(body, Math.floor(Date.now() / 1000) - 301))).status).toBe(401);
    const tampered = signer.headers(body);
    expect((await postTelnyx(body.replace('hello', 'hellO'), tampered)).status).toBe(401);
    const unknown = JSON.stringify({ data: { record_type: 'event', event_type: 'number_order.complete', id: 'x', occurred_at: new Date().toISOString(), payload: {} } });
    expect(await postTelnyx(unknown)).toEqual({ status: 200, body: { eventType: 'number_order.complete', outcome: 'ignored' } });
    expect(await postTelnyx(body)).toEqual({ status: 200, body: { eventType: 'message.received', outcome: 'ignored' } });
  });

  it('no phone number, text or API key reaches the logs', async () => {
    const clinic = await smsClinic({ smsInboundWebhookEnabled: true });
    await book(clinic, { smsConsent: true });
    const [sent] = await telnyx.waitForSent(1);
    expect(await postTelnyx(inboundSmsEvent({ from: HARRIET.phone, to: clinic.sender, text: 'Is parking free?' }))).toMatchObject({ status: 200, body: { outcome: 'processed' } });
    await settled(clinic.id, 1);
    expect((await messages(clinic.id)).map((r) => r.body)).toContain('Is parking free?');
    const logs = s.t.logLines.join('\n');
    expect(logs).toContain('confirmation text sent');
    for (const secret of [HARRIET.phone, HARRIET.phone.slice(2), clinic.sender, sent.text, 'Harriet', 'Is parking free?', telnyx.apiKey]) {
      expect(logs).not.toContain(secret);
    }
  });
});

describe('the job queue keeps a text through a restart, and SMS without Telnyx configured', () => {
  it('an app closed right after the booking answered: a new app on the same database sends the text', async () => {
    const sim = await startTestOscarSim({ badPasswordDelayMs: 0 });
    const telnyx = await startTelnyxFake();
    const env = { VAPI_WEBHOOK_SECRET: SECRET, TELNYX_API_KEY: telnyx.apiKey, TELNYX_BASE_URL: telnyx.baseUrl, TELNYX_PUBLIC_KEY: signer.publicKey };
    const first = await startApiSuite(env);
    let second: Awaited<ReturnType<typeof createApp>> | undefined;
    try {
      const vapiPhone = randomPhone();
      const clinic = await first.newClinic({ vapiPhone, timezone: sim.data.timezone });
      await first.connectToSim(clinic.id, sim);
      await first.as(first.adminToken, 'POST', `/api/clinics/${clinic.id}/providers/sync`);
      await first.as(first.adminToken, 'POST', `/api/clinics/${clinic.id}/emr/pull-config`);
      await first.as(first.adminToken, 'PUT', `/api/clinics/${clinic.id}/config`, { sms: { smsEnabled: true, smsSenderNumber: randomPhone() } });
      // Telnyx is down for the first attempt: the job is waiting for its retry when the app goes away
      telnyx.failNext({ status: 503 });
      const c = newCall({ caller: HARRIET.phone, dialled: vapiPhone });
      await postVapi(first.t, toolCallsMessage(c, [{ name: 'search_patient_by_phone', args: { phone: HARRIET.phone } }]), auth);
      const offer = toolAnswer(await postVapi(first.t, toolCallsMessage(c, [{ name: 'find_earliest_appointment', args: {} }]), auth)).data;
      const booked = toolAnswer(await postVapi(first.t, toolCallsMessage(c, [{ name: 'create_appointment', args: { demographicId: 1, providerId: offer.providerId, startTime: offer.startTime, smsConsent: true } }]), auth));
      expect(booked.ok).toBe(true);
      await waitFor(() => (telnyx.attempts.length ? true : undefined), 10_000, 'the first attempt');
      await first.t.app.close();
      expect(telnyx.sent).toHaveLength(0);

      second = await createApp({ config: first.t.config, databaseUrl: first.t.db.url });
      await second.init();
      const [sent] = await telnyx.waitForSent(1, 25_000);
      expect(sent.to).toBe(HARRIET.phone);
      const row = await waitFor(async () => {
        const r = await first.t.db.dataSource.getRepository(SmsMessage).findOneBy({ clinicId: clinic.id });
        return r?.status === 'sent' ? r : undefined;
      }, 10_000, 'the row to be sent');
      expect(row.providerMessageId).toBe(sent.id);
      expect(telnyx.sent).toHaveLength(1);
    } finally {
      await second?.close();
      await first.t.db.drop();
      await telnyx.close();
      await sim.close();
    }
  }, 60_000);

  it('without TELNYX_API_KEY the text fails at once with the reason, and no request leaves the server', async () => {
    const t = await createTestApp({ VAPI_WEBHOOK_SECRET: SECRET });
    try {
      const { SmsConfirmations } = await import('../../apps/api/src/sms/sms-confirmations.service.js');
      const clinicRow = await t.db.dataSource.query(`INSERT INTO clinics (name, slug) VALUES ('No Telnyx', 'no-telnyx-' || substr(md5(random()::text), 1, 8)) RETURNING id`);
      const clinicId = clinicRow[0].id as string;
      await t.db.dataSource.query(`INSERT INTO clinic_config (clinic_id, sms_enabled, sms_sender_number) VALUES ($1, true, '+16045550111')
                                   ON CONFLICT (clinic_id) DO UPDATE SET sms_enabled = true, sms_sender_number = '+16045550111'`, [clinicId]);
      await t.db.dataSource.query(`INSERT INTO call_metadata (clinic_id, vapi_call_id, sms_consent) VALUES ($1, 'call-no-telnyx', true)`, [clinicId]);
      const id = (await t.app.get(SmsConfirmations).enqueue({ clinicId, vapiCallId: 'call-no-telnyx', toolCallId: 'tool-1', kind: 'book', language: 'en', toE164: HARRIET.phone, appointmentId: 7, startTime: '2026-03-09T17:30:00Z', providerName: 'Dr. Chen' }))!;
      const row = await waitFor(async () => {
        const r = await t.db.dataSource.getRepository(SmsMessage).findOneBy({ id });
        return r?.status === 'failed' ? r : undefined;
      }, 10_000, 'the row to fail');
      expect(row.errorCode).toBe('telnyx_not_configured');
    } finally {
      await t.close();
    }
  });
});
