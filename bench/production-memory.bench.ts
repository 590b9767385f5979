import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { afterAll, describe, expect, it } from 'vitest';
import { dataSourceOptions } from '../apps/api/src/database/data-source.js';
import { clinicCalendar } from '../apps/api/src/scheduling/testing/clinic-calendar.js';
import { createAdmin } from '../libs/testing/src/factories.js';
import { call, signInToken } from '../libs/testing/src/http.js';
import { startTestOscarSim, type TestOscarSim } from '../libs/testing/src/oscar-sim.js';
import {
  ROOT, freePort, generatedSecrets, rssBytes, startOwnedCluster, startProduction, type OwnedCluster, type ProductionProcess,
} from '../libs/testing/src/production.js';
import { endOfCallReport, newCall, postVapi, toolAnswer, toolCallsMessage, type VapiAuth } from '../libs/testing/src/vapi-messages.js';

/**
 * One production replica's memory and start-up (issue "Operations" item 3; target ≤ 300 MB RSS
 * per replica). `npm run start:prod` on its own PostgreSQL (a database owned by a non-superuser
 * role), measured against a bare node process started the same way in the same run:
 * - start to healthy: spawn → first 200 from /api/health, on an empty database (migrations
 *   included) and on a migrated one; baseline: a bare `node` HTTP server, spawn → first 200.
 * - RSS (VmRSS of the node process running main.js): idle after start, the peak and the end of a
 *   load of phone calls and console reads, idle again after it; baseline: a bare `node` process.
 * The load: BENCH_CALLERS (20) callers at once, spread over BENCH_CLINICS (4) clinics, for
 * BENCH_SECONDS (30), each call through the real webhook against the simulator over SOAP
 * (identify by phone, earliest appointment, every 4th call books it, end-of-call report), plus
 * 2 staff reading clinics, call logs and the audit log.
 * Rate limits are raised for the run (the load is one clinic and one admin, far above their limits).
 *
 *   npm run bench:memory   (builds first; or, after a build:
 *   npx vitest run --config bench/vitest.config.ts bench/production-memory.bench.ts)
 */
const CALLERS = Number(process.env.BENCH_CALLERS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CLINICS = Number(process.env.BENCH_CLINICS ?? 4);
const TARGET_MB = 300;
const NODE = join(ROOT, 'node_modules/.bin/node');
const MB = 1024 * 1024;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number) => (bytes / MB).toFixed(1);

function figure(name: string, value: string, unit: string, ratio: number, baseline: string, extra = ''): void {
  console.log(`${name}: ${value} ${unit} (${ratio.toFixed(2)}× baseline ${baseline})${extra ? ` · ${extra}` : ''}`);
}

const againstTarget = (bytes: number) => `target ≤ ${TARGET_MB} MB: ${bytes <= TARGET_MB * MB ? 'met' : 'NOT met'}`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** A bare node process: its RSS once settled, and spawn → first HTTP 200 of a two-line server. */
async function bareNode(): Promise<{ rss: number; readyMs: number }> {
  const port = await freePort();
  const started = Date.now();
  const child = spawn(NODE, ['-e', `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`], { stdio: 'ignore' });
  try {
    let readyMs = 0;
    while (!readyMs) {
      if (await fetch(`http://127.0.0.1:${port}/`).then((r) => r.ok, () => false)) readyMs = Date.now() - started;
      else await sleep(20);
    }
    await sleep(1000);
    return { rss: rssBytes(child.pid!)!, readyMs };
  } finally {
    child.kill('SIGTERM');
  }
}

/** V8's heap (used / committed, by space) and memory outside it, from the replica's Prometheus metrics. */
async function memoryBreakdown(baseUrl: string, token: string): Promise<string> {
  const text = await fetch(`${baseUrl}/api/metrics`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text());
  const value = (name: string, label = '') => {
    const line = text.split('\n').find((l) => l.startsWith(name) && l.includes(label) && !l.startsWith('#'));
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : NaN;
  };
  const spaces = ['old', 'new', 'code', 'large_object']
    .map((s) => `${s} ${mb(value('nodejs_heap_space_size_used_bytes', `space="${s}"`))}/${mb(value('nodejs_heap_space_size_total_bytes', `space="${s}"`))}`)
    .join(', ');
  return `heap used ${mb(value('nodejs_heap_size_used_bytes'))} MB of ${mb(value('nodejs_heap_size_total_bytes'))} MB committed (${spaces}); ` +
    `external ${mb(value('nodejs_external_memory_bytes'))} MB`;
}

