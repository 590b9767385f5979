import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditService } from '../../apps/api/src/audit/audit.service.js';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';
import { createManager } from '../../libs/testing/src/factories.js';
import { call, freshIp, signIn } from '../../libs/testing/src/http.js';
import { startTestOscarSim, type TestOscarSim } from '../../libs/testing/src/oscar-sim.js';

/**
 * What the audit trail says of requests that answer 200 but did not do what was asked (a
 * connection test that failed), and of requests made without an access token for a known user
 * (a session renewal): an admin reading the trail must see a failure, and who renewed.
 */
describe('audit outcomes and actors an admin can trust', () => {
  let s: ApiSuite;
  let sim: TestOscarSim;

  beforeAll(async () => {
    [s, sim] = await Promise.all([startApiSuite(), startTestOscarSim()]);
  });
  afterAll(async () => {
    await Promise.all([s?.t.close(), sim?.close()]);
  });

  async function rows(where: string, params: unknown[]): Promise<Array<{ action: string; outcome: string; status_code: number; user_id: string | null; user_email: string | null; clinic_id: string | null }>> {
    await s.t.app.get(AuditService).flush();
    return s.t.db.dataSource.query(
      `SELECT action, outcome, status_code, user_id, user_email, clinic_id FROM audit_logs WHERE ${where} ORDER BY created_at`,
      params,
    );
  }

  it('a failed EMR connection test is recorded as a failure, a passing one as a success', async () => {
    const clinic = await s.newClinic({ timezone: sim.data.timezone });
    const manager = await s.managerOf(clinic.id);
    expect((await s.connectToSim(clinic.id, sim, { oscarSoapPassword: 'not-the-password' })).status).toBe(200);
    const failed = await call(s.t, 'POST', `/api/clinics/${clinic.id}/emr/test-connection`, { token: manager.token });
    expect(failed.status).toBe(200);
    expect(failed.body.verified).toBe(false);
    expect((await s.connectToSim(clinic.id, sim, { oscarSoapPassword: sim.password })).status).toBe(200);
    const passed = await call(s.t, 'POST', `/api/clinics/${clinic.id}/emr/test-connection`, { token: manager.token });
    expect(passed.body.verified).toBe(true);

    expect(await rows(`action = 'emr.test_connection' AND clinic_id = $1`, [clinic.id])).toEqual([
      expect.objectContaining({ outcome: 'failure', status_code: 200, user_id: manager.id }),
      expect.objectContaining({ outcome: 'success', status_code: 200, user_id: manager.id }),
    ]);
  });

  it('a session renewal names the user whose session it renewed (and their clinic); a refused one stays anonymous', async () => {
    const user = await createManager(s.t.db.dataSource);
    const ip = freshIp();
    const session = await signIn(s.t, user, ip);
    expect((await call(s.t, 'POST', '/api/auth/refresh', { ip, body: { refreshToken: session.refreshToken } })).status).toBe(200);
    expect((await call(s.t, 'POST', '/api/auth/refresh', { ip, body: { refreshToken: 'never-issued' } })).status).toBe(401);

    const renewals = await rows(`action = 'auth.refresh' AND ip_address = $1`, [ip]);
    expect(renewals).toEqual([
      { action: 'auth.refresh', outcome: 'success', status_code: 200, user_id: user.id, user_email: user.email, clinic_id: user.clinicId },
      { action: 'auth.refresh', outcome: 'denied', status_code: 401, user_id: null, user_email: null, clinic_id: null },
    ]);
  });
});
