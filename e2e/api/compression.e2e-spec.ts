import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';
import { CONSOLE_BUILD_DIR } from '../../libs/testing/src/console-app.js';
import { randomPhone } from '../../libs/testing/src/factories.js';
import { newCall, toolCallsMessage } from '../../libs/testing/src/vapi-messages.js';

/*
 * Responses are compressed for clients that accept it: the built console's files and the API's
 * JSON (brotli first, else gzip), never tiny bodies or a client that accepts neither; the Vapi
 * webhook and the metrics scrape keep working. Requests go through node:http, which (unlike
 * fetch) hands back the bytes as sent, so the test decompresses them itself.
 */

const SECRET = 'platform-webhook-secret-for-compression-01';
const METRICS_TOKEN = 'metrics-token-Compression-7Qw2Er9Ty4Ui8Op';

interface RawResponse {
  status: number;
  encoding: string | undefined;
  type: string | undefined;
  bytes: Buffer;
  /** the body as the client reads it, decompressed */
  text: string;
}

function raw(baseUrl: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request(new URL(path, baseUrl), { method, headers: body ? { 'content-type': 'application/json', ...headers } : headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const encoding = response.headers['content-encoding'];
        const plain = encoding === 'br' ? brotliDecompressSync(bytes) : encoding === 'gzip' ? gunzipSync(bytes) : bytes;
        resolve({ status: response.statusCode ?? 0, encoding, type: response.headers['content-type'], bytes, text: plain.toString('utf8') });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

describe('compressed responses', () => {
  let s: ApiSuite;
  let mainScript: string;

  beforeAll(async () => {
    // the suite's app serves the built console, as `npm start` does
    if (!existsSync(join(CONSOLE_BUILD_DIR, 'index.html'))) throw new Error(`No console build at ${CONSOLE_BUILD_DIR}: run \`npx nx run console:build\` first`);
    s = await startApiSuite({ CONSOLE_DIR: CONSOLE_BUILD_DIR, VAPI_WEBHOOK_SECRET: SECRET, METRICS_TOKEN });
    mainScript = readdirSync(CONSOLE_BUILD_DIR).find((f) => /^main-.*\.js$/.test(f))!;
  });
  afterAll(async () => {
    await s?.t.close();
  });

  it("the console's JavaScript goes brotli to a browser that accepts it, gzip to one that accepts only gzip, as it is to one that accepts neither", async () => {
    const original = readFileSync(join(CONSOLE_BUILD_DIR, mainScript), 'utf8');
    const br = await raw(s.t.baseUrl, 'GET', `/${mainScript}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.encoding).toBe('br');
    expect(br.text).toBe(original);
    expect(br.bytes.length).toBeLessThan(original.length / 2);

    const gzip = await raw(s.t.baseUrl, 'GET', `/${mainScript}`, { 'accept-encoding': 'gzip' });
    expect(gzip.encoding).toBe('gzip');
    expect(gzip.text).toBe(original);

    for (const headers of [{}, { 'accept-encoding': 'identity' }] as Record<string, string>[]) {
      const plain = await raw(s.t.baseUrl, 'GET', `/${mainScript}`, headers);
      expect(plain.encoding).toBeUndefined();
      expect(plain.bytes.toString('utf8')).toBe(original);
    }

    const page = await raw(s.t.baseUrl, 'GET', '/login', { 'accept-encoding': 'br' });
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.text).toContain(mainScript);
  });

  it('a JSON answer of the API is compressed when accepted; a tiny one and a client that accepts none get it as it is', async () => {
    const clinic = await s.newClinic();
    expect((await s.as(s.adminToken, 'POST', `/api/clinics/${clinic.id}/holidays/import`, { year: 2027 })).status).toBe(200);
    const path = `/api/clinics/${clinic.id}/holidays`;
    const auth = { authorization: `Bearer ${s.adminToken}` };

    const compressed = await raw(s.t.baseUrl, 'GET', path, { ...auth, 'accept-encoding': 'gzip, br' });
    expect(compressed.status).toBe(200);
    expect(compressed.encoding).toBe('br');
    expect(compressed.type).toMatch(/^application\/json/);
    const list = JSON.parse(compressed.text) as { items: unknown[] };
    expect(list.items).toHaveLength(10);

    const plain = await raw(s.t.baseUrl, 'GET', path, auth);
    expect(plain.encoding).toBeUndefined();
    expect(JSON.parse(plain.bytes.toString('utf8'))).toEqual(list);

    const tiny = await raw(s.t.baseUrl, 'GET', '/api/health', { 'accept-encoding': 'gzip, br' });
    expect(tiny.status).toBe(200);
    expect(tiny.bytes.length).toBeLessThan(1024);
    expect(tiny.encoding).toBeUndefined();
    expect(JSON.parse(tiny.text)).toMatchObject({ status: expect.any(String) });
  });

  it('the Vapi webhook answers a caller as before (uncompressed, from its own lane), and the metrics scrape still reads', async () => {
    const vapiPhone = randomPhone();
    await s.newClinic({ vapiPhone, name: 'Juniper Clinic' });
    const delivery = JSON.stringify(toolCallsMessage(newCall({ caller: '+16045550142', dialled: vapiPhone }), [{ name: 'get_clinic_info' }]));
    const reply = await raw(s.t.baseUrl, 'POST', '/api/vapi/webhook', { 'x-vapi-secret': SECRET, 'accept-encoding': 'gzip, br' }, delivery);
    expect(reply.status).toBe(200);
    expect(reply.encoding).toBeUndefined();
    const [result] = JSON.parse(reply.text).results;
    expect(JSON.parse(result.result)).toMatchObject({ clinicName: 'Juniper Clinic' });

    const scrape = await raw(s.t.baseUrl, 'GET', '/api/metrics', { authorization: `Bearer ${METRICS_TOKEN}`, 'accept-encoding': 'gzip' });
    expect(scrape.status).toBe(200);
    expect(scrape.type).toMatch(/^text\/plain/);
    expect(scrape.text).toMatch(/^voicedesk_tool_call_duration_seconds_count\{[^}]*tool="get_clinic_info"[^}]*\} 1$/m);
    expect(scrape.encoding).toBe('gzip');
  });
});
