import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaxDocument } from '../../apps/api/src/fax/fax-document.entity.js';
import { FaxStatus } from '../../apps/api/src/database/enums.js';
import { ClinicHoliday } from '../../apps/api/src/clinics/clinic-holiday.entity.js';
import { ClinicProvider } from '../../apps/api/src/providers/clinic-provider.entity.js';
import { createTestApp, type TestApp } from '../../libs/testing/src/app.js';
import { createAdmin, createClinic, createManager, type TestUser } from '../../libs/testing/src/factories.js';
import { signInToken } from '../../libs/testing/src/http.js';

/**
 * Tenant isolation, generated from the OpenAPI document the running API serves: every route is
 * probed without a token, and every route of clinic B is probed by the manager of clinic A.
 * Routes without `{clinicId}` need an entry in NON_CLINIC_ROUTES: a new one that has none fails.
 */

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface Operation {
  method: Method;
  path: string;
  key: string;
  secured: boolean;
}

/** Open without a console token (each has its own protection: credentials, refresh token, webhook secret). */
const PUBLIC_ROUTES = new Set([
  'GET /api/health',
  'POST /api/auth/login',
  'POST /api/auth/refresh',
  'POST /api/auth/mfa/verify',
  'POST /api/vapi/webhook',
  'GET /api/vapi/tools',
  'POST /api/telnyx/webhook',
]);

/**
 * What a clinic manager of clinic A gets on routes that are not under /clinics/{clinicId}:
 * - `admin`: platform admins only → 403
 * - `self`: about the caller only (no other tenant's data can be named)
 * - `public`: see PUBLIC_ROUTES
 * - `own-clinic-list`: answers only clinic A's rows (checked below)
 * - `foreign-user`: with clinic B's user id → 404
 */
const NON_CLINIC_ROUTES: Record<string, 'admin' | 'self' | 'public' | 'own-clinic-list' | 'foreign-user'> = {
  'GET /api/health': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/refresh': 'public',
  'POST /api/auth/mfa/verify': 'public',
  // one clinic per call, resolved from the payload and checked against that clinic's own secret (e2e/api/vapi-webhook.e2e-spec.ts)
  'POST /api/vapi/webhook': 'public',
  'POST /api/telnyx/webhook': 'public',
  'GET /api/vapi/tools': 'public',
  'POST /api/auth/logout': 'self',
  'GET /api/auth/me': 'self',
  'POST /api/auth/password': 'self',
  'POST /api/auth/mfa/enrol': 'self',
  'POST /api/auth/mfa/activate': 'self',
  'POST /api/auth/mfa/disable': 'self',
  'GET /api/audit-logs': 'admin',
  'GET /api/audit-logs/export.csv': 'admin',
  'GET /api/platform/settings': 'admin',
  'PUT /api/platform/settings': 'admin',
  'GET /api/clinics': 'own-clinic-list',
  'POST /api/clinics': 'admin',
  'GET /api/users': 'own-clinic-list',
  'POST /api/users': 'admin',
  'GET /api/users/{userId}': 'foreign-user',
  'PATCH /api/users/{userId}': 'admin',
  'POST /api/users/{userId}/reset-password': 'admin',
  // one row per clinic the caller may see: an admin every clinic, a manager theirs (e2e/api/dashboard.e2e-spec.ts)
  'GET /api/dashboard': 'own-clinic-list',
  'GET /api/tickets': 'admin',
  // the caller's own notifications; another user's id answers 404 (e2e/api/notifications.e2e-spec.ts)
  'GET /api/notifications': 'self',
  'POST /api/notifications/{id}/read': 'self',
  'POST /api/notifications/read-all': 'self',
};

