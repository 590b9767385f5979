import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WaitlistService } from '../../apps/api/src/clinics/waitlist.service.js';
import { WaitlistSource } from '../../apps/api/src/database/enums.js';
import { AuditService } from '../../apps/api/src/audit/audit.service.js';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';

const details = {
  dateOfBirth: '1985-04-12',
  gender: 'F',
  address: '123 Main St',
  city: 'Vancouver',
  postalCode: 'V6B 1A1',
  healthCardType: 'BC',
  healthCardNumber: '9876543218',
  email: null,
  language: 'zh',
};

describe('the new-patient waitlist for the clinic staff', () => {
  let s: ApiSuite;
  beforeAll(async () => {
    s = await startApiSuite();
  });
  afterAll(async () => {
    await s?.t.close();
  });

  /** A voice registration, written the way the webhook writes it. */
  function voiceEntry(clinicId: string, firstName = 'Mei') {
    return s.t.app.get(WaitlistService).add(clinicId, { firstName, lastName: 'Wong', phone: '+16045550177', details, source: WaitlistSource.Voice, vapiCallId: 'call-1' });
  }

  it('lists entries newest first without their details, and shows the decrypted details in the entry', async () => {
    const clinic = await s.newClinic();
    const first = await voiceEntry(clinic.id, 'Ana');
    const second = await voiceEntry(clinic.id, 'Bo');
    const manager = await s.managerOf(clinic.id);
    const list = await s.as(manager.token, 'GET', `/api/clinics/${clinic.id}/waitlist`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([second, first]);
    expect(list.body.items[0]).toMatchObject({ firstName: 'Bo', status: 'pending', source: 'voice', hasDetails: true, contactedAt: null });
    expect(JSON.stringify(list.body)).not.toContain('9876543218');
    expect(JSON.stringify(list.body)).not.toContain('1985-04-12');

    const entry = await s.as(manager.token, 'GET', `/api/clinics/${clinic.id}/waitlist/${first}`);
    expect(entry.status).toBe(200);
    expect(entry.body.details).toEqual(details);
    const [{ details_enc }] = await s.t.db.dataSource.query('SELECT details_enc FROM waitlist WHERE id = $1', [first]);
    expect(details_enc).not.toContain('9876543218');

    const paged = await s.as(manager.token, 'GET', `/api/clinics/${clinic.id}/waitlist?limit=1`);
    const rest = await s.as(manager.token, 'GET', `/api/clinics/${clinic.id}/waitlist?limit=1&cursor=${paged.body.nextCursor}`);
    expect([...paged.body.items, ...rest.body.items].map((e: { id: string }) => e.id)).toEqual([second, first]);
    expect(rest.body.nextCursor).toBeNull();
  });

  it('moves an entry pending → contacted → registered, stamping the times; filters by status', async () => {
    const clinic = await s.newClinic();
    const id = await voiceEntry(clinic.id);
    const other = await voiceEntry(clinic.id, 'Cy');
    const manager = await s.managerOf(clinic.id);
    const path = `/api/clinics/${clinic.id}/waitlist/${id}`;

    const early = await s.as(manager.token, 'PATCH', path, { status: 'registered' });
    expect(early.status).toBe(409);
    expect(early.body.message).toBe('A pending entry can become contacted or declined, not registered (contact the patient first)');
    expect(early.body.errors).toEqual([{ field: 'status', message: early.body.message }]);

    const contacted = await s.as(manager.token, 'PATCH', path, { status: 'contacted', notes: 'Left a voicemail' });
    expect(contacted.status).toBe(200);
    expect(contacted.body).toMatchObject({ status: 'contacted', notes: 'Left a voicemail', registeredAt: null });
    expect(Date.parse(contacted.body.contactedAt)).toBeGreaterThan(Date.now() - 60_000);

    const registered = await s.as(manager.token, 'PATCH', path, { status: 'registered' });
    expect(registered.body).toMatchObject({ status: 'registered', contactedAt: contacted.body.contactedAt, notes: 'Left a voicemail' });
    expect(registered.body.registeredAt).toBeTruthy();

    const after = await s.as(manager.token, 'PATCH', path, { status: 'declined' });
    expect(after.status).toBe(409);
    expect(after.body.message).toBe('This entry is already registered; it cannot change any more');
    // notes may still change, and "" clears them
    expect((await s.as(manager.token, 'PATCH', path, { notes: '' })).body.notes).toBeNull();

    expect((await s.as(manager.token, 'PATCH', `/api/clinics/${clinic.id}/waitlist/${other}`, { status: 'declined' })).body.status).toBe('declined');
    const byStatus = async (status: string) =>
      (await s.as(manager.token, 'GET', `/api/clinics/${clinic.id}/waitlist?status=${status}`)).body.items.map((e: { id: string }) => e.id);
    expect(await byStatus('registered')).toEqual([id]);
    expect(await byStatus('declined')).toEqual([other]);
    expect(await byStatus('pending')).toEqual([]);
    const bad = await s.as(manager.token, 'PATCH', path, { status: 'lost' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('status');
  });

  it('staff add a patient by hand; the audit trail names the action without the PHI', async () => {
    const clinic = await s.newClinic();
    const manager = await s.managerOf(clinic.id);
    const created = await s.as(manager.token, 'POST', `/api/clinics/${clinic.id}/waitlist`, {
      firstName: ' Mei ',
      lastName: 'Wong',
      phone: '604-555-0177',
      email: 'mei.wong@example.com',
      notes: 'Walk-in',
      details: { dateOfBirth: '1985-04-12', healthCardType: 'BC', healthCardNumber: '9876 543 218' },
      clinicId: '00000000-0000-4000-8000-000000000000',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      firstName: 'Mei',
      phone: '+16045550177',
      status: 'pending',
      source: 'console',
      details: { dateOfBirth: '1985-04-12', healthCardType: 'BC', healthCardNumber: '9876543218' },
    });
    const listed = await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}/waitlist`);
    expect(listed.body.items.map((e: { id: string }) => e.id)).toEqual([created.body.id]);

    const invalid = await s.as(manager.token, 'POST', `/api/clinics/${clinic.id}/waitlist`, { firstName: '', lastName: 'X', phone: 'call me', details: { dateOfBirth: '1985-02-30' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['details.dateOfBirth', 'firstName', 'phone']);
    const badPhone = await s.as(manager.token, 'POST', `/api/clinics/${clinic.id}/waitlist`, { firstName: 'A', lastName: 'B', phone: 'call me' });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.errors).toEqual([{ field: 'phone', message: 'Phone number: enter the number with its country code, e.g. +1 604 555 0142' }]);
    const badPhn = await s.as(manager.token, 'POST', `/api/clinics/${clinic.id}/waitlist`, {
      firstName: 'A', lastName: 'B', phone: '604-555-0178', details: { healthCardType: 'BC', healthCardNumber: '9876543217' },
    });
    expect(badPhn.status).toBe(400);
    expect(badPhn.body.errors).toEqual([
      { field: 'details.healthCardNumber', message: expect.stringContaining('check digit') },
    ]);

    await s.t.app.get(AuditService).flush();
    const rows = await s.t.db.dataSource.query(`SELECT action, outcome, details::text AS details FROM audit_logs WHERE clinic_id = $1 AND action LIKE 'waitlist.%' ORDER BY created_at`, [clinic.id]);
    expect(rows.map((r: { action: string; outcome: string }) => `${r.action} ${r.outcome}`).sort()).toEqual(['waitlist.create failure', 'waitlist.create failure', 'waitlist.create failure', 'waitlist.create success']);
    for (const row of rows) {
      // ids are random hex: one may hold "9876" or "1985" by chance (the clinic's id once did)
      const details = (row.details as string).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>');
      expect(details).not.toContain('9876');
      expect(details).not.toContain('1985');
      expect(details).not.toContain('Wong');
    }
  });

  it("keeps another clinic's entries out of reach (404)", async () => {
    const mine = await s.newClinic();
    const other = await s.newClinic();
    const theirs = await voiceEntry(other.id);
    const manager = await s.managerOf(mine.id);
    expect((await s.as(manager.token, 'GET', `/api/clinics/${mine.id}/waitlist/${theirs}`)).status).toBe(404);
    expect((await s.as(manager.token, 'PATCH', `/api/clinics/${mine.id}/waitlist/${theirs}`, { status: 'contacted' })).status).toBe(404);
    expect((await s.as(manager.token, 'GET', `/api/clinics/${other.id}/waitlist/${theirs}`)).status).toBe(404);
    const [{ status }] = await s.t.db.dataSource.query('SELECT status FROM waitlist WHERE id = $1', [theirs]);
    expect(status).toBe('pending');
  });
});
