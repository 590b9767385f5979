import { createTestApp, type TestApp } from '../../libs/testing/src/app.js';
import { createAdmin, createManager, randomSuffix } from '../../libs/testing/src/factories.js';
import { call, signIn, type JsonResponse } from '../../libs/testing/src/http.js';

/** Helpers shared by the clinics / providers suites: a signed-in admin, clinics made through the API. */

export interface ClinicsSuite {
  t: TestApp;
  adminToken: string;
  /** a JSON request with a token */
  as(token: string, method: string, path: string, body?: unknown): Promise<JsonResponse>;
  /** a new clinic provisioned through the API by the admin (random name, slug and number) */
  newClinic(fields?: Record<string, unknown>): Promise<{ id: string; slug: string; [key: string]: unknown }>;
  /** a manager of `clinicId`, signed in */
  managerOf(clinicId: string): Promise<{ token: string; id: string }>;
}

export async function startClinicsSuite(): Promise<ClinicsSuite> {
  const t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '100000', RATE_LIMIT_AUTH_PER_MINUTE: '100000' });
  const admin = await createAdmin(t.db.dataSource);
  const adminToken = (await signIn(t, admin)).accessToken;
  const as = (token: string, method: string, path: string, body?: unknown) => call(t, method, path, { token, body });
  return {
    t,
    adminToken,
    as,
    async newClinic(fields = {}) {
      const response = await as(adminToken, 'POST', '/api/clinics', { name: `Clinic ${randomSuffix()}`, ...fields });
      if (response.status !== 201) throw new Error(`clinic not created: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body;
    },
    async managerOf(clinicId: string) {
      const manager = await createManager(t.db.dataSource, { clinicId });
      return { token: (await signIn(t, manager)).accessToken, id: manager.id };
    },
  };
}

/** A random North American number in the 555 range, E.164. */
export function randomPhone(): string {
  return `+1604555${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
}
