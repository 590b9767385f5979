import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../libs/testing/src/database.js';

/** The rules the schema itself enforces, exercised with plain SQL on a migrated database. */
let db: TestDatabase;
const sql = (text: string, params: unknown[] = []) => db.dataSource.query(text, params);

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

async function newClinic(): Promise<string> {
  const id = randomUUID();
  await sql(`INSERT INTO clinics (id, name, slug) VALUES ($1, 'Test clinic', $2)`, [id, `clinic-${id}`]);
  return id;
}

async function sqlState(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (error as { code?: string }).code;
  }
}

/** ON DELETE RESTRICT answers restrict_violation (NO ACTION would be 23503) */
const RESTRICT_VIOLATION = '23001';
const UNIQUE_VIOLATION = '23505';

describe('a clinic is never deleted from under its data', () => {
  it('deleting a clinic that has hours is refused (RESTRICT)', async () => {
    const clinic = await newClinic();
    await sql(`INSERT INTO clinic_hours (clinic_id, day_of_week) VALUES ($1, 1)`, [clinic]);
    expect(await sqlState(sql(`DELETE FROM clinics WHERE id = $1`, [clinic]))).toBe(RESTRICT_VIOLATION);
  });

  it("deleting a clinic that only has users leaves the users without a clinic (SET NULL)", async () => {
    const clinic = await newClinic();
    const [user] = await sql(
      `INSERT INTO users (email, password_hash, first_name, last_name, clinic_id) VALUES ($1, 'x', 'A', 'B', $2) RETURNING id`,
      [`${randomUUID()}@example.test`, clinic],
    );
    await sql(`DELETE FROM clinics WHERE id = $1`, [clinic]);
    expect(await sql(`SELECT clinic_id FROM users WHERE id = $1`, [user.id])).toEqual([{ clinic_id: null }]);
  });
});

describe('children that go with their parent', () => {
  it("deleting a ticket deletes its messages (CASCADE)", async () => {
    const clinic = await newClinic();
    const [ticket] = await sql(
      `INSERT INTO support_tickets (clinic_id, created_by_id, title, description) VALUES ($1, $2, 't', 'd') RETURNING id`,
      [clinic, randomUUID()],
    );
    await sql(`INSERT INTO ticket_messages (ticket_id, author_id, content) VALUES ($1, $2, 'hi')`, [ticket.id, randomUUID()]);
    await sql(`DELETE FROM support_tickets WHERE id = $1`, [ticket.id]);
    expect(await sql(`SELECT * FROM ticket_messages WHERE ticket_id = $1`, [ticket.id])).toEqual([]);
  });

  it("deleting a user deletes the user's refresh tokens (CASCADE)", async () => {
    const [user] = await sql(
      `INSERT INTO users (email, password_hash, first_name, last_name, role) VALUES ($1, 'x', 'A', 'B', 'platform_admin') RETURNING id`,
      [`${randomUUID()}@example.test`],
    );
    await sql(
      `INSERT INTO refresh_tokens (user_id, token_hash, family_id, expires_at) VALUES ($1, $2, $3, now() + interval '1 day')`,
      [user.id, randomUUID(), randomUUID()],
    );
    await sql(`DELETE FROM users WHERE id = $1`, [user.id]);
    expect(await sql(`SELECT * FROM refresh_tokens WHERE user_id = $1`, [user.id])).toEqual([]);
  });
});

describe('uniqueness the voice webhook and the console rely on', () => {
  it('a second call log for the same Vapi call is refused, so the report merge is idempotent', async () => {
    const clinic = await newClinic();
    const call = `call_${randomUUID()}`;
    await sql(`INSERT INTO call_logs (clinic_id, vapi_call_id) VALUES ($1, $2)`, [clinic, call]);
    expect(await sqlState(sql(`INSERT INTO call_logs (clinic_id, vapi_call_id) VALUES ($1, $2)`, [clinic, call]))).toBe(
      UNIQUE_VIOLATION,
    );
    // calls without an id yet do not collide
    await sql(`INSERT INTO call_logs (clinic_id) VALUES ($1), ($1)`, [clinic]);
  });

  it('a tool call is recorded once per (call, toolCallId)', async () => {
    const clinic = await newClinic();
    const insert = () =>
      sql(`INSERT INTO tool_call_receipts (clinic_id, vapi_call_id, tool_call_id, tool_name) VALUES ($1, 'c1', 't1', 'create_appointment')`, [
        clinic,
      ]);
    await insert();
    expect(await sqlState(insert())).toBe(UNIQUE_VIOLATION);
  });

  it('a clinic has one holiday per date, two clinics may share a date', async () => {
    const [a, b] = [await newClinic(), await newClinic()];
    await sql(`INSERT INTO clinic_holidays (clinic_id, date) VALUES ($1, '2026-12-25'), ($2, '2026-12-25')`, [a, b]);
    expect(await sqlState(sql(`INSERT INTO clinic_holidays (clinic_id, date) VALUES ($1, '2026-12-25')`, [a]))).toBe(
      UNIQUE_VIOLATION,
    );
  });

  it('a caller number maps to one cached chart per clinic', async () => {
    const clinic = await newClinic();
    const insert = () =>
      sql(`INSERT INTO patient_phone_cache (clinic_id, phone_e164, demographic_no) VALUES ($1, '+16045550142', 1)`, [clinic]);
    await insert();
    expect(await sqlState(insert())).toBe(UNIQUE_VIOLATION);
  });

  it("the seed's vitara_admin role is not a role", async () => {
    const attempt = sql(
      `INSERT INTO users (email, password_hash, first_name, last_name, role) VALUES ($1, 'x', 'A', 'B', 'vitara_admin')`,
      [`${randomUUID()}@example.test`],
    );
    expect(await sqlState(attempt)).toBe('22P02');
  });

  it('business hours outside 0 (Sunday) … 6 are refused', async () => {
    const clinic = await newClinic();
    expect(await sqlState(sql(`INSERT INTO clinic_hours (clinic_id, day_of_week) VALUES ($1, 7)`, [clinic]))).toBe('23514');
  });
});

describe('audit_logs is append-only in the database', () => {
  let rowId: string;
  beforeAll(async () => {
    const [row] = await sql(`INSERT INTO audit_logs (action, resource) VALUES ('clinic.create', 'clinics') RETURNING id`);
    rowId = row.id;
  });

  it('accepts new rows', async () => {
    expect(await sql(`SELECT action FROM audit_logs WHERE id = $1`, [rowId])).toEqual([{ action: 'clinic.create' }]);
  });

  it('refuses UPDATE', async () => {
    await expect(sql(`UPDATE audit_logs SET action = 'forged' WHERE id = $1`, [rowId])).rejects.toThrow(/append-only/);
  });

  it('refuses DELETE', async () => {
    await expect(sql(`DELETE FROM audit_logs WHERE id = $1`, [rowId])).rejects.toThrow(/append-only/);
  });

  it('refuses TRUNCATE', async () => {
    await expect(sql(`TRUNCATE audit_logs`)).rejects.toThrow(/append-only/);
    expect(await sql(`SELECT count(*)::int AS n FROM audit_logs WHERE id = $1`, [rowId])).toEqual([{ n: 1 }]);
  });
});
