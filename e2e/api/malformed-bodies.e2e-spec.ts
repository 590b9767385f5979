import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditService } from '../../apps/api/src/audit/audit.service.js';
import { CallLog } from '../../apps/api/src/calls/call-log.entity.js';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';
import { randomPhone } from '../../libs/testing/src/factories.js';
import { endOfCallReport, newCall, postVapi, type VapiAuth } from '../../libs/testing/src/vapi-messages.js';

const PLATFORM_SECRET = 'platform-webhook-secret-malformed-0123456789';

/** What the gauntlet's fuzzing found: bodies that are not the JSON object a route takes. */
describe('a request body that is not the JSON object the route takes is a 400 in words, never a 500', () => {
  let s: ApiSuite;

  beforeAll(async () => {
    s = await startApiSuite({ VAPI_WEBHOOK_SECRET: PLATFORM_SECRET });
  });
  afterAll(async () => {
    await s?.t.close();
  });

  async function send(method: string, path: string, body: string, contentType: string) {
    const response = await fetch(`${s.t.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${s.adminToken}`, 'content-type': contentType },
      body,
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as { message?: string }) : undefined };
  }

  it.each([
    ['plain text', 'Harbourview', 'text/plain'],
    ['a form without the name', 'city=Vancouver', 'application/x-www-form-urlencoded'],
    ['JSON without the name', '{}', 'application/json'],
    ['a JSON array', '[{"name":"Harbourview"}]', 'application/json'],
    ['a JSON string', '"Harbourview"', 'application/json'],
    ['JSON null', 'null', 'application/json'],
    ['a JSON number', '42', 'application/json'],
  ])('creating a clinic from %s', async (_what, body, contentType) => {
    const response = await send('POST', '/api/clinics', body, contentType);
    expect({ status: response.status, message: response.body?.message }).toMatchObject({ status: 400, message: expect.stringMatching(/name|JSON/i) });
  });

  it('a NUL character (which PostgreSQL text cannot hold) is dropped from what is stored, and the request is in the audit trail', async () => {
    const response = await send('POST', '/api/clinics', JSON.stringify({ name: 'Harbour\u0000view', city: 'Van\u0000couver' }), 'application/json');
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ name: 'Harbourview', city: 'Vancouver' });
    await s.t.app.get(AuditService).flush();
    const [row] = (await s.t.db.dataSource.query(`SELECT status_code FROM audit_logs WHERE action = 'clinic.create' AND resource_id = $1`, [(response.body as { id: string }).id])) as { status_code: number }[];
    expect(row).toEqual({ status_code: 201 });
  });

  it('a clinic is still created from a proper JSON object', async () => {
    const response = await send('POST', '/api/clinics', JSON.stringify({ name: 'Harbourview Family Practice' }), 'application/json');
    expect(response.status).toBe(201);
  });

  it('an end-of-call report whose duration cannot be a call’s is recorded without it (not a 500, and the call log is kept)', async () => {
    const platform: VapiAuth = { kind: 'bearer', secret: PLATFORM_SECRET };
    const vapiPhone = randomPhone();
    await s.newClinic({ vapiPhone });
    const legacy = newCall({ caller: randomPhone(), dialled: vapiPhone });
    const huge = endOfCallReport(legacy, { legacy: true, durationSeconds: 1e12 });
    const ages = newCall({ caller: randomPhone(), dialled: vapiPhone });
    const span = endOfCallReport(ages);
    Object.assign(span.message, { startedAt: '1970-01-01T00:00:00.000Z', endedAt: '9999-12-31T23:59:59.000Z' });
    for (const [call, report] of [[legacy, huge], [ages, span]] as const) {
      expect((await postVapi(s.t, report, platform)).status).toBe(200);
      expect(await s.t.db.dataSource.getRepository(CallLog).findOneByOrFail({ vapiCallId: call.id })).toMatchObject({ durationSeconds: null });
    }
  });
});
