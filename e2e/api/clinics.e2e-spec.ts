import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomPhone, randomSuffix } from '../../libs/testing/src/factories.js';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';

describe('clinics: provisioning, reading and editing', () => {
  let s: ApiSuite;
  beforeAll(async () => {
    s = await startApiSuite();
  });
  afterAll(async () => {
    await s?.t.close();
  });

  it('an admin provisions a clinic: pending, slug from the name, config defaults, onboarding and Mon–Fri hours', async () => {
    const name = `Harbour Café & Clinic ${randomSuffix()}`;
    const created = await s.as(s.adminToken, 'POST', '/api/clinics', {
      name,
      phone: '(604) 555-0199',
      address: '1200 West Pender Street',
      city: 'Vancouver',
      province: 'BC',
      postalCode: 'v6e2s9',
      timezone: 'America/Vancouver',
      vapiPhone: randomPhone(),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name, status: 'pending', phone: '+16045550199', postalCode: 'V6E 2S9', timezone: 'America/Vancouver' });
    expect(created.body.slug).toMatch(/^harbour-cafe-and-clinic-[0-9a-f]{10}$/);
    const id = created.body.id;

    const config = await s.as(s.adminToken, 'GET', `/api/clinics/${id}/config`);
    expect(config.status).toBe(200);
    expect(config.body.scheduling).toEqual({ appointmentDuration: 15, bufferTime: 5, maxAdvanceBookingDays: 30, minAdvanceBookingHours: 2, offerHoldMinutes: 3 });
    expect(config.body.voiceBooking).toMatchObject({ providerFallbackBehavior: 'best_available', defaultVisitMode: 'both' });

    const hours = await s.as(s.adminToken, 'GET', `/api/clinics/${id}/hours`);
    expect(hours.body.items).toHaveLength(7);
    expect(hours.body.items[0]).toEqual({ dayOfWeek: 0, openTime: null, closeTime: null, isClosed: true });
    expect(hours.body.items[1]).toEqual({ dayOfWeek: 1, openTime: '09:00', closeTime: '17:00', isClosed: false });
    expect(hours.body.items[6].isClosed).toBe(true);

    const [onboarding] = await s.t.db.dataSource.query('SELECT current_step, completed_at FROM onboarding_progress WHERE clinic_id = $1', [id]);
    expect(onboarding).toEqual({ current_step: 1, completed_at: null });
  });

  it('a taken slug or Vapi number is a 409 naming it; a namesake clinic gets the next free slug', async () => {
    const first = await s.newClinic({ vapiPhone: randomPhone() });
    const slugTaken = await s.as(s.adminToken, 'POST', '/api/clinics', { name: 'Another', slug: first.slug });
    expect(slugTaken.status).toBe(409);
    expect(slugTaken.body.message).toContain(`slug "${first.slug}" is already used`);
    expect(slugTaken.body.errors).toEqual([{ field: 'slug', message: expect.any(String) }]);

    const phoneTaken = await s.as(s.adminToken, 'POST', '/api/clinics', { name: 'Another', vapiPhone: first.vapiPhone });
    expect(phoneTaken.status).toBe(409);
    expect(phoneTaken.body.errors[0].field).toBe('vapiPhone');

    const name = `Twin Clinic ${randomSuffix()}`;
    const a = await s.newClinic({ name });
    const b = await s.newClinic({ name });
    expect(b.slug).toBe(`${a.slug}-2`);
  });

  it('invalid fields are answered 400 with one entry per field', async () => {
    const response = await s.as(s.adminToken, 'POST', '/api/clinics', {
      name: '',
      timezone: 'Mars/Olympus',
      vapiPhone: '12',
      province: 'XX',
      slug: 'Not A Slug',
    });
    expect(response.status).toBe(400);
    const fields = response.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'timezone', 'vapiPhone', 'province', 'slug']));
  });

  it('a manager lists only their clinic, reads it, and gets 404 for any other clinic', async () => {
    const mine = await s.newClinic();
    const other = await s.newClinic();
    const manager = await s.managerOf(mine.id);
    const list = await s.as(manager.token, 'GET', '/api/clinics');
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ items: [expect.objectContaining({ id: mine.id })], nextCursor: null });
    expect((await s.as(manager.token, 'GET', `/api/clinics/${mine.id}`)).status).toBe(200);
    for (const path of [`/api/clinics/${other.id}`, `/api/clinics/${other.id}/config`, `/api/clinics/${other.id}/hours`, '/api/clinics/00000000-0000-4000-8000-000000000000']) {
      const response = await s.as(manager.token, 'GET', path);
      expect(response.status, path).toBe(404);
    }
    const patchOther = await s.as(manager.token, 'PATCH', `/api/clinics/${other.id}`, { name: 'Mine now' });
    expect(patchOther.status).toBe(404);
  });

  it('a manager may rename and re-address their clinic but not change its status, slug or Vapi number (403 naming them)', async () => {
    const clinic = await s.newClinic();
    const manager = await s.managerOf(clinic.id);
    const renamed = await s.as(manager.token, 'PATCH', `/api/clinics/${clinic.id}`, {
      name: 'Renamed Clinic',
      city: 'Burnaby',
      phones: ['604-555-0198'],
      timezone: 'America/Edmonton',
      clinicId: '00000000-0000-4000-8000-000000000000',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: clinic.id, name: 'Renamed Clinic', city: 'Burnaby', phones: ['+16045550198'], timezone: 'America/Edmonton' });

    const forbidden = await s.as(manager.token, 'PATCH', `/api/clinics/${clinic.id}`, { status: 'active', slug: 'stolen-slug', vapiPhone: randomPhone(), city: 'Surrey' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['slug', 'status', 'vapiPhone']);
    expect(forbidden.body.message).toBe('Only a platform admin may change: Slug, Receptionist number, Status');
    const after = await s.as(manager.token, 'GET', `/api/clinics/${clinic.id}`);
    expect(after.body).toMatchObject({ status: 'pending', slug: clinic.slug, city: 'Burnaby' });
  });

  it('a manager cannot provision clinics', async () => {
    const clinic = await s.newClinic();
    const manager = await s.managerOf(clinic.id);
    const response = await s.as(manager.token, 'POST', '/api/clinics', { name: 'Sneaky' });
    expect(response.status).toBe(403);
  });

  it('clinics are never deleted: no DELETE route; an admin sets a live clinic inactive and back active', async () => {
    const clinic = await s.newClinic();
    await s.goLive(clinic.id);
    const deleted = await s.as(s.adminToken, 'DELETE', `/api/clinics/${clinic.id}`);
    expect(deleted.status).toBe(404);
    const inactive = await s.as(s.adminToken, 'PATCH', `/api/clinics/${clinic.id}`, { status: 'inactive' });
    expect(inactive.status).toBe(200);
    expect(inactive.body.status).toBe('inactive');
    const back = await s.as(s.adminToken, 'PATCH', `/api/clinics/${clinic.id}`, { status: 'active' });
    expect(back.status).toBe(200);
    expect(back.body.status).toBe('active');
  });

  it('go-live cannot be skipped: a pending clinic is not turned on (or shelved) by an edit, and a live one never goes back to pending', async () => {
    const clinic = await s.newClinic({ vapiPhone: randomPhone() });
    const skipped = await s.as(s.adminToken, 'PATCH', `/api/clinics/${clinic.id}`, { status: 'active', city: 'Richmond' });
    expect(skipped.status).toBe(409);
    expect(skipped.body.message).toContain('goes live only through activation');
    expect(skipped.body.message).toContain(`/activate`);
    expect(skipped.body.errors).toEqual([{ field: 'status', message: expect.stringContaining('activation') }]);
    const shelved = await s.as(s.adminToken, 'PATCH', `/api/clinics/${clinic.id}`, { status: 'inactive' });
    expect(shelved.status).toBe(409);
    expect(shelved.body.errors[0].field).toBe('status');
    // nothing of the refused edit was written, and the voice agent still treats it as pending
    const after = await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}`);
    expect(after.body).toMatchObject({ status: 'pending', city: null });
    // sending the status it already has is no move
    expect((await s.as(s.adminToken, 'PATCH', `/api/clinics/${clinic.id}`, { status: 'pending', city: 'Richmond' })).status).toBe(200);

    await s.goLive(clinic.id);
    for (const from of ['active', 'inactive']) {
      if (from === 'inactive') expect((await s.as(s.adminToken, 'PATCH', `/api/clinics/${clinic.id}`, { status: 'inactive' })).status).toBe(200);
      const back = await s.as(s.adminToken, 'PATCH', `/api/clinics/${clinic.id}`, { status: 'pending' });
      expect(back.status).toBe(409);
      expect(back.body.message).toBe('A clinic that has gone live moves only between active and inactive; it cannot become pending again');
    }
    expect((await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}`)).body.status).toBe('inactive');
  });

  it('the admin list pages with a cursor and filters by name', async () => {
    const tag = randomSuffix();
    for (const n of ['A', 'B', 'C']) await s.newClinic({ name: `Paged ${tag} ${n}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: { name: string }[]; nextCursor: string | null } } = await s.as(
        s.adminToken,
        'GET',
        `/api/clinics?limit=2&q=${tag}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((c) => c.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([`Paged ${tag} A`, `Paged ${tag} B`, `Paged ${tag} C`]);
    expect((await s.as(s.adminToken, 'GET', '/api/clinics?limit=101')).status).toBe(400);
    expect((await s.as(s.adminToken, 'GET', '/api/clinics?cursor=garbage')).status).toBe(400);
  });

  it('requires a signed-in user', async () => {
    const response = await fetch(`${s.t.baseUrl}/api/clinics`);
    expect(response.status).toBe(401);
  });
});
