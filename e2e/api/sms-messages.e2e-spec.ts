import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmsMessage } from '../../apps/api/src/sms/sms-message.entity.js';
import { SmsOptOut } from '../../apps/api/src/sms/sms-opt-out.entity.js';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';

/**
 * `GET /api/clinics/{clinicId}/sms-messages`: the clinic's texts with their status and, for the
 * ones that did not go out, why — the dead letters of the SMS queue, visible to the clinic's staff.
 * The rows are written here as the SMS module writes them (the sending is tested in sms.e2e-spec.ts).
 */
describe('the clinic’s texts for its staff', () => {
  let s: ApiSuite;
  beforeAll(async () => {
    s = await startApiSuite();
  });
  afterAll(async () => {
    await s?.t.close();
  });

  const BODY = 'Maple Clinic: your appointment with Dr. Chen is booked for Monday, March 9 at 10:30 a.m.';

  async function text(clinicId: string, fields: Partial<SmsMessage>) {
    return s.t.db.dataSource.getRepository(SmsMessage).save({
      clinicId,
      direction: 'outbound',
      toE164: '+16045550142',
      fromE164: '+16045550111',
      body: BODY,
      templateKind: 'book',
      language: 'en',
      status: 'queued',
      vapiCallId: 'call-texts-1',
      toolCallId: `tool-${randomUUID()}`,
      appointmentId: 4211,
      ...fields,
    } as SmsMessage);
  }

  it('lists newest first with the masked number, kind, language, status and the reason a text did not go out — never its words', async () => {
    const clinic = await s.newClinic();
    const manager = await s.managerOf(clinic.id);
    await text(clinic.id, { status: 'sent' as never, providerMessageId: `p-${clinic.id}`, sentAt: new Date() });
    await text(clinic.id, { status: 'failed' as never, errorCode: 'no_consent', templateKind: 'cancel', language: 'zh' });
    await text(clinic.id, { direction: 'inbound' as never, status: 'received' as never, fromE164: '+16045550177', toE164: '+16045550111', templateKind: null, language: null, body: 'STOP', vapiCallId: null, toolCallId: null, appointmentId: null });

    const list = await s.as(manager.token, 'GET', `/api/clinics/${clinic.id}/sms-messages`);
    expect(list.status).toBe(200);
    expect(list.body.nextCursor).toBeNull();
    expect(list.body.items.map((m: { status: string }) => m.status)).toEqual(['received', 'failed', 'sent']);
    const [inbound, failed, sent] = list.body.items;
    expect(failed).toMatchObject({
      direction: 'outbound', phoneMasked: '*******0142', kind: 'cancel', language: 'zh', status: 'failed',
      reason: 'no_consent', reasonText: 'The caller did not agree to a text in this call', vapiCallId: 'call-texts-1', appointmentId: 4211, sentAt: null,
    });
    expect(sent).toMatchObject({ status: 'sent', reason: null, reasonText: null, sentAt: expect.any(String) });
    expect(inbound).toMatchObject({ direction: 'inbound', phoneMasked: '*******0177', kind: null, status: 'received' });
    const raw = JSON.stringify(list.body);
    for (const secret of ['6045550142', '6045550177', 'Dr. Chen', 'STOP', 'March 9']) expect(raw).not.toContain(secret);
  });

  it('?status=failed lists the texts that did not go out, page by page', async () => {
    const clinic = await s.newClinic();
    for (const errorCode of ['opted_out', '40300', 'http_500']) await text(clinic.id, { status: 'failed' as never, errorCode });
    await text(clinic.id, { status: 'undeliverable' as never, errorCode: '40008' });
    await text(clinic.id, { status: 'sending' as never, errorCode: 'timeout' });
    const seen: { reason: string; reasonText: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: { reason: string; reasonText: string }[]; nextCursor: string | null } } = await s.as(
        s.adminToken,
        'GET',
        `/api/clinics/${clinic.id}/sms-messages?status=failed&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.map((m) => m.reason)).toEqual(['http_500', '40300', 'opted_out']);
    expect(seen.map((m) => m.reasonText)).toEqual(['The carrier refused the text (HTTP 500)', 'The number replied STOP to the carrier', 'The number replied STOP to the clinic’s texts']);
    const undeliverable = await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}/sms-messages?status=undeliverable`);
    expect(undeliverable.body.items.map((m: { reason: string }) => m.reason)).toEqual(['40008']);
  });

  it('another clinic’s texts are not found; a bad status, limit or cursor is a 400 naming the field', async () => {
    const mine = await s.newClinic();
    const theirs = await s.newClinic();
    await text(theirs.id, { status: 'failed' as never, errorCode: 'no_consent' });
    const manager = await s.managerOf(mine.id);
    const other = await s.as(manager.token, 'GET', `/api/clinics/${theirs.id}/sms-messages`);
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).not.toContain('no_consent');
    expect((await s.as(manager.token, 'GET', `/api/clinics/${mine.id}/sms-messages`)).body.items).toEqual([]);

    const badStatus = await s.as(manager.token, 'GET', `/api/clinics/${mine.id}/sms-messages?status=lost`);
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.errors.map((e: { field: string }) => e.field)).toEqual(['status']);
    expect((await s.as(manager.token, 'GET', `/api/clinics/${mine.id}/sms-messages?limit=0`)).body.errors[0].field).toBe('limit');
    const badCursor = await s.as(manager.token, 'GET', `/api/clinics/${mine.id}/sms-messages?cursor=not-a-cursor`);
    expect(badCursor.status).toBe(400);
    expect((await s.as('', 'GET', `/api/clinics/${mine.id}/sms-messages`)).status).toBe(401);
  });

  it('the opt-out list: numbers that said STOP and not START since, latest first, masked, page by page; another clinic’s is not found', async () => {
    const clinic = await s.newClinic();
    const manager = await s.managerOf(clinic.id);
    const optOuts = s.t.db.dataSource.getRepository(SmsOptOut);
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 9, minute));
    await optOuts.save({ clinicId: clinic.id, phoneE164: '+16045550101', sourceKeyword: 'STOP', optedOutAt: at(1), optedBackInAt: null });
    await optOuts.save({ clinicId: clinic.id, phoneE164: '+16045550102', sourceKeyword: '退订', optedOutAt: at(3), optedBackInAt: null });
    // said START after STOP: texted again, not listed
    await optOuts.save({ clinicId: clinic.id, phoneE164: '+16045550103', sourceKeyword: 'STOP', optedOutAt: at(2), optedBackInAt: at(4) });
    // said STOP again after START: listed
    await optOuts.save({ clinicId: clinic.id, phoneE164: '+16045550104', sourceKeyword: 'UNSUBSCRIBE', optedOutAt: at(5), optedBackInAt: at(4) });

    const first = await s.as(manager.token, 'GET', `/api/clinics/${clinic.id}/sms-opt-outs?limit=2`);
    expect(first.status).toBe(200);
    // instants come at the clinic's offset: compared as instants
    const asUtc = (items: { optedOutAt: string }[]) => items.map((item) => ({ ...item, optedOutAt: new Date(item.optedOutAt).toISOString() }));
    expect(asUtc(first.body.items)).toEqual([
      { id: expect.any(String), phoneMasked: '*******0104', keyword: 'UNSUBSCRIBE', optedOutAt: at(5).toISOString() },
      { id: expect.any(String), phoneMasked: '*******0102', keyword: '退订', optedOutAt: at(3).toISOString() },
    ]);
    const second = await s.as(manager.token, 'GET', `/api/clinics/${clinic.id}/sms-opt-outs?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.body).toEqual({ items: [expect.objectContaining({ phoneMasked: '*******0101', keyword: 'STOP' })], nextCursor: null });
    expect(JSON.stringify([first.body, second.body])).not.toMatch(/604555010/);

    const other = await s.newClinic();
    expect((await s.as(manager.token, 'GET', `/api/clinics/${other.id}/sms-opt-outs`)).status).toBe(404);
    expect((await s.as(s.adminToken, 'GET', `/api/clinics/${other.id}/sms-opt-outs`)).body).toEqual({ items: [], nextCursor: null });
    expect((await s.as(manager.token, 'GET', `/api/clinics/${clinic.id}/sms-opt-outs?cursor=nope`)).status).toBe(400);
  });
});
