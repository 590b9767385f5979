import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditService } from '../../apps/api/src/audit/audit.service.js';
import { UserRole } from '../../apps/api/src/database/enums.js';
import { createTestApp, type TestApp } from '../../libs/testing/src/app.js';
import { createAdmin, createClinic, createManager, randomSuffix, type TestUser } from '../../libs/testing/src/factories.js';
import { call, freshIp, signIn, signInToken } from '../../libs/testing/src/http.js';

/** The audit trail as an admin would read it back: rows written by real requests over HTTP. */

interface Row {
  user_id: string | null;
  user_email: string | null;
  action: string;
  method: string | null;
  path: string | null;
  outcome: string;
  status_code: number | null;
  resource: string;
  resource_id: string | null;
  clinic_id: string | null;
  details: Record<string, any> | null;
  ip_address: string | null;
  user_agent: string | null;
}

describe('every mutating request of the console API leaves one audit row', () => {
  let t: TestApp;
  let admin: TestUser;
  let adminToken: string;
  let manager: TestUser & { clinicId: string };
  let managerToken: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createAdmin(t.db.dataSource);
    manager = await createManager(t.db.dataSource);
    adminToken = await signInToken(t, admin);
    managerToken = await signInToken(t, manager);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Rows for this request path (waits for the write that follows the response). */
  async function rowsFor(where: string, params: unknown[] = []): Promise<Row[]> {
    await t.app.get(AuditService).flush();
    return t.db.dataSource.query(`SELECT * FROM audit_logs WHERE ${where} ORDER BY created_at`, params);
  }

  it('a user created by an admin is recorded with actor, action, outcome, status, clinic and a body without secrets or PHI', async () => {
    const clinic = await createClinic(t.db.dataSource);
    const email = `amy.chen.${randomSuffix()}@clinic.example`;
    const password = `Sunlit harbour ${randomSuffix()} 77!`;
    const response = await call(t, 'POST', '/api/users', {
      token: adminToken,
      ip: '203.0.113.9',
      body: { email, firstName: 'Harriet', lastName: 'Okonkwo', role: UserRole.ClinicManager, clinicId: clinic.id, password },
    });
    expect(response.status).toBe(201);

    const rows = await rowsFor(`action = 'user.create' AND path = '/api/users' AND resource_id = $1`, [response.body.id]);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({
      user_id: admin.id,
      user_email: admin.email,
      action: 'user.create',
      method: 'POST',
      outcome: 'success',
      status_code: 201,
      resource: 'users',
      clinic_id: clinic.id,
      ip_address: '203.0.113.9',
    });
    const stored = JSON.stringify(row.details);
    expect(row.details?.body).toMatchObject({ role: 'clinic_manager', clinicId: clinic.id, password: '[REDACTED]' });
    for (const plain of [password, email, 'Harriet', 'Okonkwo']) expect(stored).not.toContain(plain);
  });

  it('a sign-in is recorded with the user who signed in; a failed one as auth.login_failed without the password', async () => {
    const ip = freshIp();
    await signIn(t, manager, ip);
    const wrong = `not the password ${randomSuffix()}`;
    const failed = await call(t, 'POST', '/api/auth/login', { ip, body: { email: manager.email, password: wrong } });
    expect(failed.status).toBe(401);

    const rows = await rowsFor(`path = '/api/auth/login' AND ip_address = $1`, [ip]);
    expect(rows.map((r) => [r.action, r.outcome, r.status_code, r.user_id])).toEqual([
      ['auth.login', 'success', 200, manager.id],
      ['auth.login_failed', 'denied', 401, null],
    ]);
    expect(rows[0].clinic_id).toBe(manager.clinicId);
    for (const row of rows) {
      expect(JSON.stringify(row.details)).not.toContain(manager.password);
      expect(JSON.stringify(row.details)).not.toContain(wrong);
      expect(JSON.stringify(row.details)).not.toContain(manager.email);
    }
  });

  it('a request without a token is recorded as denied with no actor (the guard refused it before any interceptor ran)', async () => {
    const ip = freshIp();
    const response = await call(t, 'POST', '/api/users', { ip, body: { email: 'x@y.example' } });
    expect(response.status).toBe(401);
    const rows = await rowsFor(`ip_address = $1`, [ip]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'user.create', outcome: 'denied', status_code: 401, user_id: null, user_email: null });
  });

  it("a manager refused an admin-only change is recorded as denied with the manager as actor", async () => {
    const ip = freshIp();
    const response = await call(t, 'PATCH', `/api/users/${admin.id}`, { token: managerToken, ip, body: { isActive: false } });
    expect(response.status).toBe(403);
    const rows = await rowsFor(`ip_address = $1`, [ip]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'user.update',
      outcome: 'denied',
      status_code: 403,
      user_id: manager.id,
      resource: 'users',
      resource_id: admin.id,
      clinic_id: manager.clinicId,
    });
  });

  it('an invalid body is recorded as a failure with the status 400', async () => {
    const ip = freshIp();
    const response = await call(t, 'POST', '/api/users', { token: adminToken, ip, body: { email: 'not-an-email', role: 'boss' } });
    expect(response.status).toBe(400);
    const rows = await rowsFor(`ip_address = $1`, [ip]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'user.create', outcome: 'failure', status_code: 400, user_id: admin.id });
    expect(rows[0].clinic_id).toBeNull();
  });

  it('a provisioned clinic is recorded as clinic.create with the new clinic as resource and clinic', async () => {
    const ip = freshIp();
    const response = await call(t, 'POST', '/api/clinics', {
      token: adminToken,
      ip,
      body: { name: `Harbourview ${randomSuffix()}`, timezone: 'America/Vancouver' },
    });
    expect(response.status).toBe(201);
    const rows = await rowsFor(`ip_address = $1`, [ip]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'clinic.create',
      outcome: 'success',
      status_code: 201,
      resource: 'clinics',
      resource_id: response.body.id,
      clinic_id: response.body.id,
      user_id: admin.id,
    });
  });

  it('a config change keeps the section shape but never the EMR password it carried', async () => {
    const clinic = await call(t, 'POST', '/api/clinics', { token: adminToken, body: { name: `Config ${randomSuffix()}` } });
    expect(clinic.status).toBe(201);
    const ip = freshIp();
    const soapPassword = `Tr0ub4dor-${randomSuffix()}`;
    const response = await call(t, 'PUT', `/api/clinics/${clinic.body.id}/config`, {
      token: adminToken,
      ip,
      body: { emr: { oscarTlsVerify: true, oscarSoapPassword: soapPassword } },
    });
    expect(response.status).toBe(200);
    const rows = await rowsFor(`ip_address = $1`, [ip]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'config.update', outcome: 'success', resource: 'clinics/config', clinic_id: clinic.body.id });
    expect(rows[0].details?.body).toEqual({ emr: { oscarTlsVerify: true, oscarSoapPassword: '[REDACTED]' } });
    expect(rows[0].details?.params).toEqual({ clinicId: clinic.body.id });
    expect(JSON.stringify(rows[0].details)).not.toContain(soapPassword);
  });

  it("a manager reaching another clinic is answered 404 and recorded as denied against that clinic", async () => {
    const other = await createClinic(t.db.dataSource);
    const ip = freshIp();
    const response = await call(t, 'POST', `/api/clinics/${other.id}/holidays`, {
      token: managerToken,
      ip,
      body: { date: '2031-12-25', name: 'Christmas Day' },
    });
    expect(response.status).toBe(404);
    const rows = await rowsFor(`ip_address = $1`, [ip]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'holiday.create',
      outcome: 'denied',
      status_code: 404,
      user_id: manager.id,
      clinic_id: other.id,
      resource: 'clinics/holidays',
    });
  });

  it('a missing clinic is a failure (404), not a denial', async () => {
    const ip = freshIp();
    const response = await call(t, 'PATCH', `/api/clinics/00000000-0000-4000-8000-000000000000`, { token: adminToken, ip, body: { city: 'Burnaby' } });
    expect(response.status).toBe(404);
    const rows = await rowsFor(`ip_address = $1`, [ip]);
    expect(rows.map((r) => [r.action, r.outcome, r.status_code])).toEqual([['clinic.update', 'failure', 404]]);
  });

  it('reads and webhook deliveries write no audit row', async () => {
    const ip = freshIp();
    expect((await call(t, 'GET', '/api/users', { token: adminToken, ip })).status).toBe(200);
    expect((await call(t, 'GET', '/api/auth/me', { token: managerToken, ip })).status).toBe(200);
    await call(t, 'GET', '/api/audit-logs', { token: adminToken, ip });
    await call(t, 'POST', '/api/vapi/webhook', { ip, body: { message: { type: 'status-update' } } });
    await call(t, 'POST', '/api/telnyx/webhook', { ip, body: { data: { event_type: 'message.received' } } });
    expect(await rowsFor(`ip_address = $1`, [ip])).toEqual([]);
  });

  it('the database refuses UPDATE and DELETE of audit rows, whoever asks', async () => {
    const [row] = await t.db.dataSource.query(`SELECT id FROM audit_logs LIMIT 1`);
    expect(row).toBeDefined();
    await expect(t.db.dataSource.query(`UPDATE audit_logs SET outcome = 'success' WHERE id = $1`, [row.id])).rejects.toThrow(/append-only/);
    await expect(t.db.dataSource.query(`DELETE FROM audit_logs WHERE id = $1`, [row.id])).rejects.toThrow(/append-only/);
  });
});
