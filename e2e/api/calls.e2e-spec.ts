import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallLog } from '../../apps/api/src/calls/call-log.entity.js';
import { CallIntent, CallOutcome } from '../../apps/api/src/database/enums.js';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';

describe('call logs and analytics for the clinic staff', () => {
  let s: ApiSuite;
  beforeAll(async () => {
    s = await startApiSuite();
  });
  afterAll(async () => {
    await s?.t.close();
  });

  /** A recorded call, created at `at` (back-dated by SQL). */
  async function callAt(clinicId: string, at: string, fields: Partial<CallLog> = {}): Promise<string> {
    const ds = s.t.db.dataSource;
    const saved = await ds.getRepository(CallLog).save({
      clinicId,
      vapiCallId: `call-${randomUUID()}`,
      callerPhone: '+16045550142',
      language: 'en',
      intent: CallIntent.Book,
      outcome: CallOutcome.Booked,
      durationSeconds: 120,
      cost: 0.25,
      transcript: 'AI: Hello. User: my date of birth is 1985-04-12',
      summary: 'Booked a visit',
      ...fields,
    });
    await ds.query('UPDATE call_logs SET created_at = $2 WHERE id = $1', [saved.id, at]);
    return saved.id;
  }

  const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

  it('lists calls newest first with the number masked, and pages through them without gaps or repeats', async () => {
    const clinic = await s.newClinic({ timezone: 'America/Vancouver' });
    const sameInstant = '2026-11-20T18:00:00.123456Z';
    const made = [
      await callAt(clinic.id, '2026-11-18T18:00:00Z'),
      await callAt(clinic.id, sameInstant),
      await callAt(clinic.id, sameInstant),
      await callAt(clinic.id, sameInstant),
      await callAt(clinic.id, '2026-11-21T18:00:00Z', { callerPhone: '+17785559876' }),
    ];
    const manager = await s.managerOf(clinic.id);
    const path = `/api/clinics/${clinic.id}/call-logs`;
    const all = await s.as(manager.token, 'GET', path);
    expect(all.status).toBe(200);
    expect(all.body.nextCursor).toBeNull();
    expect(all.body.items[0]).toMatchObject({ id: made[4], callerPhoneMasked: '*******9876', outcome: 'booked', hasTranscript: true, durationSeconds: 120, cost: 0.25 });
    expect(ids(all.body).at(-1)).toBe(made[0]);
    const text = JSON.stringify(all.body);
    expect(text).not.toContain('5550142');
    expect(text).not.toContain('date of birth');
    expect(text).not.toContain('Booked a visit');

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await s.as(
        manager.token,
        'GET',
        `${path}?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      seen.push(...ids(page.body));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids(all.body));
    expect(new Set(seen).size).toBe(5);

    const badCursor = await s.as(manager.token, 'GET', `${path}?cursor=nonsense`);
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.errors[0].field).toBe('cursor');
  });

  it('filters by outcome, intent, language, transfer and the last digits of the number', async () => {
    const clinic = await s.newClinic();
    const booked = await callAt(clinic.id, '2026-11-10T18:00:00Z', { callerPhone: '+16045551111' });
    const transferred = await callAt(clinic.id, '2026-11-11T18:00:00Z', {
      outcome: CallOutcome.Transferred,
      intent: CallIntent.Inquiry,
      transferredToStaff: true,
      language: 'zh',
      callerPhone: '+16045552222',
    });
    const cancelled = await callAt(clinic.id, '2026-11-12T18:00:00Z', { outcome: CallOutcome.Cancelled, intent: CallIntent.Cancel, callerPhone: '+16045553322' });
    const path = `/api/clinics/${clinic.id}/call-logs`;
    const get = async (query: string) => ids((await s.as(s.adminToken, 'GET', `${path}?${query}`)).body);
    expect(await get('outcome=transferred')).toEqual([transferred]);
    expect(await get('intent=cancel')).toEqual([cancelled]);
    expect(await get('language=zh')).toEqual([transferred]);
    expect(await get('transferred=true')).toEqual([transferred]);
    expect(await get('transferred=false')).toEqual([cancelled, booked]);
    expect(await get('q=1111')).toEqual([booked]);
    expect(await get('q=22')).toEqual([cancelled, transferred]);
    expect(await get('q=9999')).toEqual([]);
    expect(await get('outcome=booked&transferred=true')).toEqual([]);

    const bad = await s.as(s.adminToken, 'GET', `${path}?outcome=happy&q=12a&transferred=maybe&language=fr`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['language', 'outcome', 'q', 'transferred']);
    expect(bad.body.errors.find((e: { field: string }) => e.field === 'q').message).toBe('Search by the last 2 to 15 digits of the caller’s number');
  });

  it("counts from/to as the clinic's calendar days (Toronto, across the end of daylight time)", async () => {
    const clinic = await s.newClinic({ timezone: 'America/Toronto' });
    const oct31Late = await callAt(clinic.id, '2026-11-01T03:30:00Z'); // 23:30 EDT on Oct 31
    const nov1Early = await callAt(clinic.id, '2026-11-01T04:30:00Z'); // 00:30 EDT on Nov 1
    const nov1Late = await callAt(clinic.id, '2026-11-02T04:30:00Z'); // 23:30 EST on Nov 1 (a 25-hour day)
    const nov2Early = await callAt(clinic.id, '2026-11-02T05:30:00Z'); // 00:30 EST on Nov 2
    const path = `/api/clinics/${clinic.id}/call-logs`;
    const day = await s.as(s.adminToken, 'GET', `${path}?from=2026-11-01&to=2026-11-01`);
    expect(ids(day.body)).toEqual([nov1Late, nov1Early]);
    expect(ids((await s.as(s.adminToken, 'GET', `${path}?to=2026-10-31`)).body)).toEqual([oct31Late]);
    expect(ids((await s.as(s.adminToken, 'GET', `${path}?from=2026-11-02`)).body)).toEqual([nov2Early]);
    const backwards = await s.as(s.adminToken, 'GET', `${path}?from=2026-11-02&to=2026-11-01`);
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors).toEqual([{ field: 'from', message: 'The From date must not be after the To date' }]);
  });

  it('shows one call with the full number, transcript and summary; another clinic\'s call is not found', async () => {
    const clinic = await s.newClinic();
    const other = await s.newClinic();
    const mine = await callAt(clinic.id, '2026-11-10T18:00:00Z', { transferReason: 'asked for a nurse', appointmentId: 4321, demographicId: 7 });
    const theirs = await callAt(other.id, '2026-11-10T18:00:00Z');
    const manager = await s.managerOf(clinic.id);
    const detail = await s.as(manager.token, 'GET', `/api/clinics/${clinic.id}/call-logs/${mine}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      id: mine,
      callerPhone: '+16045550142',
      callerPhoneMasked: '*******0142',
      transcript: 'AI: Hello. User: my date of birth is 1985-04-12',
      summary: 'Booked a visit',
      transferReason: 'asked for a nurse',
      appointmentId: 4321,
      demographicId: 7,
    });
    const foreign = await s.as(manager.token, 'GET', `/api/clinics/${clinic.id}/call-logs/${theirs}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.message).toBe('Call log not found');
    expect((await s.as(manager.token, 'GET', `/api/clinics/${other.id}/call-logs/${theirs}`)).status).toBe(404);
    expect((await s.as(manager.token, 'GET', `/api/clinics/${other.id}/call-logs`)).status).toBe(404);
  });

  it("sums outcomes, intents, languages, days in the clinic's zone, transfer rate, average duration and cost", async () => {
    const clinic = await s.newClinic({ timezone: 'America/Toronto' });
    await callAt(clinic.id, '2026-11-01T03:30:00Z', { durationSeconds: 60, cost: 0.1 }); // Oct 31, 23:30 EDT
    await callAt(clinic.id, '2026-11-01T04:30:00Z', { durationSeconds: 100, cost: 0.2 }); // Nov 1, 00:30 EDT
    await callAt(clinic.id, '2026-11-02T04:30:00Z', {
      outcome: CallOutcome.Transferred,
      intent: CallIntent.Inquiry,
      transferredToStaff: true,
      language: 'zh',
      durationSeconds: null,
      cost: 0.3,
    }); // Nov 1, 23:30 EST (a 25-hour day)
    await callAt(clinic.id, '2026-11-03T20:00:00Z', { outcome: null, intent: null, language: null, durationSeconds: 200, cost: null }); // Nov 3
    await callAt(clinic.id, '2026-11-10T20:00:00Z'); // outside the range
    const manager = await s.managerOf(clinic.id);
    const response = await s.as(manager.token, 'GET', `/api/clinics/${clinic.id}/call-analytics?from=2026-10-31&to=2026-11-03`);
    expect(response.status).toBe(200);
    const a = response.body;
    expect(a).toMatchObject({ from: '2026-10-31', to: '2026-11-03', timezone: 'America/Toronto', totalCalls: 4, transferRate: 0.25, averageDurationSeconds: 120, totalCost: 0.6 });
    const count = (list: { value: string | null; count: number }[], value: string | null) => list.find((c) => c.value === value)?.count;
    expect(count(a.byOutcome, 'booked')).toBe(2);
    expect(count(a.byOutcome, 'transferred')).toBe(1);
    expect(count(a.byOutcome, 'waitlisted')).toBe(0);
    expect(count(a.byOutcome, null)).toBe(1);
    expect(count(a.byIntent, 'book')).toBe(2);
    expect(count(a.byIntent, 'inquiry')).toBe(1);
    expect(a.byLanguage).toEqual([
      { value: 'en', count: 2 },
      { value: 'zh', count: 1 },
      { value: null, count: 1 },
    ]);
    expect(a.perDay.map((d: { date: string; calls: number; transferred: number }) => [d.date, d.calls, d.transferred])).toEqual([
      ['2026-10-31', 1, 0],
      ['2026-11-01', 2, 1],
      ['2026-11-02', 0, 0],
      ['2026-11-03', 1, 0],
    ]);
    expect(count(a.perDay[1].byOutcome, 'transferred')).toBe(1);

    const empty = await s.as(manager.token, 'GET', `/api/clinics/${clinic.id}/call-analytics?from=2025-01-01&to=2025-01-02`);
    expect(empty.body).toMatchObject({ totalCalls: 0, transferRate: null, averageDurationSeconds: null, totalCost: 0 });
    expect(empty.body.perDay).toHaveLength(2);

    const defaults = await s.as(manager.token, 'GET', `/api/clinics/${clinic.id}/call-analytics`);
    expect(defaults.status).toBe(200);
    expect(defaults.body.perDay).toHaveLength(30);

    const tooLong = await s.as(manager.token, 'GET', `/api/clinics/${clinic.id}/call-analytics?from=2024-01-01&to=2026-01-01`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toEqual([{ field: 'from', message: 'Choose dates at most 366 days apart' }]);
  });
  it("counts bookings by voice, transfer reasons and the clinic's weekday × hour (across a DST change), and answers the days as CSV", async () => {
    const clinic = await s.newClinic({ timezone: 'America/Toronto' });
    // Sunday Nov 1 2026: EDT ends at 02:00 local (06:00Z); 01:30 local happens twice
    await callAt(clinic.id, '2026-11-01T05:30:00Z'); // Sun 01:30 EDT
    await callAt(clinic.id, '2026-11-01T06:30:00Z'); // Sun 01:30 EST (the repeated hour)
    await callAt(clinic.id, '2026-11-02T14:15:00Z', { outcome: CallOutcome.Transferred, transferredToStaff: true, transferReason: ' Billing question ' }); // Mon 09:15 EST
    await callAt(clinic.id, '2026-11-02T14:45:00Z', { outcome: CallOutcome.Transferred, transferredToStaff: true, transferReason: 'billing question' }); // Mon 09:45
    await callAt(clinic.id, '2026-11-02T15:05:00Z', { outcome: CallOutcome.Transferred, transferredToStaff: true, transferReason: 'record_not_found' }); // Mon 10:05
    await callAt(clinic.id, '2026-11-02T15:10:00Z', { outcome: CallOutcome.Transferred, transferredToStaff: true, transferReason: null }); // Mon 10:10
    await callAt(clinic.id, '2026-11-03T04:59:00Z', { outcome: CallOutcome.Cancelled }); // Mon 23:59
    const manager = await s.managerOf(clinic.id);
    const a = (await s.as(manager.token, 'GET', `/api/clinics/${clinic.id}/call-analytics?from=2026-11-01&to=2026-11-02`)).body;
    expect(a.totalCalls).toBe(7);
    expect(a.bookingsByVoice).toBe(2);
    expect(a.byTransferReason).toEqual([
      { value: 'billing question', count: 2 },
      { value: 'record_not_found', count: 1 },
      { value: null, count: 1 },
    ]);
    expect(a.peakHours).toHaveLength(168);
    const cell = (weekday: number, hour: number) => a.peakHours.find((c: { weekday: number; hour: number }) => c.weekday === weekday && c.hour === hour).calls;
    expect(cell(7, 1)).toBe(2);
    expect(cell(1, 9)).toBe(2);
    expect(cell(1, 10)).toBe(2);
    expect(cell(1, 23)).toBe(1);
    expect(a.peakHours.reduce((n: number, c: { calls: number }) => n + c.calls, 0)).toBe(7);

    const csv = await fetch(`${s.t.baseUrl}/api/clinics/${clinic.id}/call-analytics?from=2026-11-01&to=2026-11-02&format=csv`, {
      headers: { authorization: `Bearer ${manager.token}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="call-analytics-2026-11-01-to-2026-11-02.csv"');
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('date,calls,transferred,booked_by_voice,outcome_booked,outcome_rescheduled,outcome_cancelled,outcome_registered,outcome_waitlisted,outcome_transferred,outcome_no_action');
    expect(lines.slice(1)).toEqual(['2026-11-01,2,0,2,2,0,0,0,0,0,0', '2026-11-02,5,4,0,0,0,1,0,0,4,0']);

    const badFormat = await s.as(manager.token, 'GET', `/api/clinics/${clinic.id}/call-analytics?format=xlsx`);
    expect(badFormat.status).toBe(400);
    expect(badFormat.body.errors).toEqual([{ field: 'format', message: 'Format must be json or csv' }]);
  });
});
