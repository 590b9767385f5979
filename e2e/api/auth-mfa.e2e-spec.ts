import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../libs/testing/src/app.js';
import { createAdmin, createManager, type TestUser } from '../../libs/testing/src/factories.js';
import { call, freshIp, signIn } from '../../libs/testing/src/http.js';

/** The code an authenticator shows `stepsAhead` 30-second steps from now (the server accepts ±1 step). */
function totp(secret: string, stepsAhead = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 * stepsAhead });
}

describe('TOTP MFA', () => {
  let t: TestApp;
  const secrets: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  async function enrolAndActivate(user: TestUser): Promise<{ secret: string; backupCodes: string[]; accessToken: string }> {
    const session = await signIn(t, user);
    secrets.push(session.accessToken, session.refreshToken);
    const enrol = await call(t, 'POST', '/api/auth/mfa/enrol', { token: session.accessToken });
    expect(enrol.status).toBe(200);
    const { secret, otpauthUri } = enrol.body;
    secrets.push(secret);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/VoiceDesk:/);
    expect(otpauthUri).toContain(`secret=${secret}`);
    const activate = await call(t, 'POST', '/api/auth/mfa/activate', { token: session.accessToken, body: { code: await totp(secret) } });
    expect(activate.status).toBe(200);
    expect(Object.keys(activate.body)).toEqual(['backupCodes']);
    secrets.push(...activate.body.backupCodes);
    return { secret, backupCodes: activate.body.backupCodes, accessToken: session.accessToken };
  }

  it('enrolment stores the secret encrypted, and activation answers 10 one-time backup codes', async () => {
    const manager = await createManager(t.db.dataSource);
    const { secret, backupCodes } = await enrolAndActivate(manager);
    expect(backupCodes).toHaveLength(10);
    expect(new Set(backupCodes).size).toBe(10);
    for (const code of backupCodes) expect(code).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/);
    const [row] = await t.db.dataSource.query('SELECT mfa_enabled, mfa_secret_enc, mfa_backup_code_hashes FROM users WHERE id = $1', [manager.id]);
    expect(row.mfa_enabled).toBe(true);
    expect(row.mfa_secret_enc).toMatch(/^v1:[A-Za-z0-9_-]+:/);
    expect(row.mfa_secret_enc).not.toContain(secret);
    expect(row.mfa_backup_code_hashes).toHaveLength(10);
    for (const hash of row.mfa_backup_code_hashes) expect(hash).toMatch(/^\$argon2id\$/);
  });

  it('a wrong code does not activate MFA', async () => {
    const manager = await createManager(t.db.dataSource);
    const session = await signIn(t, manager);
    const enrol = await call(t, 'POST', '/api/auth/mfa/enrol', { token: session.accessToken });
    secrets.push(enrol.body.secret);
    const wrong = await call(t, 'POST', '/api/auth/mfa/activate', { token: session.accessToken, body: { code: '000000' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].field).toBe('code');
    expect((await call(t, 'GET', '/api/auth/me', { token: session.accessToken })).body.mfaEnabled).toBe(false);
  });

  it('with MFA on, the password alone answers an MFA challenge; a TOTP code finishes the sign-in', async () => {
    const manager = await createManager(t.db.dataSource);
    const { secret } = await enrolAndActivate(manager);
    const login = await call(t, 'POST', '/api/auth/login', { body: { email: manager.email, password: manager.password }, ip: freshIp() });
    expect(login.status).toBe(200);
    expect(Object.keys(login.body).sort()).toEqual(['mfaRequired', 'mfaToken']);
    expect(login.body.mfaRequired).toBe(true);
    secrets.push(login.body.mfaToken);
    // the challenge token is no session
    expect((await call(t, 'GET', '/api/auth/me', { token: login.body.mfaToken })).status).toBe(401);

    const wrong = await call(t, 'POST', '/api/auth/mfa/verify', { body: { mfaToken: login.body.mfaToken, code: '123456' } });
    expect(wrong.status).toBe(401);
    // activation used the current step: the next step's code is accepted (a step is never accepted twice)
    const code = await totp(secret, 1);
    const verify = await call(t, 'POST', '/api/auth/mfa/verify', { body: { mfaToken: login.body.mfaToken, code } });
    expect(verify.status).toBe(200);
    expect(verify.body.user).toMatchObject({ id: manager.id, role: 'clinic_manager' });
    secrets.push(verify.body.accessToken, verify.body.refreshToken);
    expect((await call(t, 'GET', '/api/auth/me', { token: verify.body.accessToken })).body.mfaEnabled).toBe(true);

    const replay = await call(t, 'POST', '/api/auth/mfa/verify', { body: { mfaToken: login.body.mfaToken, code } });
    expect(replay.status).toBe(401);
  });

  it('a backup code works once instead of a TOTP code', async () => {
    const manager = await createManager(t.db.dataSource);
    const { backupCodes } = await enrolAndActivate(manager);
    const challenge = async () =>
      (await call(t, 'POST', '/api/auth/login', { body: { email: manager.email, password: manager.password }, ip: freshIp() })).body.mfaToken;
    const first = await call(t, 'POST', '/api/auth/mfa/verify', { body: { mfaToken: await challenge(), code: backupCodes[3].toUpperCase() } });
    expect(first.status).toBe(200);
    secrets.push(first.body.accessToken, first.body.refreshToken);
    expect((await call(t, 'GET', '/api/auth/me', { token: first.body.accessToken })).body.backupCodesRemaining).toBe(9);
    const again = await call(t, 'POST', '/api/auth/mfa/verify', { body: { mfaToken: await challenge(), code: backupCodes[3] } });
    expect(again.status).toBe(401);
    const another = await call(t, 'POST', '/api/auth/mfa/verify', { body: { mfaToken: await challenge(), code: backupCodes[4] } });
    expect(another.status).toBe(200);
  });

  it('MFA codes are guessed at most 5 times before the account locks', async () => {
    const manager = await createManager(t.db.dataSource);
    await enrolAndActivate(manager);
    const login = await call(t, 'POST', '/api/auth/login', { body: { email: manager.email, password: manager.password }, ip: freshIp() });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await call(t, 'POST', '/api/auth/mfa/verify', { body: { mfaToken: login.body.mfaToken, code: `00000${i}` }, ip: freshIp() })).status);
    }
    // the password step counted as the first attempt
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
  });

  it('turning MFA off needs the password and a code', async () => {
    const manager = await createManager(t.db.dataSource);
    const { secret, accessToken } = await enrolAndActivate(manager);
    const noCode = await call(t, 'POST', '/api/auth/mfa/disable', { token: accessToken, body: { password: manager.password, code: '000000' }, ip: freshIp() });
    expect(noCode.status).toBe(400);
    const off = await call(t, 'POST', '/api/auth/mfa/disable', {
      token: accessToken,
      body: { password: manager.password, code: await totp(secret, 1) },
      ip: freshIp(),
    });
    expect(off.status).toBe(204);
    const login = await signIn(t, manager);
    expect(login.accessToken).toBeTruthy();
  });

  it('an MFA challenge token expires with the password: changing it invalidates pending challenges', async () => {
    const manager = await createManager(t.db.dataSource);
    const { secret, accessToken } = await enrolAndActivate(manager);
    const login = await call(t, 'POST', '/api/auth/login', { body: { email: manager.email, password: manager.password }, ip: freshIp() });
    const change = await call(t, 'POST', '/api/auth/password', {
      token: accessToken,
      body: { currentPassword: manager.password, newPassword: 'granite orchard whistle 77' },
      ip: freshIp(),
    });
    expect(change.status).toBe(200);
    const verify = await call(t, 'POST', '/api/auth/mfa/verify', { body: { mfaToken: login.body.mfaToken, code: await totp(secret, 1) } });
    expect(verify.status).toBe(401);
  });

  describe('when the platform requires MFA for admins', () => {
    let owner: TestUser;
    let ownerSession: { accessToken: string; refreshToken: string };

    beforeAll(async () => {
      owner = await createAdmin(t.db.dataSource);
      ownerSession = await signIn(t, owner);
      secrets.push(ownerSession.accessToken, ownerSession.refreshToken);
    });

    it('only admins read and change platform settings', async () => {
      const manager = await createManager(t.db.dataSource);
      const managerSession = await signIn(t, manager);
      expect((await call(t, 'GET', '/api/platform/settings', { token: managerSession.accessToken })).status).toBe(403);
      expect((await call(t, 'PUT', '/api/platform/settings', { token: managerSession.accessToken, body: { requireMfaForAdmins: true } })).status).toBe(403);
      const get = await call(t, 'GET', '/api/platform/settings', { token: ownerSession.accessToken });
      expect(get.body).toEqual({ requireMfaForAdmins: false });
      const put = await call(t, 'PUT', '/api/platform/settings', { token: ownerSession.accessToken, body: { requireMfaForAdmins: true } });
      expect(put.status).toBe(200);
      expect(put.body).toEqual({ requireMfaForAdmins: true });
      const invalid = await call(t, 'PUT', '/api/platform/settings', { token: ownerSession.accessToken, body: { requireMfaForAdmins: 'yes' } });
      expect(invalid.status).toBe(400);
    });

    it('an admin without MFA must enrol at sign-in; the enrolment token opens only enrol/activate, and activation completes the sign-in', async () => {
      const admin = await createAdmin(t.db.dataSource);
      const login = await call(t, 'POST', '/api/auth/login', { body: { email: admin.email, password: admin.password }, ip: freshIp() });
      expect(login.status).toBe(200);
      expect(login.body).toEqual({ mfaEnrolmentRequired: true, mfaToken: expect.any(String) });
      const enrolmentToken = login.body.mfaToken;
      secrets.push(enrolmentToken);
      expect((await call(t, 'GET', '/api/auth/me', { token: enrolmentToken })).status).toBe(401);
      expect((await call(t, 'GET', '/api/users', { token: enrolmentToken })).status).toBe(401);
      expect((await call(t, 'POST', '/api/auth/mfa/verify', { body: { mfaToken: enrolmentToken, code: '123456' } })).status).toBe(401);

      const enrol = await call(t, 'POST', '/api/auth/mfa/enrol', { token: enrolmentToken });
      expect(enrol.status).toBe(200);
      secrets.push(enrol.body.secret);
      const activate = await call(t, 'POST', '/api/auth/mfa/activate', { token: enrolmentToken, body: { code: await totp(enrol.body.secret) } });
      expect(activate.status).toBe(200);
      expect(activate.body.backupCodes).toHaveLength(10);
      expect(activate.body.user).toMatchObject({ id: admin.id, role: 'platform_admin' });
      secrets.push(activate.body.accessToken, activate.body.refreshToken, ...activate.body.backupCodes);
      expect((await call(t, 'GET', '/api/auth/me', { token: activate.body.accessToken })).body.mfaEnabled).toBe(true);

      // from now on the admin signs in with the password and a code, and cannot turn MFA off
      const next = await call(t, 'POST', '/api/auth/login', { body: { email: admin.email, password: admin.password }, ip: freshIp() });
      expect(next.body.mfaRequired).toBe(true);
      const off = await call(t, 'POST', '/api/auth/mfa/disable', {
        token: activate.body.accessToken,
        body: { password: admin.password, code: activate.body.backupCodes[0] },
        ip: freshIp(),
      });
      expect(off.status).toBe(409);
    });

    it('managers are not affected', async () => {
      const manager = await createManager(t.db.dataSource);
      const session = await signIn(t, manager);
      expect(session.user.role).toBe('clinic_manager');
    });

    it('an admin session without MFA cannot be refreshed any more', async () => {
      const refresh = await call(t, 'POST', '/api/auth/refresh', { body: { refreshToken: ownerSession.refreshToken } });
      expect(refresh.status).toBe(401);
    });
  });

  it('no TOTP secret, code, backup code or token appears in the logs', async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const logs = t.logLines.join('\n');
    expect(logs).toContain('/api/auth/mfa/verify');
    for (const secret of secrets) expect(logs).not.toContain(secret);
  });
});
