import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmrAdapterFactory } from '../../apps/api/src/emr/emr-adapter.factory.js';
import { EmrConnectionNotices } from '../../apps/api/src/emr/emr-connection-notices.js';
import { JobQueue } from '../../apps/api/src/jobs/job-queue.js';
import { SMS_SEND_JOB } from '../../apps/api/src/sms/sms-send.job.js';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';
import { createTestApp, type TestApp } from '../../libs/testing/src/app.js';
import { createAdmin, randomPhone } from '../../libs/testing/src/factories.js';
import { goLive } from '../../libs/testing/src/go-live.js';
import { call, signInToken } from '../../libs/testing/src/http.js';
import { startTestOscarSim, type TestOscarSim } from '../../libs/testing/src/oscar-sim.js';
import { deliveryReceiptEvent, telnyxWebhookSigner, waitFor } from '../../libs/testing/src/telnyx-fake.js';

const SECRET = 'platform-webhook-secret-notify-0123';
const signer = telnyxWebhookSigner();
const PUBLIC_URL = 'https://console.voicedesk.test';
const FROM = 'VoiceDesk <alerts@voicedesk.test>';

interface Mail {
  to: string[];
  /** headers and body, quoted-printable soft breaks undone */
  text: string;
}

/** A local SMTP server that keeps every message it is given (the e-mail sink). */
async function startSmtpSink(): Promise<{ url: string; mails: Mail[]; close(): Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const text = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), text });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

type Note = { type: string; title: string; message: string; link: string | null };

