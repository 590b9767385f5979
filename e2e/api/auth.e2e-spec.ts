import { JwtService } from '@nestjs/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../libs/testing/src/app.js';
import { createAdmin, createManager, createUser, TEST_PASSWORD } from '../../libs/testing/src/factories.js';
import { call, freshIp, signIn } from '../../libs/testing/src/http.js';
import { UserRole } from '../../apps/api/src/database/enums.js';
import { PasswordHasher } from '../../apps/api/src/auth/password-hasher.js';

describe('signing in, sessions and their revocation', () => {
  let t: TestApp;
  /** every secret the suite handled: none may appear in a log line */
  const secrets: string[] = [TEST_PASSWORD];

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const remember = <T extends { accessToken?: string; refreshToken?: string }>(session: T): T => {
    if (session.accessToken) secrets.push(session.accessToken);
    if (session.refreshToken) secrets.push(session.refreshToken);
    return session;
  };

  it('a manager signs in and the access token opens /api/auth/me', async () => {
    const manager = await createManager(t.db.dataSource);
    const login = await call(t, 'POST', '/api/auth/login', { body: { email: manager.email, password: manager.password }, ip: freshIp() });
    expect(login.status).toBe(200);
    remember(login.body);
    expect(login.body.user).toEqual({ id: manager.id, email: manager.email, role: 'clinic_manager', clinicId: manager.clinicId, name: 'Test Manager', mustChangePassword: false });
    expect(login.body.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const me = await call(t, 'GET', '/api/auth/me', { token: login.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: manager.id, email: manager.email, role: 'clinic_manager', mfaEnabled: false });
    expect(JSON.stringify(me.body)).not.toMatch(/hash|secret/i);
  });

  it('the email is matched case-insensitively and the stored hash is upgraded to argon2id m=19456,t=2,p=1', async () => {
    const admin = await createAdmin(t.db.dataSource);
    remember(await signIn(t, { email: admin.email.toUpperCase(), password: admin.password }));
    const [{ password_hash }] = await t.db.dataSource.query('SELECT password_hash FROM users WHERE id = $1', [admin.id]);
    expect(password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
  });

  it('a wrong password and an unknown email get the same 401, after the same argon2id work', async () => {
    const manager = await createManager(t.db.dataSource);
    await signIn(t, manager); // upgrades the hash to the production parameters
    const ip = freshIp();
    const attempt = async (email: string) => ({
      response: await call(t, 'POST', '/api/auth/login', { body: { email, password: 'not the password 1' }, ip }),
    });
    // the work that sets the answer's time, observed rather than timed (a stopwatch on a shared machine can flake):
    // every argon2 verification the sign-in runs, with the parameters of the hash it checks against
    const hasher = t.app.get(PasswordHasher);
    const verified: string[] = [];
    const verify = hasher.verify.bind(hasher);
    hasher.verify = async (hash: string, password: string) => {
      verified.push(hash.split('$').slice(1, 4).join('$'));
      return verify(hash, password);
    };
    try {
      const wrong = await attempt(manager.email);
      const wrongWork = verified.splice(0);
      const unknown = await attempt(`nobody-${manager.id}@test.example`);
      const unknownWork = verified.splice(0);
      expect(wrong.response.status).toBe(401);
      expect(unknown.response.status).toBe(401);
      expect(unknown.response.body).toEqual(wrong.response.body);
      expect(wrong.response.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', message: 'Email or password is incorrect', errors: [] });
      // one verification each, against argon2id hashes of the same (production) parameters
      const [{ password_hash }] = await t.db.dataSource.query('SELECT password_hash FROM users WHERE id = $1', [manager.id]);
      expect(wrongWork).toEqual([password_hash.split('$').slice(1, 4).join('$')]);
      expect(wrongWork[0]).toMatch(/^argon2id\$v=19\$m=19456,/);
      expect(unknownWork).toEqual(wrongWork);
    } finally {
      hasher.verify = verify;
    }
  });

  it('a deactivated user gets the same 401 as a wrong password', async () => {
    const manager = await createUser(t.db.dataSource, { role: UserRole.ClinicManager, clinicId: (await createManager(t.db.dataSource)).clinicId, isActive: false });
    const response = await call(t, 'POST', '/api/auth/login', { body: { email: manager.email, password: manager.password }, ip: freshIp() });
    expect(response.status).toBe(401);
    expect(response.body.message).toBe('Email or password is incorrect');
  });

  it('after 5 failures the 6th attempt is answered 429 with Retry-After, even with the right password', async () => {
    const manager = await createManager(t.db.dataSource);
    const ip = freshIp();
    for (let i = 1; i <= 5; i++) {
      const response = await call(t, 'POST', '/api/auth/login', { body: { email: manager.email, password: `wrong password ${i}` }, ip });
      expect(response.status, `attempt ${i}`).toBe(401);
    }
    const sixth = await call(t, 'POST', '/api/auth/login', { body: { email: manager.email, password: manager.password }, ip: freshIp() });
    expect(sixth.status).toBe(429);
    expect(sixth.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(sixth.body.message).toMatch(/Too many failed sign-in attempts\. Try again in 15 minutes/);
    const retryAfter = Number(sixth.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
  });

  it('an unknown email locks the same way, so a lock reveals nothing about which accounts exist', async () => {
    const email = `ghost-${Date.now()}@test.example`;
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 1; i <= 6; i++) {
      statuses.push((await call(t, 'POST', '/api/auth/login', { body: { email, password: `guess number ${i}` }, ip })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('one address that fails against many accounts is locked too', async () => {
    const ip = freshIp();
    let status = 0;
    let attempts = 0;
    while (attempts < 31) {
      attempts += 1;
      status = (await call(t, 'POST', '/api/auth/login', { body: { email: `spray-${attempts}@test.example`, password: 'Winter2026!!' }, ip })).status;
      if (status === 429) break;
      expect(status).toBe(401);
    }
    expect(attempts).toBe(31);
    expect(status).toBe(429);
    // another address is not affected
    const admin = await createAdmin(t.db.dataSource);
    remember(await signIn(t, admin, freshIp()));
  });

  it('lockout state lives in PostgreSQL (shared by every replica), keyed by hashes only', async () => {
    const rows: { key: string }[] = await t.db.dataSource.query('SELECT key FROM auth_throttles');
    expect(rows.length).toBeGreaterThan(0);
    for (const { key } of rows) expect(key).toMatch(/^(account|ip):[0-9a-f]{64}$/);
  });

  it('refresh rotates the token; reusing the old one kills the whole family, the new one too', async () => {
    const manager = await createManager(t.db.dataSource);
    const first = remember(await signIn(t, manager));
    const rotated = await call(t, 'POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(rotated.status).toBe(200);
    remember(rotated.body);
    expect(Object.keys(rotated.body).sort()).toEqual(['accessToken', 'refreshToken']);
    expect(rotated.body.refreshToken).not.toBe(first.refreshToken);
    expect((await call(t, 'GET', '/api/auth/me', { token: rotated.body.accessToken })).status).toBe(200);

    const reuse = await call(t, 'POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(reuse.status).toBe(401);
    const afterReuse = await call(t, 'POST', '/api/auth/refresh', { body: { refreshToken: rotated.body.refreshToken } });
    expect(afterReuse.status).toBe(401);
    const stored: { token_hash: string; revoked_reason: string }[] = await t.db.dataSource.query(
      'SELECT token_hash, revoked_reason FROM refresh_tokens WHERE user_id = $1 ORDER BY created_at',
      [manager.id],
    );
    expect(stored.map((r) => r.revoked_reason)).toEqual(['rotated', 'reuse_detected']);
    for (const row of stored) expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('another sign-in of the same user is a separate family and survives the reuse', async () => {
    const manager = await createManager(t.db.dataSource);
    const laptop = remember(await signIn(t, manager));
    const phone = remember(await signIn(t, manager));
    const rotated = await call(t, 'POST', '/api/auth/refresh', { body: { refreshToken: laptop.refreshToken } });
    expect((await call(t, 'POST', '/api/auth/refresh', { body: { refreshToken: laptop.refreshToken } })).status).toBe(401);
    expect((await call(t, 'POST', '/api/auth/refresh', { body: { refreshToken: rotated.body.refreshToken } })).status).toBe(401);
    const phoneRefresh = await call(t, 'POST', '/api/auth/refresh', { body: { refreshToken: phone.refreshToken } });
    expect(phoneRefresh.status).toBe(200);
    remember(phoneRefresh.body);
  });

  it('an unknown or malformed refresh token is a 401 / 400', async () => {
    expect((await call(t, 'POST', '/api/auth/refresh', { body: { refreshToken: 'A'.repeat(43) } })).status).toBe(401);
    const missing = await call(t, 'POST', '/api/auth/refresh', { body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toContain('refreshToken');
  });

  it('logout revokes the refresh token and everything rotated from it; it needs a session', async () => {
    const manager = await createManager(t.db.dataSource);
    const session = remember(await signIn(t, manager));
    const rotated = remember((await call(t, 'POST', '/api/auth/refresh', { body: { refreshToken: session.refreshToken } })).body);
    expect((await call(t, 'POST', '/api/auth/logout', { body: { refreshToken: rotated.refreshToken } })).status).toBe(401);
    const logout = await call(t, 'POST', '/api/auth/logout', { token: rotated.accessToken, body: { refreshToken: rotated.refreshToken } });
    expect(logout.status).toBe(204);
    expect((await call(t, 'POST', '/api/auth/refresh', { body: { refreshToken: rotated.refreshToken } })).status).toBe(401);
  });

  it("a manager cannot log out someone else's session", async () => {
    const victim = await createManager(t.db.dataSource);
    const attacker = await createManager(t.db.dataSource);
    const victimSession = remember(await signIn(t, victim));
    const attackerSession = remember(await signIn(t, attacker));
    await call(t, 'POST', '/api/auth/logout', { token: attackerSession.accessToken, body: { refreshToken: victimSession.refreshToken } });
    const refresh = await call(t, 'POST', '/api/auth/refresh', { body: { refreshToken: victimSession.refreshToken } });
    expect(refresh.status).toBe(200);
    remember(refresh.body);
  });

  it('changing the password ends old refresh and access tokens and answers a working new session', async () => {
    const manager = await createManager(t.db.dataSource);
    const other = remember(await signIn(t, manager));
    const current = remember(await signIn(t, manager));
    const newPassword = 'granite orchard whistle 77';
    secrets.push(newPassword);
    const change = await call(t, 'POST', '/api/auth/password', {
      token: current.accessToken,
      body: { currentPassword: manager.password, newPassword },
      ip: freshIp(),
    });
    expect(change.status).toBe(200);
    remember(change.body);
    expect((await call(t, 'GET', '/api/auth/me', { token: other.accessToken })).status).toBe(401);
    expect((await call(t, 'GET', '/api/auth/me', { token: current.accessToken })).status).toBe(401);
    expect((await call(t, 'POST', '/api/auth/refresh', { body: { refreshToken: other.refreshToken } })).status).toBe(401);
    expect((await call(t, 'POST', '/api/auth/refresh', { body: { refreshToken: current.refreshToken } })).status).toBe(401);
    expect((await call(t, 'GET', '/api/auth/me', { token: change.body.accessToken })).status).toBe(200);
    const refreshed = await call(t, 'POST', '/api/auth/refresh', { body: { refreshToken: change.body.refreshToken } });
    expect(refreshed.status).toBe(200);
    remember(refreshed.body);
    expect((await call(t, 'POST', '/api/auth/login', { body: { email: manager.email, password: manager.password }, ip: freshIp() })).status).toBe(401);
    remember(await signIn(t, { email: manager.email, password: newPassword }));
  });

  it('a new password must follow the policy, and the current one must be right', async () => {
    const manager = await createManager(t.db.dataSource);
    const session = remember(await signIn(t, manager));
    const change = (currentPassword: string, newPassword: string) =>
      call(t, 'POST', '/api/auth/password', { token: session.accessToken, body: { currentPassword, newPassword }, ip: freshIp() });
    const short = await change(manager.password, 'short1!');
    expect(short.status).toBe(400);
    expect(short.body.errors).toEqual([{ field: 'newPassword', message: 'This password is too short: use at least 12 characters' }]);
    expect((await change(manager.password, manager.email)).body.errors[0].message).toBe('This password must not be your email address');
    expect((await change(manager.password, 'Password1234')).body.errors[0].message).toBe('This password is too common; choose a longer passphrase');
    const wrongCurrent = await change('not my password at all', 'granite orchard whistle 77');
    expect(wrongCurrent.status).toBe(400);
    expect(wrongCurrent.body.errors[0].field).toBe('currentPassword');
    expect((await call(t, 'GET', '/api/auth/me', { token: session.accessToken })).status).toBe(200);
  });

  it('access tokens with a wrong audience, issuer, algorithm or signature, expired, or alg none are refused', async () => {
    const manager = await createManager(t.db.dataSource);
    const session = remember(await signIn(t, manager));
    const jwt = new JwtService();
    const [{ token_version: tv }] = await t.db.dataSource.query('SELECT token_version FROM users WHERE id = $1', [manager.id]);
    const good = { secret: t.config.jwtSecret, issuer: t.config.jwtIssuer, audience: t.config.jwtAudience, subject: manager.id, expiresIn: 600 };
    const sign = (overrides: Record<string, unknown>, payload: Record<string, unknown> = { tv }) =>
      jwt.sign(payload, { algorithm: 'HS256', ...good, ...overrides } as never);
    // the control: a hand-made token with the right settings works, so the refusals below are meaningful
    expect((await call(t, 'GET', '/api/auth/me', { token: sign({}) })).status).toBe(200);

    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: manager.id, tv, iss: t.config.jwtIssuer, aud: t.config.jwtAudience, iat: now, exp: now + 600 };
    const bad: Record<string, string> = {
      'wrong audience': sign({ audience: 'someone-else' }),
      'mfa audience': sign({ audience: `${t.config.jwtAudience}:mfa` }),
      'wrong issuer': sign({ issuer: 'evil' }),
      HS512: sign({ algorithm: 'HS512' }),
      'wrong secret': sign({ secret: 'x'.repeat(48) }),
      expired: jwt.sign({ tv, iat: now - 1200, exp: now - 300 }, { secret: t.config.jwtSecret, issuer: t.config.jwtIssuer, audience: t.config.jwtAudience, subject: manager.id }),
      'too long-lived': sign({ expiresIn: 3600 * 24 }, { tv, iat: now - 3600 }),
      'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
      'old generation': sign({}, { tv: tv - 1 }),
      'no sub': jwt.sign({ tv }, { algorithm: 'HS256', secret: t.config.jwtSecret, issuer: t.config.jwtIssuer, audience: t.config.jwtAudience, expiresIn: 600 }),
      'sub not a uuid': sign({ subject: "1' OR 1=1 --" }),
      'refresh token as bearer': session.refreshToken,
    };
    for (const [name, token] of Object.entries(bad)) {
      const response = await call(t, 'GET', '/api/auth/me', { token });
      expect(response.status, name).toBe(401);
      expect(response.body.message, name).toBe('Sign in to continue: the access token is missing, invalid, expired or revoked');
    }
  });

  it('access tokens expire within 15 minutes and carry no role or PHI', async () => {
    const manager = await createManager(t.db.dataSource);
    const session = remember(await signIn(t, manager));
    const [header, payload] = session.accessToken.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    expect(header.alg).toBe('HS256');
    expect(payload.exp - payload.iat).toBeLessThanOrEqual(15 * 60);
    expect(payload).toMatchObject({ sub: manager.id, iss: t.config.jwtIssuer, aud: t.config.jwtAudience });
    expect(Object.keys(payload).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'sub', 'tv']);
  });

  it('every route is closed by default; health and the API document are open', async () => {
    expect((await call(t, 'GET', '/api/auth/me')).status).toBe(401);
    expect((await call(t, 'GET', '/api/users')).status).toBe(401);
    expect((await call(t, 'GET', '/api/platform/settings')).status).toBe(401);
    expect((await call(t, 'GET', '/api/health')).status).toBe(200);
    expect((await call(t, 'GET', '/api/openapi.json')).status).toBe(200);
  });

  it('no password, token or hash ever appears in the logs', async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const logs = t.logLines.join('\n');
    expect(logs).toContain('/api/auth/login');
    for (const secret of secrets) expect(logs).not.toContain(secret);
    expect(logs).not.toContain('$argon2id$');
    expect(logs).not.toContain(t.config.jwtSecret);
  });
});