/** Samples a process's RSS every 250 ms until stopped; answers the peak and the last sample. */
function sampleRss(pid: number) {
  let peak = 0;
  let last = 0;
  const timer = setInterval(() => {
    const rss = rssBytes(pid);
    if (rss === undefined) return;
    last = rss;
    peak = Math.max(peak, rss);
  }, 250);
  return { stop: () => (clearInterval(timer), { peak, last }) };
}

describe('a production replica: start to healthy and resident memory', () => {
  let cluster: OwnedCluster | undefined;
  let replica: ProductionProcess | undefined;
  let sim: TestOscarSim | undefined;
  let dataSource: DataSource | undefined;

  afterAll(async () => {
    await replica?.stop();
    await dataSource?.destroy();
    await sim?.close();
    await cluster?.stop();
  });

  it('measures start to healthy, idle and loaded RSS against a bare node process', async () => {
    console.log(`subject: npm run start:prod = ${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts['start:prod']}`);
    const bare = await bareNode();
    figure('bare node RSS (baseline)', mb(bare.rss), 'MB', 1, 'bare node');
    figure('bare node: spawn to first 200 (baseline)', String(bare.readyMs), 'ms', 1, 'bare node');

    cluster = await startOwnedCluster();
    const secrets = generatedSecrets();
    const metricsToken = randomBytes(24).toString('base64url');
    const env = {
      NODE_ENV: 'production',
      METRICS_TOKEN: metricsToken,
      DATABASE_URL: cluster.appUrl,
      ...secrets,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '1000000',
      RATE_LIMIT_WEBHOOK_PER_MINUTE: '1000000',
      // to compare V8 settings: BENCH_NODE_OPTIONS='--max-old-space-size=…' reaches the replica only
      ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
    };
    const port = await freePort();

    replica = startProduction(env, port);
    const coldMs = await replica.untilHealthy(120_000);
    figure('start:prod to healthy, empty database (migrations)', String(coldMs), 'ms', coldMs / bare.readyMs, 'bare node spawn to first 200');
    await replica.stop();
    replica = startProduction(env, port);
    const warmMs = await replica.untilHealthy(120_000);
    figure('start:prod to healthy, migrated database', String(warmMs), 'ms', warmMs / bare.readyMs, 'bare node spawn to first 200');
    const pid = replica.nodePid();
    expect(pid, 'the node process running main.js').toBeDefined();

    await sleep(15_000);
    const idle = rssBytes(pid!)!;
    figure('idle RSS, 15 s after healthy', mb(idle), 'MB', idle / bare.rss, 'bare node', againstTarget(idle));

    // one voice clinic on the simulator, and a platform admin (production has no demo data)
    const today = DateTime.now().setZone('America/Vancouver');
    const data = clinicCalendar({ providers: 3, patients: 60, firstFreeDay: 3 }, today.weekday);
    sim = await startTestOscarSim({ data, today: today.toISODate()!, badPasswordDelayMs: 0 });
    dataSource = await new DataSource(dataSourceOptions(cluster.appUrl, { extra: { max: 2 } })).initialize();
    const target = { baseUrl: replica.baseUrl };
    const token = await signInToken(target, await createAdmin(dataSource));
    const as = (method: string, path: string, body?: unknown) => call(target, method, path, { token, body });
    const clinics: Array<{ id: string; vapiPhone: string }> = [];
    for (let k = 0; k < CLINICS; k++) {
      const vapiPhone = `+1604555${String(100 + k).padStart(4, '0')}`;
      const created = await as('POST', '/api/clinics', { name: `Bench Clinic ${k + 1}`, vapiPhone, timezone: data.timezone });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      const config = await as('PUT', `/api/clinics/${id}/config`, {
        emr: { oscarUrl: sim.url, oscarSoapUsername: String(sim.securityNo), oscarSoapPassword: sim.password },
      });
      expect(config.status).toBe(200);
      expect((await as('POST', `/api/clinics/${id}/providers/sync`)).status).toBe(200);
      expect((await as('POST', `/api/clinics/${id}/emr/pull-config`)).status).toBe(200);
      clinics.push({ id, vapiPhone });
    }
    for (const { id } of clinics) {
      for (let i = 0; i < 300 && !(await as('GET', `/api/clinics/${id}/schedule-cache`)).body.warm; i++) await sleep(100);
    }

    const auth: VapiAuth = { kind: 'x-vapi-secret', secret: secrets.VAPI_WEBHOOK_SECRET };
    const toolMs: number[] = [];
    const outcomes = new Map<string, number>();
    const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    let consoleReads = 0;
    const endAt = Date.now() + SECONDS * 1000;
    const tool = async (c: ReturnType<typeof newCall>, name: string, args: Record<string, unknown> = {}) => {
      const reply = await postVapi(target, toolCallsMessage(c, [{ name, args }]), auth);
      toolMs.push(reply.ms);
      if (reply.status !== 200) throw new Error(`${name}: HTTP ${reply.status}`);
      return toolAnswer(reply);
    };
    const caller = async (index: number) => {
      const { vapiPhone } = clinics[index % CLINICS]!;
      for (let n = 0; Date.now() < endAt; n++) {
        const demographicId = ((index * 7 + n) % 60) + 1;
        const c = newCall({ caller: `+1604555${String(1000 + demographicId).padStart(4, '0')}`, dialled: vapiPhone });
        await tool(c, 'search_patient_by_phone', { phone: '0' });
        const offer = await tool(c, 'find_earliest_appointment', {});
        count(offer.ok ? 'offer' : offer.data.code);
        if (offer.ok && n % 4 === 0 && offer.data.startTime) {
          const booked = await tool(c, 'create_appointment', { demographicId, providerId: offer.data.providerId, startTime: offer.data.startTime });
          count(booked.ok ? 'booked' : booked.data.code);
        }
        await postVapi(target, endOfCallReport(c, { transcript: 'AI: Hello. User: I would like an appointment.', durationSeconds: 60 }), auth);
      }
    };
    const staff = async () => {
      while (Date.now() < endAt) {
        const { id } = clinics[consoleReads % CLINICS]!;
        for (const path of ['/api/clinics', `/api/clinics/${id}/call-logs`, '/api/audit-logs', `/api/clinics/${id}`]) {
          expect((await as('GET', path)).status, path).toBe(200);
          consoleReads++;
        }
      }
    };

    const sampler = sampleRss(pid!);
    await Promise.all([...Array.from({ length: CALLERS }, (_, i) => caller(i)), staff(), staff()]);
    const loaded = sampler.stop();
    const load =
      `${toolMs.length} webhook requests (${(toolMs.length / SECONDS).toFixed(0)}/s, p50 ${percentile(toolMs, 50).toFixed(0)} ms, ` +
      `p95 ${percentile(toolMs, 95).toFixed(0)} ms), ${consoleReads} console reads; answers ${JSON.stringify(Object.fromEntries(outcomes))}`;
    figure(`loaded RSS peak (${CALLERS} callers of ${CLINICS} clinics + 2 staff, ${SECONDS} s)`, mb(loaded.peak), 'MB', loaded.peak / bare.rss, 'bare node', againstTarget(loaded.peak));
    figure('loaded RSS at the end of the load', mb(loaded.last), 'MB', loaded.last / bare.rss, 'bare node', load);
    await sleep(10_000);
    const after = rssBytes(pid!)!;
    figure('idle RSS, 10 s after the load', mb(after), 'MB', after / bare.rss, 'bare node', againstTarget(after));
    if (process.env.BENCH_SMAPS) console.log(residentByMapping(pid!));
    console.log(`where it is, 10 s after the load (the replica's own /api/metrics): ${await memoryBreakdown(replica.baseUrl, metricsToken)}`);
    expect(outcomes.get('offer') ?? 0).toBeGreaterThan(0);
  });
});

/** `BENCH_SMAPS=1`: the replica's resident memory by mapping (V8's heap and glibc's arenas are the anonymous ones). */
function residentByMapping(pid: number): string {
  const byName = new Map<string, number>();
  let name = '';
  let anonymous = 0;
  let mappings = 0;
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const mapping = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (mapping) {
      name = mapping[1] || '[anonymous]';
      mappings++;
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) byName.set(name, (byName.get(name) ?? 0) + Number(rss[1]));
    const anon = /^Anonymous:\s+(\d+) kB/.exec(line);
    if (anon) anonymous += Number(anon[1]);
  }
  const top = [...byName].sort((a, b) => b[1] - a[1]).slice(0, 12);
  return [
    `resident memory by mapping (${mappings} mappings, ${(anonymous / 1024).toFixed(1)} MB anonymous):`,
    ...top.map(([mapped, kb]) => `  ${mapped}: ${(kb / 1024).toFixed(1)} MB`),
  ].join('\n');
}
