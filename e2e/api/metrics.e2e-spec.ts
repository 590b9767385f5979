import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../libs/testing/src/app.js';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';
import { randomPhone } from '../../libs/testing/src/factories.js';
import { startTestOscarSim, type TestOscarSim } from '../../libs/testing/src/oscar-sim.js';
import { newCall, postVapi, toolAnswer, toolCallsMessage, type VapiAuth } from '../../libs/testing/src/vapi-messages.js';

const SECRET = 'platform-webhook-secret-for-metrics-01';
const TOKEN = 'metrics-token-Xy7Qw2Er9Ty4Ui8Op3As6Df1';
const auth: VapiAuth = { kind: 'x-vapi-secret', secret: SECRET };

/** The value of one sample (`name{labels} value`) in a Prometheus text exposition; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = Object.fromEntries([...(match[3] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => have[key] === value)) return Number(match[4]);
  }
  return undefined;
}

describe('GET /api/metrics (Prometheus text, behind METRICS_TOKEN)', () => {
  let s: ApiSuite;
  let closed: TestApp;
  let sim: TestOscarSim;

  beforeAll(async () => {
    sim = await startTestOscarSim({ badPasswordDelayMs: 0 });
    // one after the other, the suite's app last: apps in one process share passport's strategies, and the last one
    // registered checks every access token (the suite's admin is in the suite's database)
    closed = await createTestApp();
    s = await startApiSuite({ VAPI_WEBHOOK_SECRET: SECRET, METRICS_TOKEN: TOKEN });
  });
  afterAll(async () => {
    await Promise.all([s?.t.close(), closed?.close()]);
    await sim?.close();
  });
  beforeEach(async () => {
    await sim.control.reset({ counters: true, faults: true });
  });

  async function scrape(): Promise<string> {
    const response = await fetch(`${s.t.baseUrl}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    return response.text();
  }

  async function voiceClinic() {
    const vapiPhone = randomPhone();
    const clinic = await s.newClinic({ vapiPhone, timezone: sim.data.timezone });
    expect((await s.connectToSim(clinic.id, sim)).status).toBe(200);
    return { id: clinic.id as string, vapiPhone };
  }

  async function tool(clinic: { vapiPhone: string }, name: string, caller = randomPhone()) {
    const reply = await postVapi(s.t, toolCallsMessage(newCall({ caller, dialled: clinic.vapiPhone }), [{ name }]), auth);
    expect(reply.status).toBe(200);
    return toolAnswer(reply);
  }

  it('does not exist when METRICS_TOKEN is unset: 404, like any unknown path', async () => {
    const response = await fetch(`${closed.baseUrl}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ statusCode: 404, error: 'Not Found', message: 'Cannot GET /api/metrics' });
  });

  it('refuses a scrape without the token or with another one (401, Bearer challenge), and names no metric', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-the-metrics-token-000000000' }, { authorization: TOKEN }, { authorization: `Bearer ${TOKEN}x` }]) {
      const response = await fetch(`${s.t.baseUrl}/api/metrics`, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      const text = await response.text();
      expect(text).not.toContain('voicedesk_');
      expect(text).toContain('metrics token');
    }
    await scrape();
    expect(s.t.logLines.join('\n')).not.toContain(TOKEN.slice(8));
  });

  it('with the token: Prometheus text with the process metrics, the job queues and the texts by status, and stays out of the OpenAPI document', async () => {
    const response = await fetch(`${s.t.baseUrl}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'voicedesk_job_queue_jobs', { queue: 'sms.send', state: 'created' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'voicedesk_job_queue_jobs', { queue: 'sms.send', state: 'failed' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'voicedesk_texts', { status: 'queued' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'voicedesk_texts', { status: 'failed' })).toBeGreaterThanOrEqual(0);
    const openapi = (await (await fetch(`${s.t.baseUrl}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).not.toContain('/api/metrics');
  });

  it('counts a text written to the queue at the next scrape', async () => {
    const clinic = await voiceClinic();
    const before = sample(await scrape(), 'voicedesk_texts', { status: 'queued' }) ?? 0;
    await s.t.db.dataSource.query(
      `INSERT INTO sms_messages (clinic_id, direction, to_e164, from_e164, body, status) VALUES ($1, 'outbound', '+16045550100', '+16045550101', 'Your appointment', 'queued')`,
      [clinic.id],
    );
    expect(sample(await scrape(), 'voicedesk_texts', { status: 'queued' })).toBe(before + 1);
  });

  it('a tool call moves the latency histogram of its tool and answer; an EMR call is counted by clinic, operation and outcome; no phone number appears', async () => {
    const clinic = await voiceClinic();
    const caller = '+16045550142';
    const before = await scrape();
    const count = (text: string, tool: string, answer: string) => sample(text, 'voicedesk_tool_call_duration_seconds_count', { tool, answer }) ?? 0;
    const emr = (text: string, outcome: string) =>
      sample(text, 'voicedesk_emr_calls_total', { clinic_id: clinic.id, operation: 'DemographicService.searchDemographicsByAttributes', outcome }) ?? 0;

    expect((await tool(clinic, 'get_clinic_info', caller)).ok).toBe(true);
    expect((await tool(clinic, 'search_patient_by_phone', caller)).data).toMatchObject({ found: true });
    expect((await tool(clinic, 'no_such_tool', caller)).data).toMatchObject({ code: 'UNKNOWN_TOOL' });

    const after = await scrape();
    expect(count(after, 'get_clinic_info', 'OK')).toBe(count(before, 'get_clinic_info', 'OK') + 1);
    expect(count(after, 'search_patient_by_phone', 'OK')).toBe(count(before, 'search_patient_by_phone', 'OK') + 1);
    expect(count(after, 'unknown', 'UNKNOWN_TOOL')).toBe(count(before, 'unknown', 'UNKNOWN_TOOL') + 1);
    expect(sample(after, 'voicedesk_tool_call_duration_seconds_bucket', { tool: 'get_clinic_info', answer: 'OK', le: '+Inf' })).toBe(count(after, 'get_clinic_info', 'OK'));
    expect(after).not.toContain('no_such_tool');
    expect(emr(after, 'ok')).toBe(emr(before, 'ok') + 1);
    expect(sample(after, 'voicedesk_emr_call_duration_seconds_count', { clinic_id: clinic.id, kind: 'read' })).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'voicedesk_emr_breaker_state', { clinic_id: clinic.id })).toBe(0);
    expect(sample(after, 'voicedesk_emr_bulkhead_calls', { clinic_id: clinic.id, state: 'queued' })).toBe(0);
    for (const phone of [caller, '6045550142', '604-555-0142', clinic.vapiPhone]) expect(after).not.toContain(phone);
  });

  it('shows a clinic’s breaker open (2) once its EMR keeps failing, with the failures and the paused calls counted', async () => {
    const clinic = await voiceClinic();
    const other = await voiceClinic();
    expect((await tool(other, 'search_patient_by_phone')).ok).toBe(true);
    await sim.control.setFaults({ errorRate: 1 });
    const state = async () => sample(await scrape(), 'voicedesk_emr_breaker_state', { clinic_id: clinic.id });
    // each failed search is 3 attempts (2 retries); the breaker opens at ≥ 50 % of ≥ 10 calls in 30 s
    for (let i = 0; i < 8 && (await state()) !== 2; i++) {
      expect((await tool(clinic, 'search_patient_by_phone')).data).toMatchObject({ code: 'EMR_UNAVAILABLE' });
    }
    const text = await scrape();
    expect(sample(text, 'voicedesk_emr_breaker_state', { clinic_id: clinic.id })).toBe(2);
    expect(sample(text, 'voicedesk_emr_breaker_state', { clinic_id: other.id })).toBe(0);
    const operation = 'DemographicService.searchDemographicsByAttributes';
    expect(sample(text, 'voicedesk_emr_calls_total', { clinic_id: clinic.id, operation, outcome: 'unavailable' })).toBeGreaterThanOrEqual(3);
    expect(await tool(clinic, 'search_patient_by_phone')).toMatchObject({ ok: false, data: { code: 'EMR_UNAVAILABLE' } });
    expect(sample(await scrape(), 'voicedesk_emr_calls_total', { clinic_id: clinic.id, operation, outcome: 'paused' })).toBeGreaterThanOrEqual(1);
  });
});
