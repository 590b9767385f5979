import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { freePort } from '../../apps/api/src/database/free-port.js';
import { createTestDatabase, type TestDatabase } from '../../libs/testing/src/database.js';
import { createAdmin, randomPhone, randomSuffix } from '../../libs/testing/src/factories.js';
import { goLive } from '../../libs/testing/src/go-live.js';
import { productionCommand } from '../../libs/testing/src/production.js';
import { call, signInToken, type JsonResponse } from '../../libs/testing/src/http.js';
import { answers, builtScript, sleep, startNodeProcess, WORK_DIR, type NodeProcess } from './processes.js';
import { simEmrConfig, type BenchSimulator } from './simulator.js';

/**
 * The real API as production runs it: `dist/…/main.js` with NODE_ENV=production, in a process of
 * its own, on a fresh database of the run's embedded PostgreSQL (libs/testing's global setup).
 * Several replicas may share one database.
 */

/** Secrets of one run: random, held in memory and passed to the children, never printed. */
export interface BenchSecrets {
  ENCRYPTION_KEY: string;
  JWT_SECRET: string;
  VAPI_WEBHOOK_SECRET: string;
}

export function newSecrets(): BenchSecrets {
  return {
    ENCRYPTION_KEY: `k1:${randomBytes(32).toString('base64')}`,
    JWT_SECRET: randomBytes(48).toString('base64url'),
    VAPI_WEBHOOK_SECRET: randomBytes(32).toString('base64url'),
  };
}

export interface BenchApi {
  /** http://127.0.0.1:PORT (routes under /api) */
  baseUrl: string;
  process: NodeProcess;
  stop(): Promise<void>;
}

/**
 * The production limits stay, except the general per-user limit (100/min), which the admin's
 * polling of the schedule cache would reach; `env` adds or overrides variables.
 */
export async function startApi(databaseUrl: string, secrets: BenchSecrets, name = 'api', env: Record<string, string> = {}): Promise<BenchApi> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const proc = await startNodeProcess(
    name,
    // BENCH_API_FLAGS: more node flags for the API (e.g. --trace-gc), to see where its time goes
    [...productionCommand().flags, ...(process.env.BENCH_API_FLAGS?.split(/\s+/).filter(Boolean) ?? []), builtScript('dist/node/apps/api/src/main.js')],
    {
      ...productionCommand().env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      ...secrets,
      VOICEDESK_DATA_DIR: join(WORK_DIR, `${name}-data`),
      CONSOLE_DIR: join(WORK_DIR, 'no-console'),
      RATE_LIMIT_PER_MINUTE: '100000',
      ...env,
    },
    () => answers(`${baseUrl}/api/health`),
  );
  return { baseUrl, process: proc, stop: () => proc.stop() };
}

/** A fresh database with a platform admin; the admin's password stays in this process. */
export async function freshDatabase(): Promise<{ db: TestDatabase; admin: { email: string; password: string } }> {
  const db = await createTestDatabase();
  const admin = await createAdmin(db.dataSource);
  return { db, admin };
}

export interface VoiceClinic {
  id: string;
  /** the number callers dial (`message.phoneNumber.number`), which resolves the clinic */
  vapiPhone: string;
}

async function expectOk(what: string, response: Promise<JsonResponse>): Promise<JsonResponse> {
  const r = await response;
  if (r.status < 200 || r.status >= 300) throw new Error(`${what} answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r;
}

/**
 * A clinic provisioned as an admin does it, through the API: created, connected to the simulator,
 * activated, providers synced and schedule codes pulled. Hours: the default Mon–Fri 09:00–17:00.
 */
export async function provisionVoiceClinic(api: BenchApi, adminToken: string, sim: BenchSimulator): Promise<VoiceClinic> {
  const as = (method: string, path: string, body?: unknown) => call(api, method, path, { token: adminToken, body });
  const vapiPhone = randomPhone();
  const created = await expectOk('POST /api/clinics', as('POST', '/api/clinics', { name: `Bench Clinic ${randomSuffix()}`, vapiPhone, timezone: 'America/Vancouver' }));
  const id = created.body.id as string;
  await expectOk('PUT config (EMR)', as('PUT', `/api/clinics/${id}/config`, { emr: simEmrConfig(sim) }));
  // a provisioned clinic starts `pending`, which answers calls too; `active` is what production runs
  await goLive(api, adminToken, id);
  await expectOk('POST emr/pull-config', as('POST', `/api/clinics/${id}/emr/pull-config`));
  return { id, vapiPhone };
}

export async function syncProviders(api: BenchApi, adminToken: string, clinicId: string): Promise<void> {
  await expectOk('POST providers/sync', call(api, 'POST', `/api/clinics/${clinicId}/providers/sync`, { token: adminToken }));
}

export async function adminToken(api: BenchApi, admin: { email: string; password: string }): Promise<string> {
  return signInToken(api, admin);
}

/** What `GET /api/clinics/{id}/schedule-cache` answers (the keys the benchmark reads). */
export interface ScheduleCacheState {
  entries: number;
  expected: number;
  warm: boolean;
}

export type WarmWait =
  | { kind: 'warm'; seconds: number; state: ScheduleCacheState }
  | { kind: 'timeout'; seconds: number; state: ScheduleCacheState }
  | { kind: 'no-route'; seconds: number; status: number };

/**
 * Waits until the clinic's schedule cache says it is warm, polling its route every 500 ms from
 * `since` (the end of the provider sync). Without the route (404, or any answer but 200), waits
 * until `fallbackSeconds` after the sync instead.
 */
export async function waitForWarmCache(
  api: BenchApi, token: string, clinicId: string, options: { since: number; timeoutSeconds: number; fallbackSeconds: number },
): Promise<WarmWait> {
  const elapsed = () => (performance.now() - options.since) / 1000;
  let last: ScheduleCacheState | undefined;
  for (;;) {
    const r = await call<ScheduleCacheState>(api, 'GET', `/api/clinics/${clinicId}/schedule-cache`, { token });
    if (r.status !== 200) {
      const rest = options.fallbackSeconds - elapsed();
      if (rest > 0) await sleep(rest * 1000);
      return { kind: 'no-route', seconds: elapsed(), status: r.status };
    }
    last = r.body;
    if (last.warm) return { kind: 'warm', seconds: elapsed(), state: last };
    if (elapsed() > options.timeoutSeconds) return { kind: 'timeout', seconds: elapsed(), state: last };
    await sleep(500);
  }
}

/** One line about the wait, for the report. */
export function describeWarmWait(wait: WarmWait): string {
  switch (wait.kind) {
    case 'warm':
      return `${wait.seconds.toFixed(1)} s (${wait.state.entries}/${wait.state.expected} entries)`;
    case 'timeout':
      return `NOT warm after ${wait.seconds.toFixed(1)} s (${wait.state.entries}/${wait.state.expected} entries)`;
    case 'no-route':
      return `n/a: GET /api/clinics/{id}/schedule-cache answered ${wait.status}${wait.status === 404 ? ' (no cache on this build)' : ''}, waited a fixed ${wait.seconds.toFixed(0)} s after the sync instead`;
  }
}
