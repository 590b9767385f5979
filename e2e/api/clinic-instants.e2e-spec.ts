import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';

/** An ISO 8601 instant written with an offset, not in UTC (`Z`). */
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/;

/** The offset of `zone` at `iso` (`-07:00`), as luxon (the API's tz data) says. */
const offsetAt = (iso: string, zone: string) => DateTime.fromISO(iso).setZone(zone).toFormat('ZZ');

/**
 * STYLE "Time": the API sends instants with their offset — the clinic's — and its zone name, so
 * the console does no time-zone arithmetic (the browser's zone data may be older than the API's).
 */
describe('instants at the clinic’s own offset', () => {
  let s: ApiSuite;
  let vancouver: { id: string };
  let toronto: { id: string };

  beforeAll(async () => {
    s = await startApiSuite();
    vancouver = await s.newClinic({ timezone: 'America/Vancouver' });
    toronto = await s.newClinic({ timezone: 'America/Toronto' });
  });
  afterAll(async () => {
    await s?.t.close();
  });

  it('a clinic’s record, a clinic-scoped list and the admin’s list of every clinic each say each instant at that clinic’s offset', async () => {
    for (const clinic of [vancouver, toronto]) {
      const one = await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}`);
      expect(one.status).toBe(200);
      expect(one.body.createdAt).toMatch(WITH_OFFSET);
      expect(one.body.createdAt.slice(-6)).toBe(offsetAt(one.body.createdAt, one.body.timezone));
      // the same instant as the database holds
      const [row] = await s.t.db.dataSource.query('SELECT created_at FROM clinics WHERE id = $1', [clinic.id]);
      expect(DateTime.fromISO(one.body.createdAt).toMillis()).toBe(new Date(row.created_at).getTime());
    }
    const vancouverNow = offsetAt(new Date().toISOString(), 'America/Vancouver');
    const torontoNow = offsetAt(new Date().toISOString(), 'America/Toronto');
    expect(vancouverNow).not.toBe(torontoNow);

    const list = await s.as(s.adminToken, 'GET', '/api/clinics?limit=100');
    const listed = (id: string) => list.body.items.find((c: { id: string }) => c.id === id);
    expect(listed(vancouver.id).createdAt.slice(-6)).toBe(offsetAt(listed(vancouver.id).createdAt, 'America/Vancouver'));
    expect(listed(toronto.id).createdAt.slice(-6)).toBe(offsetAt(listed(toronto.id).createdAt, 'America/Toronto'));

    // a clinic-scoped list: the route's clinic, and each row naming its clinic
    const manager = await s.managerOf(toronto.id);
    const users = await s.as(manager.token, 'GET', '/api/users');
    expect(users.status).toBe(200);
    const mine = users.body.items.find((u: { id: string }) => u.id === manager.id);
    expect(mine.createdAt).toMatch(WITH_OFFSET);
    expect(mine.createdAt.slice(-6)).toBe(offsetAt(mine.createdAt, 'America/Toronto'));
  });

  it('a clinic that moves to another time zone is answered at its new offset by the very next request', async () => {
    const clinic = await s.newClinic({ timezone: 'America/Vancouver' });
    const hours = await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}/hours`);
    expect(hours.status).toBe(200);
    const moved = await s.as(s.adminToken, 'PATCH', `/api/clinics/${clinic.id}`, { timezone: 'America/Toronto' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    // rows that name the clinic and carry no zone of their own: the zone the replica looked up before is gone
    const manager = await s.managerOf(clinic.id);
    const users = await s.as(manager.token, 'GET', '/api/users');
    const mine = users.body.items.find((u: { id: string }) => u.id === manager.id);
    expect(mine.createdAt.slice(-6)).toBe(offsetAt(mine.createdAt, 'America/Toronto'));
  });

  it('what belongs to no clinic stays in UTC: a platform admin’s own account', async () => {
    const me = await s.as(s.adminToken, 'GET', '/api/auth/me');
    const users = await s.as(s.adminToken, 'GET', '/api/users?limit=100');
    const admin = users.body.items.find((u: { id: string }) => u.id === me.body.id);
    expect(admin.clinicId ?? null).toBeNull();
    expect(admin.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  });
});