describe('notifications of clinic events: EMR connection, failing texts, go-live, tickets (two replicas, e-mail on)', () => {
  let s: ApiSuite;
  let b: TestApp;
  let sim: TestOscarSim;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let admin2: { id: string; email: string; token: string };

  beforeAll(async () => {
    sim = await startTestOscarSim({ badPasswordDelayMs: 0 });
    sink = await startSmtpSink();
    // a Telnyx key (never used: the texts here stop at their guards, and nothing listens at that port), so a missing sender number is the first guard a text fails
    const env = { VAPI_WEBHOOK_SECRET: SECRET, TELNYX_API_KEY: 'KEY-notification-events', TELNYX_BASE_URL: 'http://127.0.0.1:9', TELNYX_PUBLIC_KEY: signer.publicKey, SMTP_URL: sink.url, NOTIFY_EMAIL_FROM: FROM, PUBLIC_URL };
    s = await startApiSuite(env);
    b = await createTestApp(env, { replicaOf: s.t });
    const user = await createAdmin(s.t.db.dataSource);
    admin2 = { ...user, token: await signInToken(s.t, user) };
  });
  afterAll(async () => {
    await b?.close();
    await s?.t.close();
    await sink?.close();
    await sim?.close();
  });
  beforeEach(async () => {
    await sim.control.reset({ counters: true, faults: true });
  });

  const notes = async (token: string): Promise<Note[]> => (await s.as(token, 'GET', '/api/notifications?limit=100')).body.items;
  const ofType = async (token: string, type: string) => (await notes(token)).filter((n) => n.type === type);
  /** every notification e-mail job of both replicas has run */
  const mailsSettled = () =>
    waitFor(async () => {
      const [{ waiting }] = await s.t.db.dataSource.query(
        `SELECT count(*)::int AS waiting FROM pgboss.job WHERE name = 'notifications.email' AND state NOT IN ('completed', 'failed', 'cancelled')`,
      );
      return waiting === 0 ? true : undefined;
    }, 20_000, 'the notification e-mails to be sent');

  /** A clinic on the simulator with two managers (and a manager of another clinic, who must hear nothing). */
  async function clinicWithManagers() {
    const clinic = await s.newClinic({ vapiPhone: randomPhone(), timezone: sim.data.timezone });
    expect((await s.connectToSim(clinic.id, sim)).status).toBe(200);
    const managers = [await s.managerOf(clinic.id), await s.managerOf(clinic.id)];
    const outsider = await s.managerOf((await s.newClinic()).id);
    return { id: clinic.id, name: clinic.name as string, managers, outsider };
  }

  /** Fails the clinic's EMR connection test through `replica` until that replica's breaker for the clinic is open. */
  async function breakOn(replica: TestApp, clinicId: string) {
    const resilience = () => replica.app.get(EmrAdapterFactory).resilienceFor(clinicId);
    for (let i = 0; i < 10 && (await resilience()).circuitState !== 'open'; i++) {
      const test = await call(replica, 'POST', `/api/clinics/${clinicId}/emr/test-connection`, { token: s.adminToken });
      expect(test.body.verified).toBe(false);
    }
    expect((await resilience()).circuitState).toBe('open');
    await replica.app.get(EmrConnectionNotices).settled();
  }

  /** Tests the connection through `replica` until it passes (the breaker's pause is 15 s, then a probe closes it). */
  async function recoverOn(replica: TestApp, clinicId: string) {
    await waitFor(async () => {
      const test = await call(replica, 'POST', `/api/clinics/${clinicId}/emr/test-connection`, { token: s.adminToken });
      if (test.body.verified) return true;
      await new Promise((r) => setTimeout(r, 500));
      return undefined;
    }, 40_000, 'the EMR connection test to pass again');
    expect((await replica.app.get(EmrAdapterFactory).resilienceFor(clinicId)).circuitState).toBe('closed');
    await replica.app.get(EmrConnectionNotices).settled();
  }

  it('EMR connection of a live clinic lost, seen by both replicas’ breakers: one "lost" notice per manager and admin; back: one "back" notice, each linking to the EMR settings', async () => {
    const clinic = await clinicWithManagers();
    await s.goLive(clinic.id);
    // a clinic still being set up: its connection test says what is wrong, nobody is alerted
    const pending = await clinicWithManagers();
    const recipients = [...clinic.managers.map((m) => m.token), s.adminToken, admin2.token];
    await sim.control.setFaults({ errorRate: 1 });

    await breakOn(s.t, pending.id);
    await breakOn(s.t, clinic.id);
    await breakOn(b, clinic.id);
    for (const token of recipients) {
      expect(await ofType(token, 'emr_connection_lost')).toEqual([
        expect.objectContaining({ title: `${clinic.name}: EMR connection lost`, link: `/clinics/${clinic.id}/settings?section=emr` }),
      ]);
      expect(await ofType(token, 'emr_connection_back')).toEqual([]);
    }
    expect(await notes(clinic.outsider.token)).toEqual([]);
    for (const m of pending.managers) expect(await notes(m.token)).toEqual([]);
    expect((await notes(s.adminToken)).filter((n) => n.title.startsWith(pending.name))).toEqual([]);

    await sim.control.reset({ faults: true });
    await recoverOn(s.t, clinic.id);
    await recoverOn(b, clinic.id);
    for (const token of recipients) {
      expect(await ofType(token, 'emr_connection_back')).toEqual([
        expect.objectContaining({ title: `${clinic.name}: EMR connection back`, link: `/clinics/${clinic.id}/settings?section=emr` }),
      ]);
      expect(await ofType(token, 'emr_connection_lost')).toHaveLength(1);
    }
    expect(await notes(clinic.outsider.token)).toEqual([]);

    // one e-mail of each per person, whichever replica saw it
    await mailsSettled();
    const lost = sink.mails.filter((m) => m.text.includes(`Subject: ${clinic.name}: EMR connection lost`));
    expect(lost.map((m) => m.to).flat().sort()).toEqual([s.admin.email, admin2.email].concat(await managerEmails(clinic.id)).sort());
    expect(sink.mails.filter((m) => m.text.includes(`Subject: ${clinic.name}: EMR connection back`))).toHaveLength(4);
  }, 90_000);

  async function managerEmails(clinicId: string): Promise<string[]> {
    const rows: { email: string }[] = await s.t.db.dataSource.query(`SELECT email FROM users WHERE clinic_id = $1 AND role = 'clinic_manager'`, [clinicId]);
    return rows.map((r) => r.email);
  }

  /** A text of the clinic that Telnyx took (`sent`, with Telnyx's id), as the send job leaves it. */
  async function sentText(clinicId: string): Promise<string> {
    const providerMessageId = `40317${Math.floor(Math.random() * 1e9)}`;
    await s.t.db.dataSource.query(
      `INSERT INTO sms_messages (clinic_id, direction, to_e164, from_e164, body, status, provider_message_id, sent_at, template_kind)
       VALUES ($1, 'outbound', $2, '+16045550101', 'Your appointment on Monday', 'sent', $3, now(), 'confirmation')`,
      [clinicId, randomPhone(), providerMessageId],
    );
    return providerMessageId;
  }

  async function receipt(replica: TestApp, messageId: string, status: string, errorCode: string) {
    const body = deliveryReceiptEvent({ eventType: 'message.finalized', messageId, status, errorCode });
    const response = await fetch(`${replica.baseUrl}/api/telnyx/webhook`, { method: 'POST', headers: signer.headers(body), body });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: 'processed' });
  }

  it('texts failing: a burst of failed sends through both replicas is one notice to the clinic’s managers (at most one an hour), saying why, linking to the clinic’s texts', async () => {
    const clinic = await clinicWithManagers();
    // a text the patient's phone could not take is not the clinic's texts failing
    await receipt(s.t, await sentText(clinic.id), 'delivery_failed', '40002');
    for (const m of clinic.managers) expect(await ofType(m.token, 'texts_failing')).toEqual([]);

    await receipt(s.t, await sentText(clinic.id), 'sending_failed', '40008');
    await receipt(b, await sentText(clinic.id), 'sending_failed', '40008');
    await receipt(s.t, await sentText(clinic.id), 'sending_failed', '40008');
    for (const m of clinic.managers) {
      const [note, ...more] = await ofType(m.token, 'texts_failing');
      expect(more).toEqual([]);
      expect(note).toMatchObject({ title: `${clinic.name}: texts are failing`, link: `/clinics/${clinic.id}/texts` });
      expect(note.message).toContain('code 40008');
      expect(note.message).not.toMatch(/\+1604|appointment on Monday/);
    }
    expect(await ofType(s.adminToken, 'texts_failing')).toEqual([]);
    expect(await notes(clinic.outsider.token)).toEqual([]);

    // an hour later, the next failure is news again
    await s.t.db.dataSource.query(`UPDATE clinic_alerts SET opened_at = opened_at - interval '61 minutes' WHERE clinic_id = $1 AND kind = 'texts_failing'`, [clinic.id]);
    await receipt(b, await sentText(clinic.id), 'sending_failed', '40008');
    for (const m of clinic.managers) expect(await ofType(m.token, 'texts_failing')).toHaveLength(2);
  });

  it('a text the send job cannot send (the clinic texts with no sender number) tells the managers why', async () => {
    const clinic = await clinicWithManagers();
    await s.t.db.dataSource.query(`UPDATE clinic_config SET sms_enabled = true, sms_sender_number = NULL WHERE clinic_id = $1`, [clinic.id]);
    const [{ id }] = await s.t.db.dataSource.query(
      `INSERT INTO sms_messages (clinic_id, direction, to_e164, from_e164, body, status, template_kind)
       VALUES ($1, 'outbound', $2, '', 'Your appointment on Monday', 'queued', 'confirmation') RETURNING id`,
      [clinic.id, randomPhone()],
    );
    const jobId = await b.app.get(JobQueue).send(SMS_SEND_JOB, { clinicId: clinic.id, messageId: id });
    await waitFor(async () => {
      const [job] = await s.t.db.dataSource.query(`SELECT state FROM pgboss.job WHERE id = $1`, [jobId]);
      return job?.state === 'completed' ? true : undefined;
    }, 20_000, 'the send job to finish');
    expect(await s.t.db.dataSource.query(`SELECT status, error_code FROM sms_messages WHERE id = $1`, [id])).toEqual([{ status: 'failed', error_code: 'no_sender_number' }]);
    for (const m of clinic.managers) {
      const [note, ...more] = await ofType(m.token, 'texts_failing');
      expect(more).toEqual([]);
      expect(note.message).toContain('the clinic has no valid sender number for texts');
    }
  });

  it('a clinic taken live tells its managers, with a link to the clinic', async () => {
    const clinic = await clinicWithManagers();
    for (const m of clinic.managers) expect(await ofType(m.token, 'clinic_live')).toEqual([]);
    await goLive(s.t, s.adminToken, clinic.id);
    for (const m of clinic.managers) {
      expect(await ofType(m.token, 'clinic_live')).toEqual([
        expect.objectContaining({ title: `${clinic.name} is live`, link: `/clinics/${clinic.id}/onboarding` }),
      ]);
    }
    expect(await ofType(s.adminToken, 'clinic_live')).toEqual([]);
    expect(await notes(clinic.outsider.token)).toEqual([]);
  }, 40_000);

  it('a ticket notice names the ticket; its e-mail carries the notification’s title and an absolute link, never the ticket’s title or text', async () => {
    const clinic = await clinicWithManagers();
    const [manager] = clinic.managers;
    const opened = await s.as(manager.token, 'POST', `/api/clinics/${clinic.id}/tickets`, {
      title: 'Callback for Mrs Jones about her results',
      description: 'She called twice about her blood test.',
    });
    expect(opened.status).toBe(201);
    const link = `/clinics/${clinic.id}/tickets/${opened.body.id}`;
    for (const token of [s.adminToken, admin2.token]) {
      const [note] = (await notes(token)).filter((n) => n.link === link);
      expect(note).toMatchObject({
        type: 'ticket_created',
        title: `New support ticket from ${clinic.name}`,
        message: `“Callback for Mrs Jones about her results” · ${clinic.name} · priority medium`,
      });
    }

    await mailsSettled();
    const mails = sink.mails.filter((m) => m.text.includes(`${PUBLIC_URL}${link}`));
    expect(mails.map((m) => m.to).flat().sort()).toEqual([s.admin.email, admin2.email].sort());
    for (const mail of mails) {
      expect(mail.text).toContain(`Subject: New support ticket from ${clinic.name}`);
      expect(mail.text).toContain('From: VoiceDesk <alerts@voicedesk.test>');
      expect(mail.text).not.toMatch(/Jones|blood|results|priority/);
    }
    expect(s.t.logLines.join('\n')).not.toContain(s.admin.email);
  });
});

describe('notification e-mail is off by default', () => {
  let s: ApiSuite;
  beforeAll(async () => {
    s = await startApiSuite();
  });
  afterAll(async () => {
    await s?.t.close();
  });

  it('without SMTP_URL a notification is only in the console: no e-mail job, nothing e-mailed', async () => {
    const clinic = await s.newClinic();
    const manager = await s.managerOf(clinic.id);
    expect((await s.as(manager.token, 'POST', `/api/clinics/${clinic.id}/tickets`, { title: 'Greeting', description: 'Change it' })).status).toBe(201);
    const list = await s.as(s.adminToken, 'GET', '/api/notifications');
    expect(list.body.items).toHaveLength(1);
    const jobs = await s.t.db.dataSource.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'notifications.email'`);
    expect(jobs).toEqual([{ n: 0 }]);
    expect(await s.t.db.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE emailed_at IS NOT NULL`)).toEqual([{ n: 0 }]);
  });
});
