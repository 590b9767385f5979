import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../libs/testing/src/app.js';

describe('GET /api/health', () => {
  let ready: TestApp;
  let unmigrated: TestApp;
  beforeAll(async () => {
    [ready, unmigrated] = await Promise.all([createTestApp(), createTestApp({}, { migrated: false })]);
  });
  afterAll(async () => {
    await Promise.all([ready?.close(), unmigrated?.close()]);
  });

  it('answers 200 without a token when the database is reachable and migrations are current', async () => {
    const response = await fetch(`${ready.baseUrl}/api/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; info: unknown };
    expect(body.status).toBe('ok');
    expect(body.info).toMatchObject({ database: { status: 'up' }, migrations: { status: 'up' } });
  });

  it('answers 503 and names the problem when migrations are pending', async () => {
    const response = await fetch(`${unmigrated.baseUrl}/api/health`);
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(JSON.stringify(body)).toContain('Database migrations are pending');
  });

  it('sends security headers and keeps CORS closed by default', async () => {
    const response = await fetch(`${ready.baseUrl}/api/health`, { headers: { Origin: 'https://evil.example' } });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers unknown routes with the error shape and malformed JSON with a clear 400', async () => {
    const missing = await fetch(`${ready.baseUrl}/api/no-such-route`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ statusCode: 404, error: 'Not Found', errors: [] });
    const malformed = await fetch(`${ready.baseUrl}/api/health`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"oops":',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });
});
