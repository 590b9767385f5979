import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditService } from '../../apps/api/src/audit/audit.service.js';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';

type Holiday = { id: string; date: string; name: string | null; source: string };

/** British Columbia's statutory holidays of 2027 (Employment Standards Act), as the library names them. */
const BC_2027 = [
  ['2027-01-01', "New Year's Day"],
  ['2027-02-15', 'Family Day'],
  ['2027-03-26', 'Good Friday'],
  ['2027-05-24', 'Victoria Day'],
  ['2027-07-01', 'Canada Day'],
  ['2027-08-02', 'British Columbia Day'],
  ['2027-09-06', 'Labour Day'],
  ['2027-10-11', 'Thanksgiving'],
  ['2027-11-11', 'Remembrance Day'],
  ['2027-12-25', 'Christmas Day'],
];

describe('importing statutory holidays', () => {
  let s: ApiSuite;
  beforeAll(async () => {
    s = await startApiSuite();
  });
  afterAll(async () => {
    await s?.t.close();
  });

  const importYear = (token: string, clinicId: string, body: unknown) => s.as(token, 'POST', `/api/clinics/${clinicId}/holidays/import`, body);
  const holidays = async (clinicId: string): Promise<Holiday[]> => (await s.as(s.adminToken, 'GET', `/api/clinics/${clinicId}/holidays?limit=100`)).body.items;

  it("a BC clinic's 2027: the province's dates, Family Day included, each marked statutory:CA-BC; again adds nothing", async () => {
    const clinic = await s.newClinic({ province: 'BC' });
    const first = await importYear(s.adminToken, clinic.id, { year: 2027 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ year: 2027, source: 'statutory:CA-BC', added: BC_2027.length, skipped: 0 });
    expect(first.body.items.map((h: Holiday) => [h.date, h.name])).toEqual(BC_2027);

    const listed = await holidays(clinic.id);
    expect(listed.map((h) => [h.date, h.name, h.source])).toEqual(BC_2027.map(([date, name]) => [date, name, 'statutory:CA-BC']));

    const again = await importYear(s.adminToken, clinic.id, { year: 2027 });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ added: 0, skipped: BC_2027.length, items: [] });
    expect(await holidays(clinic.id)).toHaveLength(BC_2027.length);
  });

  it('a holiday added by hand on a statutory date stays as it was, and is not doubled', async () => {
    const clinic = await s.newClinic({ province: 'BC' });
    const manager = await s.managerOf(clinic.id);
    const manual = await s.as(manager.token, 'POST', `/api/clinics/${clinic.id}/holidays`, { date: '2027-07-01', name: 'Closed for Canada Day' });
    expect(manual.status).toBe(201);
    expect(manual.body.source).toBe('manual');

    const imported = await importYear(manager.token, clinic.id, { year: 2027 });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ added: BC_2027.length - 1, skipped: 1 });
    const listed = await holidays(clinic.id);
    expect(listed).toHaveLength(BC_2027.length);
    expect(listed.filter((h) => h.date === '2027-07-01')).toEqual([expect.objectContaining({ id: manual.body.id, name: 'Closed for Canada Day', source: 'manual' })]);

    await s.t.app.get(AuditService).flush();
    const audit = await s.t.db.dataSource.query(`SELECT action, outcome, clinic_id, user_id FROM audit_logs WHERE path = $1`, [`/api/clinics/${clinic.id}/holidays/import`]);
    expect(audit).toEqual([{ action: 'holiday.import', outcome: 'success', clinic_id: clinic.id, user_id: manager.id }]);
  });

  it("an Ontario clinic gets Ontario's holidays (Easter Monday, Boxing Day; no BC Day)", async () => {
    const clinic = await s.newClinic({ province: 'ON', timezone: 'America/Toronto' });
    const imported = await importYear(s.adminToken, clinic.id, { year: 2027 });
    expect(imported.status).toBe(200);
    expect(imported.body.source).toBe('statutory:CA-ON');
    const dates = (await holidays(clinic.id)).map((h) => h.date);
    expect(dates).toEqual(expect.arrayContaining(['2027-02-15', '2027-03-29', '2027-12-26']));
    expect(dates).not.toContain('2027-08-02');
  });

  it('a missing or impossible year is a 400 that says what a year must be; another clinic is not found', async () => {
    const clinic = await s.newClinic();
    for (const [body, message] of [
      [{}, 'Enter the year as a whole number, e.g. 2027'],
      [{ year: '2027' }, 'Enter the year as a whole number, e.g. 2027'],
      [{ year: 2027.5 }, 'Enter the year as a whole number, e.g. 2027'],
      [{ year: 1899 }, 'The year must be 2000 or later'],
      [{ year: 3000 }, 'The year must be 2100 or earlier'],
    ] as const) {
      const refused = await importYear(s.adminToken, clinic.id, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.errors).toContainEqual({ field: 'year', message });
    }
    expect(await holidays(clinic.id)).toEqual([]);

    const other = await s.newClinic();
    const manager = await s.managerOf(clinic.id);
    expect((await importYear(manager.token, other.id, { year: 2027 })).status).toBe(404);
    expect(await holidays(other.id)).toEqual([]);
  });
});
