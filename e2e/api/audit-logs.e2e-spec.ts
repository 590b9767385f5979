import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../apps/api/src/audit/audit-event.builder.js';
import { AuditService } from '../../apps/api/src/audit/audit.service.js';
import { AuditOutcome } from '../../apps/api/src/database/enums.js';
import { createTestApp, type TestApp } from '../../libs/testing/src/app.js';
import { createAdmin, createClinic, createManager, type TestUser } from '../../libs/testing/src/factories.js';
import { call, freshIp, signInToken } from '../../libs/testing/src/http.js';

/** Platform admins read the audit trail: filters, pages without gaps or repeats, CSV. */
describe('GET /api/audit-logs', () => {
  let t: TestApp;
  let admin: TestUser;
  let adminToken: string;
  let manager: TestUser & { clinicId: string };
  let managerToken: string;
  /** a clinic that only this suite's seeded rows mention */
  let clinicId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createAdmin(t.db.dataSource);
    manager = await createManager(t.db.dataSource);
    adminToken = await signInToken(t, admin);
    managerToken = await signInToken(t, manager);
    clinicId = (await createClinic(t.db.dataSource)).id;
    const audit = t.app.get(AuditService);
    // 7 job rows one after another, then 5 written in one statement (same created_at: ties broken by id)
    for (let i = 0; i < 7; i++) {
      await audit.record({ action: 'retention.run', outcome: AuditOutcome.Success, actor: SYSTEM_ACTOR, resource: 'call_logs', clinicId, details: { run: i } });
    }
    await t.db.dataSource.query(
      `INSERT INTO audit_logs (action, resource, clinic_id, outcome, user_id, user_email)
       SELECT 'providers.sync', 'clinics/providers', $1, 'error', $2, $3 FROM generate_series(1, 5)`,
      [clinicId, admin.id, admin.email],
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('pages through every matching row newest first, with no gaps or repeats (ties on created_at included)', async () => {
    const seen: string[] = [];
    const times: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = new URLSearchParams({ clinicId, limit: '3', ...(cursor ? { cursor } : {}) }).toString();
      const response = await call(t, 'GET', `/api/audit-logs?${query}`, { token: adminToken });
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(3);
      for (const item of response.body.items) {
        seen.push(item.id);
        times.push(item.createdAt);
      }
      cursor = response.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('filters by action, outcome, user and time range', async () => {
    const list = async (params: Record<string, string>) => {
      const response = await call(t, 'GET', `/api/audit-logs?${new URLSearchParams({ clinicId, ...params })}`, { token: adminToken });
      expect(response.status).toBe(200);
      return response.body.items as Array<Record<string, any>>;
    };
    const jobs = await list({ action: 'retention.run' });
    expect(jobs).toHaveLength(7);
    expect(jobs[0]).toMatchObject({ actorType: 'system', userId: null, userEmail: null, method: null, resource: 'call_logs', clinicId });
    expect(jobs[0].details).toEqual({ run: 6 });
    expect(await list({ outcome: 'error' })).toHaveLength(5);
    const byAdmin = await list({ userId: admin.id });
    expect(byAdmin).toHaveLength(5);
    expect(byAdmin[0]).toMatchObject({ actorType: 'user', userEmail: admin.email, action: 'providers.sync', outcome: 'error' });
    // the 3rd and 4th newest of the jobs: [from, to)
    const [newest, , third, fourth] = jobs;
    const ranged = await list({ action: 'retention.run', from: fourth.createdAt, to: newest.createdAt });
    expect(ranged.map((r) => r.id)).toContain(third.id);
    expect(ranged.map((r) => r.id)).toContain(fourth.id);
    expect(ranged.map((r) => r.id)).not.toContain(newest.id);
    expect(await list({ from: '2099-01-01T00:00:00Z' })).toEqual([]);
  });

  it('refuses filters outside the vocabulary and cursors it did not give out', async () => {
    for (const query of ['action=clinic.explode', 'outcome=maybe', 'clinicId=nope', 'from=yesterday', 'cursor=abc', 'limit=1000']) {
      const response = await call(t, 'GET', `/api/audit-logs?${query}`, { token: adminToken });
      expect(response.status, query).toBe(400);
      expect(response.body.errors.length, query).toBeGreaterThan(0);
    }
    const reversed = await call(t, 'GET', '/api/audit-logs?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', { token: adminToken });
    expect(reversed.status).toBe(400);
  });

  it('is for platform admins only: a manager is answered 403, no token 401', async () => {
    const asManager = await call(t, 'GET', `/api/audit-logs?clinicId=${manager.clinicId}`, { token: managerToken });
    expect(asManager.status).toBe(403);
    expect(asManager.body).toMatchObject({ statusCode: 403, error: 'Forbidden', errors: [] });
    expect((await call(t, 'GET', '/api/audit-logs/export.csv', { token: managerToken })).status).toBe(403);
    expect((await call(t, 'GET', '/api/audit-logs')).status).toBe(401);
  });

  it('exports CSV with a header row, RFC 4180 quoting, and formula-like cells defused', async () => {
    const ip = freshIp();
    // a user agent is text the caller chose: it must not run as a spreadsheet formula
    const evil = '=HYPERLINK("http://evil.example","click"),@SUM(1)';
    const response = await fetch(`${t.baseUrl}/api/clinics/${manager.clinicId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${managerToken}`, 'content-type': 'application/json', 'user-agent': evil, 'x-forwarded-for': ip },
      body: JSON.stringify({ city: 'Burnaby' }),
    });
    expect(response.status).toBe(200);
    await t.app.get(AuditService).flush();

    const csv = await fetch(`${t.baseUrl}/api/audit-logs/export.csv?clinicId=${manager.clinicId}`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="audit-logs.csv"/);
    const text = await csv.text();
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      'createdAt,id,actorType,userId,userEmail,action,outcome,statusCode,method,path,resource,resourceId,clinicId,ipAddress,userAgent,details',
    );
    expect(lines[lines.length - 1]).toBe('');
    const row = lines.find((line) => line.includes(ip));
    expect(row).toBeDefined();
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example"",""click""),@SUM(1)"`);
    expect(row).toContain(',user,');
    expect(row).toContain(',clinic.update,success,200,PATCH,');
    expect(row).not.toMatch(/,=|,"=/);
  });

  it('exports every matching row even past one batch, filtered like the list', async () => {
    const csv = await fetch(`${t.baseUrl}/api/audit-logs/export.csv?clinicId=${clinicId}&action=retention.run`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    const lines = (await csv.text()).split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(1 + 7);
    expect(lines.slice(1).every((line) => line.includes(',system,') && line.includes(',retention.run,'))).toBe(true);
  });
});
