import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';

const week = (overrides: Record<number, object> = {}) =>
  [0, 1, 2, 3, 4, 5, 6].map((d) => ({
    dayOfWeek: d,
    openTime: d === 0 || d === 6 ? null : '08:30',
    closeTime: d === 0 || d === 6 ? null : '16:30',
    isClosed: d === 0 || d === 6,
    ...overrides[d],
  }));

describe('clinic hours and holidays', () => {
  let s: ApiSuite;
  beforeAll(async () => {
    s = await startApiSuite();
  });
  afterAll(async () => {
    await s?.t.close();
  });

  it('PUT replaces the whole week (a bare array or the {items} GET answers)', async () => {
    const clinic = await s.newClinic();
    const saturdayOpen = week({ 6: { openTime: '10:00', closeTime: '14:00', isClosed: false } });
    const saved = await s.as(s.adminToken, 'PUT', `/api/clinics/${clinic.id}/hours`, saturdayOpen);
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ items: saturdayOpen, nextCursor: null });
    const read = await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}/hours`);
    expect(read.body.items[6]).toEqual({ dayOfWeek: 6, openTime: '10:00', closeTime: '14:00', isClosed: false });
    const manager = await s.managerOf(clinic.id);
    const roundTrip = await s.as(manager.token, 'PUT', `/api/clinics/${clinic.id}/hours`, read.body);
    expect(roundTrip.status).toBe(200);
    expect(roundTrip.body).toEqual(read.body);
    const [{ count }] = await s.t.db.dataSource.query('SELECT count(*)::int AS count FROM clinic_hours WHERE clinic_id = $1', [clinic.id]);
    expect(count).toBe(7);
  });

  it('a closed day drops its times; an open day needs HH:mm times with open before close', async () => {
    const clinic = await s.newClinic();
    const closedWithTimes = await s.as(s.adminToken, 'PUT', `/api/clinics/${clinic.id}/hours`, week({ 0: { openTime: '09:00', closeTime: '12:00', isClosed: true } }));
    expect(closedWithTimes.body.items[0]).toEqual({ dayOfWeek: 0, openTime: null, closeTime: null, isClosed: true });

    const bad = await s.as(s.adminToken, 'PUT', `/api/clinics/${clinic.id}/hours`, week({ 1: { openTime: '9am' }, 2: { closeTime: '25:00' }, 3: { openTime: null } }));
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['items.1.openTime', 'items.2.closeTime', 'items.3.openTime']);

    const backwards = await s.as(s.adminToken, 'PUT', `/api/clinics/${clinic.id}/hours`, week({ 4: { openTime: '17:00', closeTime: '09:00' } }));
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors).toEqual([{ field: 'items.4.closeTime', message: 'Closing time must be after opening time on Thursday' }]);
  });

  it('every day must be listed exactly once', async () => {
    const clinic = await s.newClinic();
    const six = await s.as(s.adminToken, 'PUT', `/api/clinics/${clinic.id}/hours`, week().slice(0, 6));
    expect(six.status).toBe(400);
    expect(six.body.errors[0].field).toBe('items');
    const twice = week();
    twice[6] = { ...twice[6], dayOfWeek: 5 };
    const duplicate = await s.as(s.adminToken, 'PUT', `/api/clinics/${clinic.id}/hours`, twice);
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'items.6.dayOfWeek', message: 'Friday is listed twice (rows 6 and 7)' },
        { field: 'items', message: 'Every day must be listed once; missing Saturday' },
      ]),
    );
    const unchanged = await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}/hours`);
    expect(unchanged.body.items[1]).toEqual({ dayOfWeek: 1, openTime: '09:00', closeTime: '17:00', isClosed: false });
  });

  it('holidays: added, listed by date with from/to, a duplicate date is 409, removed', async () => {
    const clinic = await s.newClinic();
    const path = `/api/clinics/${clinic.id}/holidays`;
    for (const [date, name] of [['2026-12-25', 'Christmas Day'], ['2020-01-01', 'New Year (past, kept)'], ['2026-07-01', 'Canada Day']]) {
      const created = await s.as(s.adminToken, 'POST', path, { date, name, clinicId: '00000000-0000-4000-8000-000000000000' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ date, name });
    }
    const all = await s.as(s.adminToken, 'GET', path);
    expect(all.body.items.map((h: { date: string }) => h.date)).toEqual(['2020-01-01', '2026-07-01', '2026-12-25']);
    expect(all.body.nextCursor).toBeNull();
    const ranged = await s.as(s.adminToken, 'GET', `${path}?from=2026-01-01&to=2026-08-01`);
    expect(ranged.body.items.map((h: { name: string }) => h.name)).toEqual(['Canada Day']);
    const paged = await s.as(s.adminToken, 'GET', `${path}?limit=2`);
    expect(paged.body.items).toHaveLength(2);
    const rest = await s.as(s.adminToken, 'GET', `${path}?limit=2&cursor=${paged.body.nextCursor}`);
    expect(rest.body.items.map((h: { date: string }) => h.date)).toEqual(['2026-12-25']);

    const duplicate = await s.as(s.adminToken, 'POST', path, { date: '2026-12-25', name: 'Again' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors[0].field).toBe('date');

    const invalid = await s.as(s.adminToken, 'POST', path, { date: '2026-02-30', name: '' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['date', 'name']);

    const canadaDay = all.body.items[1];
    expect((await s.as(s.adminToken, 'DELETE', `${path}/${canadaDay.id}`)).status).toBe(204);
    expect((await s.as(s.adminToken, 'DELETE', `${path}/${canadaDay.id}`)).status).toBe(404);
  });

  it("a manager manages their clinic's holidays and cannot touch another clinic's (404)", async () => {
    const mine = await s.newClinic();
    const other = await s.newClinic();
    const manager = await s.managerOf(mine.id);
    const theirs = await s.as(s.adminToken, 'POST', `/api/clinics/${other.id}/holidays`, { date: '2026-11-11', name: 'Remembrance Day' });
    expect((await s.as(manager.token, 'POST', `/api/clinics/${mine.id}/holidays`, { date: '2026-11-11', name: 'Remembrance Day' })).status).toBe(201);
    expect((await s.as(manager.token, 'GET', `/api/clinics/${other.id}/holidays`)).status).toBe(404);
    expect((await s.as(manager.token, 'DELETE', `/api/clinics/${other.id}/holidays/${theirs.body.id}`)).status).toBe(404);
    // another clinic's holiday id under my clinic is not found either
    expect((await s.as(manager.token, 'DELETE', `/api/clinics/${mine.id}/holidays/${theirs.body.id}`)).status).toBe(404);
    expect((await s.as(manager.token, 'PUT', `/api/clinics/${other.id}/hours`, week())).status).toBe(404);
  });
});
