import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallLog } from '../../apps/api/src/calls/call-log.entity.js';
import { WaitlistService } from '../../apps/api/src/clinics/waitlist.service.js';
import { CallOutcome, SmsDirection, SmsStatus, WaitlistSource } from '../../apps/api/src/database/enums.js';
import { SmsMessage } from '../../apps/api/src/sms/sms-message.entity.js';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';

describe('GET /api/dashboard: each clinic at a glance', () => {
  let s: ApiSuite;
  beforeAll(async () => {
    s = await startApiSuite();
  });
  afterAll(async () => {
    await s?.t.close();
  });

  async function callAt(clinicId: string, at: Date, fields: Partial<CallLog> = {}): Promise<void> {
    const ds = s.t.db.dataSource;
    const saved = await ds.getRepository(CallLog).save({ clinicId, vapiCallId: `call-${randomUUID()}`, outcome: CallOutcome.Booked, ...fields });
    await ds.query('UPDATE call_logs SET created_at = $2 WHERE id = $1', [saved.id, at.toISOString()]);
  }

  it("counts today and this week in the clinic's own calendar, with bookings, transfers and why, waitlist, open tickets, failed texts, EMR and onboarding", async () => {
    const zone = 'America/Vancouver';
    const clinic = await s.newClinic({ timezone: zone });
    const now = DateTime.now().setZone(zone);
    const today = now.startOf('day');
    const weekStart = now.startOf('week');
    // a minute into today, and (unless today is Monday) a minute into Monday; a minute before this week
    await callAt(clinic.id, today.plus({ minutes: 1 }).toJSDate());
    await callAt(clinic.id, today.plus({ minutes: 2 }).toJSDate(), { outcome: CallOutcome.Transferred, transferredToStaff: true, transferReason: 'Billing question' });
    await callAt(clinic.id, weekStart.plus({ minutes: 1 }).toJSDate(), { outcome: CallOutcome.Transferred, transferredToStaff: true, transferReason: 'billing question ' });
    await callAt(clinic.id, weekStart.minus({ minutes: 1 }).toJSDate(), { outcome: CallOutcome.Booked });
    const waitlist = s.t.app.get(WaitlistService);
    await waitlist.add(clinic.id, { firstName: 'Mei', lastName: 'Wong', phone: '+16045550177', source: WaitlistSource.Voice, vapiCallId: 'call-1' });
    const manager = await s.managerOf(clinic.id);
    expect((await s.as(manager.token, 'POST', `/api/clinics/${clinic.id}/tickets`, { title: 'Calls drop', description: 'Since 9:00', priority: 'high' })).status).toBe(201);
    await s.t.db.dataSource.getRepository(SmsMessage).save({
      clinicId: clinic.id, direction: SmsDirection.Outbound, toE164: '+16045550142', fromE164: '+16045550100', body: 'Your visit…', status: SmsStatus.Failed,
    });
    const other = await s.newClinic({ timezone: 'America/Toronto' });
    await callAt(other.id, new Date());

    const mine = await s.as(manager.token, 'GET', '/api/dashboard');
    expect(mine.status).toBe(200);
    expect(mine.body.nextCursor).toBeNull();
    expect(mine.body.items).toHaveLength(1);
    const row = mine.body.items[0];
    const mondayIsToday = today.toISODate() === weekStart.toISODate();
    expect(row).toMatchObject({
      clinicId: clinic.id,
      status: 'pending',
      timezone: zone,
      callsToday: mondayIsToday ? 3 : 2,
      callsThisWeek: 3,
      bookingsByVoiceThisWeek: 1,
      transfersThisWeek: 2,
      topTransferReasons: [{ value: 'billing question', count: 2 }],
      waitlistPending: 1,
      openTickets: 1,
      textsFailedThisWeek: 1,
      emr: { state: 'not_configured', lastVerifiedAt: null, lastSyncAt: null },
      onboarding: { flagsTotal: 8, completedAt: null },
    });
    expect(row.onboarding.flagsDone).toBeLessThan(8);

    // an admin: every clinic, by name, each with its own figures
    const all = await s.as(s.adminToken, 'GET', '/api/dashboard');
    expect(all.status).toBe(200);
    const ids = all.body.items.map((r: { clinicId: string }) => r.clinicId);
    expect(ids).toEqual(expect.arrayContaining([clinic.id, other.id]));
    expect(all.body.items.find((r: { clinicId: string }) => r.clinicId === other.id)).toMatchObject({ callsToday: 1, callsThisWeek: 1, waitlistPending: 0, openTickets: 0 });

    expect((await s.as('not-a-token', 'GET', '/api/dashboard')).status).toBe(401);
  });
});
