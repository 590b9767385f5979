import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmsConfirmations } from '../../apps/api/src/sms/sms-confirmations.service.js';
import { randomPhone } from '../../libs/testing/src/factories.js';
import { call } from '../../libs/testing/src/http.js';
import { inboundSmsEvent, startTelnyxFake, telnyxWebhookSigner, waitFor, type TelnyxFake } from '../../libs/testing/src/telnyx-fake.js';
import { screenshot, seriousAccessibilityViolations } from './support/browser.js';
import { consoleSuite } from './support/console-suite.js';

/*
 * A clinic's texts as its manager sees them, against the real API, PostgreSQL, the job queue and
 * the Telnyx fake: a confirmation the caller did not agree to is refused by the guard chain and
 * listed with its reason; one that went out is listed as sent; a patient's STOP, through the
 * signed Telnyx webhook, puts the number on the opt-out list.
 */

const signer = telnyxWebhookSigner();
const sender = randomPhone();

// the Telnyx fake starts before the suite's app (which is told its address) and closes after it
let telnyx: TelnyxFake;
beforeAll(async () => {
  telnyx = await startTelnyxFake();
});
afterAll(async () => {
  await telnyx?.close();
});

const suite = consoleSuite({
  env: () => ({ TELNYX_API_KEY: telnyx.apiKey, TELNYX_BASE_URL: telnyx.baseUrl, TELNYX_PUBLIC_KEY: signer.publicKey }),
  clinic: { name: 'Harbour Texts Clinic', fields: { phone: '604-555-0100' } },
});
const { page, signedIn, menu } = suite;

beforeAll(async () => {
  const clinicId = suite.clinic.id;
  const configured = await call(suite.app, 'PUT', `/api/clinics/${clinicId}/config`, { token: suite.adminToken, body: { sms: { smsEnabled: true, smsSenderNumber: sender } } });
  expect(configured.status).toBe(200);

  // two confirmations through the queue: the caller of the first said no to texts, the second agreed
  await suite.app.db.dataSource.query(`INSERT INTO call_metadata (clinic_id, vapi_call_id, sms_consent) VALUES ($1, 'call-declined', false), ($1, 'call-agreed', true)`, [clinicId]);
  const confirmations = suite.app.app.get(SmsConfirmations);
  const booking = { clinicId, kind: 'book' as const, language: 'en', appointmentId: 4211, startTime: '2026-03-09T17:30:00Z', providerName: 'Dr. Chen' };
  await confirmations.enqueue({ ...booking, vapiCallId: 'call-declined', toolCallId: 'tool-1', toE164: '+16045550142' });
  await confirmations.enqueue({ ...booking, vapiCallId: 'call-agreed', toolCallId: 'tool-2', toE164: '+16045550143', language: 'zh' });
  await telnyx.waitForSent(1);
  await waitFor(async () => {
    const rows: { status: string }[] = await suite.app.db.dataSource.query(`SELECT status FROM sms_messages WHERE clinic_id = $1 AND direction = 'outbound'`, [clinicId]);
    return rows.length === 2 && rows.every((r) => r.status === 'failed' || r.status === 'sent') ? rows : undefined;
  }, 20_000, 'both texts to settle');

  // a patient replies STOP to the clinic's number (a signed Telnyx webhook)
  const body = inboundSmsEvent({ from: '+16045550177', to: sender, text: 'STOP', autoresponseType: 'STOP' });
  const stop = await fetch(`${suite.app.baseUrl}/api/telnyx/webhook`, { method: 'POST', headers: signer.headers(body), body });
  expect(stop.status).toBe(200);
}, 120_000);

const rows = (testId: string) => page.getByTestId(testId).locator('tbody tr');

describe('texts', () => {
  it('a manager opens the clinic’s texts, sees the one that did not go out and why, and the number that asked to stop', async () => {
    await signedIn(suite.manager);
    await menu('Texts').click();
    await page.waitForURL(`**/clinics/${suite.clinic.id}/texts`);
    await page.getByRole('heading', { level: 1, name: 'Texts' }).waitFor();

    await expect.poll(() => rows('texts-table').count()).toBe(3);
    const failed = rows('texts-table').filter({ hasText: 'Not sent' });
    expect(await failed.count()).toBe(1);
    const failedText = await failed.textContent();
    expect(failedText).toContain('•••-•••-0142');
    expect(failedText).toContain('Booking confirmed');
    expect(failedText).toContain('English');
    expect(failedText).toContain('The caller did not agree to a text in this call');
    const sent = await rows('texts-table').filter({ hasText: '0143' }).textContent();
    expect(sent).toContain('Sent');
    expect(sent).toContain('Chinese');
    expect(await rows('texts-table').filter({ hasText: 'Reply from the patient' }).textContent()).toContain('•••-•••-0177');
    // the patient's number and the words of a text never reach the page
    const table = (await page.getByTestId('texts-table').textContent()) ?? '';
    for (const hidden of ['6045550142', '604-555-0142', 'Dr. Chen', 'STOP']) expect(table).not.toContain(hidden);

    const optOuts = rows('opt-outs-table');
    await expect.poll(() => optOuts.count()).toBe(1);
    expect(await optOuts.first().textContent()).toMatch(/•••-•••-0177\s*STOP/);
    await screenshot(page, 'texts');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // only the texts that did not go out
    await page.getByTestId('tab-failed').click();
    await expect.poll(() => rows('texts-table').count()).toBe(1);
    expect(await rows('texts-table').first().textContent()).toContain('The caller did not agree to a text in this call');
    await page.getByTestId('tab-undeliverable').click();
    await page.getByText('No texts here: not delivered').waitFor();
  });
});