describe('tenant isolation (generated from /api/openapi.json)', () => {
  let t: TestApp;
  let operations: Operation[];
  let managerA: TestUser & { clinicId: string };
  let managerB: TestUser & { clinicId: string };
  let tokenA: string;
  let clinicBName: string;
  const idsOfB: Record<string, string> = {};
  const covered = new Set<string>();

  function call(op: Operation, path: string, token?: string) {
    const hasBody = op.method !== 'get' && op.method !== 'delete';
    return fetch(`${t.baseUrl}${path}`, {
      method: op.method.toUpperCase(),
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(hasBody ? { 'content-type': 'application/json' } : {}) },
      body: hasBody ? JSON.stringify({ clinicId: managerA.clinicId }) : undefined,
    });
  }

  /** Fills path parameters with clinic B's real ids where we have them, random ids otherwise. */
  function pathFor(op: Operation, clinicId: string): string {
    return op.path.replace(/\{(\w+)\}/g, (_m, name: string) => (name === 'clinicId' ? clinicId : (idsOfB[name] ?? randomUUID())));
  }

  beforeAll(async () => {
    t = await createTestApp();
    const ds = t.db.dataSource;
    const clinicB = await createClinic(ds, { name: 'Clinic B Private Practice' });
    clinicBName = clinicB.name;
    managerA = await createManager(ds);
    managerB = await createManager(ds, { clinicId: clinicB.id });
    await createAdmin(ds);
    const provider = await ds.getRepository(ClinicProvider).save({
      clinicId: clinicB.id,
      firstName: 'Bea',
      lastName: 'Secretprovider',
      oscarProviderId: '777',
    });
    const holiday = await ds.getRepository(ClinicHoliday).save({ clinicId: clinicB.id, date: '2027-01-04', name: 'B closure' });
    const fax = await ds.getRepository(FaxDocument).save({ clinicId: clinicB.id, status: FaxStatus.NeedsReview, source: 'upload', originalFilename: 'Secretprovider.pdf' });
    Object.assign(idsOfB, { providerId: provider.id, id: holiday.id, userId: managerB.id, faxId: fax.id, n: '1' });
    tokenA = await signInToken(t, managerA);
    const document = (await (await fetch(`${t.baseUrl}/api/openapi.json`)).json()) as { paths: unknown };
    operations = Object.entries(document.paths as Record<string, Record<string, { security?: unknown[] }>>).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, op]) => ({
          method: method as Method,
          path,
          key: `${method.toUpperCase()} ${path}`,
          secured: Array.isArray(op.security) && op.security.length > 0,
        })),
    );
  });

  afterAll(async () => {
    console.log(`tenant isolation: ${covered.size} routes covered of ${operations?.length ?? 0}`);
    await t?.close();
  });

  it('documents bearer security on every route except the few public ones', () => {
    for (const op of operations) {
      expect(op.secured, `${op.key}: public routes must be listed in PUBLIC_ROUTES`).toBe(!PUBLIC_ROUTES.has(op.key));
    }
  });

  it('answers 401 without a token on every non-public route', async () => {
    for (const op of operations.filter((o) => !PUBLIC_ROUTES.has(o.key))) {
      const response = await call(op, pathFor(op, managerA.clinicId));
      expect(response.status, `${op.key} without a token`).toBe(401);
    }
  });

  it("answers 404 to clinic A's manager on every route of clinic B, without a trace of B's data", async () => {
    for (const op of operations.filter((o) => o.path.includes('{clinicId}'))) {
      for (const clinicId of [managerB.clinicId, randomUUID()]) {
        const response = await call(op, pathFor(op, clinicId), tokenA);
        const text = await response.text();
        expect(response.status, `${op.key} for another clinic`).toBe(404);
        expect(text).not.toContain(clinicBName);
        expect(text).not.toContain('Secretprovider');
      }
      covered.add(op.key);
    }
  });

  it('has an isolation rule for every route outside /clinics/{clinicId} (a new route must be added here)', () => {
    const missing = operations.filter((o) => !o.path.includes('{clinicId}') && !(o.key in NON_CLINIC_ROUTES)).map((o) => o.key);
    expect(missing, 'routes without an isolation rule in NON_CLINIC_ROUTES').toEqual([]);
  });

  it("keeps a manager to their own clinic on lists, admin routes and other clinics' users", async () => {
    for (const op of operations.filter((o) => !o.path.includes('{clinicId}'))) {
      const rule = NON_CLINIC_ROUTES[op.key];
      if (rule === 'public' || rule === 'self') {
        covered.add(op.key);
        continue;
      }
      const response = await call(op, pathFor(op, managerA.clinicId), tokenA);
      const text = await response.text();
      if (rule === 'admin') expect(response.status, `${op.key} as a manager`).toBe(403);
      if (rule === 'foreign-user') expect(response.status, `${op.key} with clinic B's user`).toBe(404);
      if (rule === 'own-clinic-list') {
        expect(response.status, `${op.key} as a manager`).toBe(200);
        const { items } = JSON.parse(text) as { items: Array<{ id: string; clinicId?: string | null }> };
        expect(items.length).toBeGreaterThan(0);
        for (const item of items) expect(item.clinicId ?? item.id).toBe(managerA.clinicId);
      }
      expect(text, `${op.key} leaked clinic B`).not.toContain(clinicBName);
      expect(text).not.toContain(managerB.email);
      covered.add(op.key);
    }
    expect(covered.size).toBe(operations.length);
  });
});
