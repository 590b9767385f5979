import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../apps/api/src/database/data-source.js';
import { join } from 'node:path';
import { freePort } from '../../apps/api/src/database/free-port.js';
import { newSecrets, type BenchApi, type BenchSecrets } from '../../bench/support/api.js';
import { answers, builtScript, startNodeProcess, WORK_DIR } from '../../bench/support/processes.js';
import type { BenchSimulator } from '../../bench/support/simulator.js';
import { simEmrConfig } from '../../bench/support/simulator.js';
import { createAdmin } from '../../libs/testing/src/factories.js';
import { goLive } from '../../libs/testing/src/go-live.js';
import { call, signInToken, type JsonResponse } from '../../libs/testing/src/http.js';
import type { RestartableCluster } from './cluster.js';
import { GAUNTLET_TIMEZONE, providerNoOf } from './sim-data.js';

/**
 * The deployment under test: replicas of the built API (`dist/…/main.js`, NODE_ENV=production,
 * secrets generated for the run and never printed) on one database of the gauntlet's cluster,
 * clinics provisioned through the API as an admin does it.
 */

export interface GauntletClinic {
  index: number;
  id: string;
  /** the number callers dial (resolves the clinic) */
  vapiPhone: string;
  /** the OSCAR provider that only this clinic books */
  providerNo: string;
}

export interface Replicas {
  secrets: BenchSecrets;
  databaseUrl: string;
  env: Record<string, string>;
  start(index: number): Promise<BenchApi>;
}

/** A fresh database `name` on the cluster and what the replicas need to run on it. */
export async function prepareReplicas(cluster: RestartableCluster, name: string, env: Record<string, string>): Promise<Replicas> {
  const databaseUrl = await cluster.createDatabase(name);
  const secrets = newSecrets();
  let starts = 0;
  return {
    secrets,
    databaseUrl,
    env,
    start: (index) => startReplica(databaseUrl, secrets, `api-${index}-${++starts}`, env),
  };
}

/**
 * One replica as `npm run start:prod` runs it (its node flags, NODE_ENV=production, the run's
 * secrets), in a process of its own whose output goes to a log file (`process.logFile`). The
 * general per-user limit is lifted (one admin provisions every clinic), as in the benchmarks.
 */
async function startReplica(databaseUrl: string, secrets: BenchSecrets, name: string, env: Record<string, string>): Promise<BenchApi> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const proc = await startNodeProcess(
    name,
    ['--max-old-space-size=192', '--max-semi-space-size=16', builtScript('dist/node/apps/api/src/main.js')],
    {
      NODE_ENV: 'production', PORT: String(port), DATABASE_URL: databaseUrl, ...secrets,
      VOICEDESK_DATA_DIR: join(WORK_DIR, `${name}-data`), CONSOLE_DIR: join(WORK_DIR, 'no-console'), RATE_LIMIT_PER_MINUTE: '100000', ...env,
    },
    () => answers(`${baseUrl}/api/health`),
    120_000,
  );
  return { baseUrl, process: proc, stop: () => proc.stop() };
}

/** A platform admin in the (migrated) database; the password stays in this process. */
export async function adminSession(api: BenchApi, databaseUrl: string): Promise<string> {
  const dataSource = new DataSource(dataSourceOptions(databaseUrl, { extra: { max: 2 } }));
  await dataSource.initialize();
  try {
    const admin = await createAdmin(dataSource);
    return await signInToken(api, admin);
  } finally {
    await dataSource.destroy();
  }
}

async function ok(what: string, response: Promise<JsonResponse>): Promise<JsonResponse> {
  const r = await response;
  if (r.status < 200 || r.status >= 300) throw new Error(`${what} answered ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
  return r;
}

/** A number in 778-555-xxxx (never one of the callers' 604 numbers). */
function clinicNumber(): string {
  return `+1778555${String(randomBytes(2).readUInt16BE() % 10_000).padStart(4, '0')}`;
}

/**
 * One clinic as an admin provisions it: created, connected to the simulator, providers synced,
 * config pulled, texts on (a sender number; the API's TELNYX_* point at the fake), move and cancel
 * allowed up to the appointment (notice 0 h), and only its own OSCAR provider voice-bookable, and
 * taken live as an admin does it (onboarding completed, then activated).
 */
export async function provisionClinic(api: BenchApi, token: string, sim: BenchSimulator, index: number): Promise<GauntletClinic & { status: string }> {
  const as = (method: string, path: string, body?: unknown) => call(api, method, path, { token, body });
  const vapiPhone = clinicNumber();
  const created = await ok('POST /api/clinics', as('POST', '/api/clinics', { name: `Gauntlet Clinic ${index + 1} ${randomBytes(3).toString('hex')}`, vapiPhone, timezone: GAUNTLET_TIMEZONE }));
  const id = created.body.id as string;
  await ok('PUT config', as('PUT', `/api/clinics/${id}/config`, {
    emr: simEmrConfig(sim),
    sms: { smsEnabled: true, smsSenderNumber: clinicNumber() },
    voiceBooking: { cancellationMinNoticeHours: 0 },
    scheduling: { maxAdvanceBookingDays: 14 },
  }));
  await goLive(api, token, id);
  await ok('POST emr/pull-config', as('POST', `/api/clinics/${id}/emr/pull-config`));
  const providerNo = providerNoOf(index);
  const providers = await ok('GET providers', as('GET', `/api/clinics/${id}/providers?limit=100`));
  const items = (providers.body.items ?? providers.body) as { id: string; oscarProviderId: string | null; voiceBookable: boolean }[];
  if (!items.some((p) => p.oscarProviderId === providerNo)) throw new Error(`provider ${providerNo} was not synced into clinic ${index + 1}`);
  for (const p of items) {
    if (p.oscarProviderId !== providerNo && p.voiceBookable) await ok('PATCH provider', as('PATCH', `/api/clinics/${id}/providers/${p.id}`, { voiceBookable: false }));
  }
  return { index, id, vapiPhone, providerNo, status: 'active' };
}
