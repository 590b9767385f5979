import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../libs/testing/src/app.js';
import { call, freshIp } from '../../libs/testing/src/http.js';

/**
 * The sign-in, refresh and MFA limit holds across replicas (docs/rate-limits.md "Several
 * replicas"): its counters live in PostgreSQL, so a client spreading its attempts over two
 * replicas gets no more than the limit.
 */
describe('the sign-in limit with two replicas on one database', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '4' });
    b = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '4' }, { replicaOf: a });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('refresh attempts from one address alternating between the replicas are refused after the limit, not after twice the limit', async () => {
    const ip = freshIp();
    const attempt = (at: TestApp) => call(at, 'POST', '/api/auth/refresh', { ip, body: { refreshToken: 'not-a-token' } });
    const statuses: number[] = [];
    for (const at of [a, b, a, b]) statuses.push((await attempt(at)).status);
    expect(statuses.filter((status) => status === 429)).toEqual([]);
    const refused = await attempt(b);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await attempt(a)).status).toBe(429);
  });

  it('login attempts count the same way, per address: another address is not affected', async () => {
    const ip = freshIp();
    const login = (at: TestApp, from: string) => call(at, 'POST', '/api/auth/login', { ip: from, body: { email: `nobody-${from}@example.test`, password: 'wrong-password-123' } });
    for (const at of [b, a, b, a]) expect((await login(at, ip)).status).not.toBe(429);
    expect((await login(a, ip)).status).toBe(429);
    expect((await login(b, freshIp())).status).not.toBe(429);
  });
});
