import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../libs/testing/src/app.js';
import { createManager } from '../../libs/testing/src/factories.js';
import { call, freshIp, signIn } from '../../libs/testing/src/http.js';

/**
 * Session renewal (`POST /api/auth/refresh`) is limited per session, not per address: a clinic's
 * staff behind one router renew their sessions without sharing a counter, and one session that
 * renews too often is told so in words, with Retry-After, and stays valid. The limits are the
 * production defaults (10 sign-ins per address, 30 renewals per session).
 */
describe('session renewal, limited per session', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '10', RATE_LIMIT_REFRESH_PER_MINUTE: '30', RATE_LIMIT_PER_MINUTE: '100' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('14 sessions behind one address each renew (more than the 10 a minute an address may sign in)', async () => {
    const office = freshIp();
    const sessions = [];
    // signed in from several addresses (the sign-in limit is per address), renewing from one
    for (let i = 0; i < 14; i++) sessions.push(await signIn(t, await createManager(t.db.dataSource), freshIp()));
    for (const session of sessions) {
      const renewed = await call(t, 'POST', '/api/auth/refresh', { ip: office, body: { refreshToken: session.refreshToken } });
      expect(renewed.status).toBe(200);
      const me = await call(t, 'GET', '/api/auth/me', { token: renewed.body.accessToken, ip: office });
      expect(me.status).toBe(200);
    }
  });

  it('one session renewing on and on gets 429 in words with Retry-After, and the refusal ends nothing', async () => {
    const ip = freshIp();
    let { refreshToken } = await signIn(t, await createManager(t.db.dataSource), ip);
    for (let i = 0; i < 30; i++) {
      const renewed = await call(t, 'POST', '/api/auth/refresh', { ip, body: { refreshToken } });
      expect(renewed.status).toBe(200);
      refreshToken = renewed.body.refreshToken;
    }
    const refused = await call(t, 'POST', '/api/auth/refresh', { ip, body: { refreshToken } });
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(/^Too many requests\. Try again in \d+ seconds?\.$/), errors: [] });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);

    // the refusal spent nothing: the session was not revoked, and another session from the same address renews
    const [row] = await t.db.dataSource.query(
      `SELECT revoked_at FROM refresh_tokens WHERE token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
      [refreshToken],
    );
    expect(row.revoked_at).toBeNull();
    const other = await signIn(t, await createManager(t.db.dataSource), freshIp());
    expect((await call(t, 'POST', '/api/auth/refresh', { ip, body: { refreshToken: other.refreshToken } })).status).toBe(200);
  });

  it('tokens never issued are counted per address at the sign-in limit', async () => {
    const ip = freshIp();
    for (let i = 0; i < 10; i++) {
      expect((await call(t, 'POST', '/api/auth/refresh', { ip, body: { refreshToken: `guess-${i}` } })).status).toBe(401);
    }
    expect((await call(t, 'POST', '/api/auth/refresh', { ip, body: { refreshToken: 'guess-10' } })).status).toBe(429);
    // a real session renews from that address all the same
    const session = await signIn(t, await createManager(t.db.dataSource), freshIp());
    expect((await call(t, 'POST', '/api/auth/refresh', { ip, body: { refreshToken: session.refreshToken } })).status).toBe(200);
  });
});
