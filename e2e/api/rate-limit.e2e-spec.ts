import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditService } from '../../apps/api/src/audit/audit.service.js';
import { createTestApp, type TestApp } from '../../libs/testing/src/app.js';
import { createManager, randomSuffix } from '../../libs/testing/src/factories.js';
import { call, freshIp, signIn } from '../../libs/testing/src/http.js';

/** Rate limits over real HTTP, with the limits set through the environment like production. */

function expectTooMany(response: { status: number; body: any; headers: Headers }) {
  expect(response.status).toBe(429);
  expect(response.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(/Try again in \d+ seconds?/), errors: [] });
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
}

describe('the general limit: 100 requests a minute per client', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '100', RATE_LIMIT_AUTH_PER_MINUTE: '100' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers the 101st request of a signed-in user 429 with Retry-After, and audits a refused change as denied', async () => {
    const manager = await createManager(t.db.dataSource);
    const { accessToken, refreshToken } = await signIn(t, manager);
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) statuses.push((await call(t, 'GET', '/api/auth/me', { token: accessToken, ip })).status);
    expect(statuses.every((s) => s === 200)).toBe(true);

    const refused = await call(t, 'POST', '/api/auth/logout', { token: accessToken, ip, body: { refreshToken } });
    expectTooMany(refused);
    await t.app.get(AuditService).flush();
    const rows = await t.db.dataSource.query(`SELECT action, outcome, status_code, user_id FROM audit_logs WHERE ip_address = $1`, [ip]);
    expect(rows).toEqual([{ action: 'auth.logout', outcome: 'denied', status_code: 429, user_id: manager.id }]);
  });

  it('never limits health checks', async () => {
    const ip = freshIp();
    for (let i = 0; i < 110; i++) {
      const response = await call(t, 'GET', '/api/health', { ip });
      expect(response.status).toBe(200);
    }
  });
});

describe('counters per user, per address, and stricter on sign-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '5', RATE_LIMIT_AUTH_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts two signed-in users behind one address apart', async () => {
    const a = await createManager(t.db.dataSource);
    const b = await createManager(t.db.dataSource);
    const tokenA = (await signIn(t, a, freshIp())).accessToken;
    const tokenB = (await signIn(t, b, freshIp())).accessToken;
    const office = freshIp();
    for (let i = 0; i < 5; i++) expect((await call(t, 'GET', '/api/auth/me', { token: tokenA, ip: office })).status).toBe(200);
    expectTooMany(await call(t, 'GET', '/api/auth/me', { token: tokenA, ip: office }));
    // the same user from another address is still the same client
    expectTooMany(await call(t, 'GET', '/api/auth/me', { token: tokenA, ip: freshIp() }));
    for (let i = 0; i < 5; i++) expect((await call(t, 'GET', '/api/auth/me', { token: tokenB, ip: office })).status).toBe(200);
    expectTooMany(await call(t, 'GET', '/api/auth/me', { token: tokenB, ip: office }));
    // the limit ran after the access guard (it saw the user): no warning about the guard order
    expect(t.logLines.join('\n')).not.toContain('Rate limiting runs before the access guard');
  });

  it('limits sign-in attempts per address more strictly than the rest, without touching other addresses', async () => {
    const ip = freshIp();
    const attempt = (from: string) =>
      call(t, 'POST', '/api/auth/login', { ip: from, body: { email: `nobody-${randomSuffix()}@test.example`, password: 'wrong password 1' } });
    for (let i = 0; i < 3; i++) expect((await attempt(ip)).status).toBe(401);
    expectTooMany(await attempt(ip));
    expect((await attempt(freshIp())).status).toBe(401);
  });

  it('counts refresh per address on its own (a locked-out login does not block refreshing)', async () => {
    const ip = freshIp();
    for (let i = 0; i < 3; i++) {
      await call(t, 'POST', '/api/auth/login', { ip, body: { email: `x-${randomSuffix()}@test.example`, password: 'wrong password 1' } });
    }
    expect((await call(t, 'POST', '/api/auth/login', { ip, body: { email: 'y@test.example', password: 'wrong password 1' } })).status).toBe(429);
    const refresh = await call(t, 'POST', '/api/auth/refresh', { ip, body: { refreshToken: 'not-a-token' } });
    expect(refresh.status).not.toBe(429);
  });
});
