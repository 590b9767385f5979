import { createTestApp, type TestApp } from './app.js';
import { createAdmin, createManager, randomSuffix, type TestUser } from './factories.js';
import { call, signInToken, type JsonResponse } from './http.js';
import type { TestOscarSim } from './oscar-sim.js';

/** A test app with a signed-in platform admin, and what suites do through the API as that admin. */
export interface ApiSuite {
  t: TestApp;
  admin: TestUser;
  adminToken: string;
  /** a JSON request with a token */
  as(token: string, method: string, path: string, body?: unknown): Promise<JsonResponse>;
  /** a new clinic provisioned through the API by the admin (random name unless given) */
  newClinic(fields?: Record<string, unknown>): Promise<{ id: string; slug: string; [key: string]: unknown }>;
  /**
   * `clinicId` live (`active`), set in the database as a passed activation would leave it (the
   * real activation needs the whole onboarding, tested in e2e/api/onboarding.e2e-spec.ts). Call it
   * before the clinic's first webhook delivery: the webhook caches the clinic.
   */
  goLive(clinicId: string): Promise<void>;
  /** a manager of `clinicId`, made in the database and signed in */
  managerOf(clinicId: string): Promise<{ token: string; id: string }>;
  /** `PUT /config` of the EMR section, as the admin: the clinic connected to `sim` with its first login (`oscarSoapPassword` and more may be given) */
  connectToSim(clinicId: string, sim: TestOscarSim, emr?: Record<string, unknown>): Promise<JsonResponse>;
}

/** Starts the API on a fresh database (`env` as for `createTestApp`) and signs in a platform admin. Close with `t.close()`. */
export async function startApiSuite(env: Record<string, string> = {}): Promise<ApiSuite> {
  const t = await createTestApp(env);
  return apiSuiteOf(t, await createAdmin(t.db.dataSource));
}

/**
 * The same on an app started elsewhere (the browser suites' console app), as `admin`, a platform
 * admin already in its database, signed in here.
 */
export async function apiSuiteOf(t: TestApp, admin: TestUser): Promise<ApiSuite> {
  const adminToken = await signInToken(t, admin);
  const as = (token: string, method: string, path: string, body?: unknown) => call(t, method, path, { token, body });
  return {
    t,
    admin,
    adminToken,
    as,
    async newClinic(fields = {}) {
      const response = await as(adminToken, 'POST', '/api/clinics', { name: `Clinic ${randomSuffix()}`, ...fields });
      if (response.status !== 201) throw new Error(`clinic not created: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body;
    },
    async goLive(clinicId: string) {
      await t.db.dataSource.query(`UPDATE clinics SET status = 'active' WHERE id = $1`, [clinicId]);
    },
    async managerOf(clinicId: string) {
      const manager = await createManager(t.db.dataSource, { clinicId });
      return { token: await signInToken(t, manager), id: manager.id };
    },
    connectToSim(clinicId, sim, emr = {}) {
      return as(adminToken, 'PUT', `/api/clinics/${clinicId}/config`, {
        emr: { oscarUrl: sim.url, oscarSoapUsername: String(sim.securityNo), oscarSoapPassword: sim.password, ...emr },
      });
    },
  };
}
