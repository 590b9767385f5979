import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomSuffix } from '../libs/testing/src/factories.js';
import { call } from '../libs/testing/src/http.js';
import type { TestDatabase } from '../libs/testing/src/database.js';
import { adminToken, freshDatabase, newSecrets, startApi, type BenchApi } from './support/api.js';
import { cleanWorkDir } from './support/processes.js';

/**
 * How long the console waits for a year of call analytics (issue "Console that runs clinics…",
 * item 3; target < 200 ms for a year of 200 calls a day). The built API in production mode on a
 * fresh database holding BENCH_CALLS_PER_DAY (200) calls a day for 366 days in the measured
 * clinic and as many in BENCH_OTHER_CLINICS (3) other clinics (so the clinic's rows are a part of
 * the table, as in production), written straight into `call_logs` with SQL (outcomes, transfers
 * with reasons, hours of the day spread as a clinic's are).
 *
 * Figures (wall time of the HTTP request, median and p95 of BENCH_REQUESTS (30) after 3 warm-ups):
 * - `GET …/call-analytics?from=<a year ago>&to=<today>` (JSON) and `&format=csv`;
 * - `GET /api/dashboard` as the admin (every clinic) and for the clinic's manager;
 * - the same analytics request without the `(clinic_id, created_at)` index (dropped at the end),
 *   to show what the index is worth.
 * Baseline: `GET /api/clinics/{id}` (the same sign-in check and one row), measured the same way.
 *
 *   npm run bench:analytics   (builds first; or, after a build:
 *   npx vitest run --config bench/vitest.config.ts bench/call-analytics.bench.ts)
 */
const CALLS_PER_DAY = Number(process.env.BENCH_CALLS_PER_DAY ?? 200);
const OTHER_CLINICS = Number(process.env.BENCH_OTHER_CLINICS ?? 3);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 30);
const DAYS = 366;
const TARGET_MS = 200;

const say = (line: string) => console.log(line);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function timed(api: BenchApi, token: string, path: string, headers: Record<string, string> = {}): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < REQUESTS + 3; i++) {
    const started = performance.now();
    const response = await fetch(`${api.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
    await response.arrayBuffer();
    const ms = performance.now() - started;
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    if (i >= 3) times.push(ms);
  }
  return times;
}

/** Inserts a year of calls for a clinic in one statement: `perDay` a day, spread over the day's hours. */
async function insertYear(db: TestDatabase, clinicId: string, perDay: number): Promise<void> {
  await db.dataSource.query(
    `INSERT INTO call_logs (clinic_id, vapi_call_id, language, intent, outcome, duration_seconds, cost, transferred_to_staff, transfer_reason, created_at)
     SELECT $1::uuid, 'bench-' || $1 || '-' || d || '-' || n,
            CASE WHEN n % 7 = 0 THEN 'zh' ELSE 'en' END,
            (ARRAY['book','reschedule','cancel','register','inquiry','other'])[1 + n % 6]::"call_intent",
            (ARRAY['booked','booked','rescheduled','cancelled','registered','waitlisted','transferred','no_action'])[1 + (n * 7 + d) % 8]::"call_outcome",
            60 + n % 300, 0.05 + (n % 10) / 100.0,
            (n * 7 + d) % 8 = 6,
            CASE WHEN (n * 7 + d) % 8 = 6 THEN (ARRAY['billing question','record_not_found','urgent symptoms','prescription refill',NULL])[1 + n % 5] END,
            date_trunc('day', now()) - make_interval(days => d) + make_interval(mins => 8 * 60 + (n * 541) % 600)
       FROM generate_series(0, $2::int - 1) AS d, generate_series(1, $3::int) AS n`,
    [clinicId, DAYS, perDay],
  );
}

describe('bench:analytics', () => {
  let api: BenchApi;
  let db: TestDatabase;
  let token: string;
  let managerToken: string;
  let clinicId: string;
  let from: string;
  let to: string;

  beforeAll(async () => {
    const fresh = await freshDatabase();
    db = fresh.db;
    api = await startApi(db.url, newSecrets());
    token = await adminToken(api, fresh.admin);
    const clinics: string[] = [];
    for (let i = 0; i <= OTHER_CLINICS; i++) {
      const created = await call(api, 'POST', '/api/clinics', { token, body: { name: `Bench Clinic ${randomSuffix()}`, timezone: 'America/Vancouver' } });
      if (created.status !== 201) throw new Error(`POST /api/clinics answered ${created.status}`);
      clinics.push(created.body.id);
    }
    clinicId = clinics[0];
    const started = performance.now();
    for (const id of clinics) await insertYear(db, id, CALLS_PER_DAY);
    // vacuumed as autovacuum leaves a table of a year's calls, so autovacuum does not wake up
    // after this bulk write and run during the measurements
    await db.dataSource.query('VACUUM (ANALYZE) call_logs');
    const [{ n }] = await db.dataSource.query('SELECT count(*)::int AS n FROM call_logs');
    say(`bench:analytics — ${CALLS_PER_DAY} calls/day × ${DAYS} days in the clinic and in ${OTHER_CLINICS} other clinics: ${n} rows (written in ${Math.round(performance.now() - started)} ms); ${REQUESTS} requests per figure after 3 warm-ups`);
    const manager = await call(api, 'POST', '/api/users', { token, body: { email: `bench-${randomSuffix()}@bench.example`, firstName: 'Bench', lastName: 'Manager', role: 'clinic_manager', clinicId, password: 'bench manager passphrase 7' } });
    managerToken = (await call(api, 'POST', '/api/auth/login', { body: { email: manager.body.email, password: 'bench manager passphrase 7' } })).body.accessToken;
    const analytics = await call(api, 'GET', `/api/clinics/${clinicId}/call-analytics`, { token });
    to = analytics.body.to;
    from = new Date(Date.parse(`${to}T00:00:00Z`) - (DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  }, 10 * 60_000);

  afterAll(async () => {
    await api?.stop();
    await db?.drop();
    cleanWorkDir();
  });

  it('a year of call analytics, the CSV and the dashboard, beside a one-row read', async () => {
    const baseline = await timed(api, token, `/api/clinics/${clinicId}`);
    const base = percentile(baseline, 50);
    const figure = (name: string, times: number[], extra = '') => {
      const median = percentile(times, 50);
      say(`${name}: ${median.toFixed(1)} ms median, ${percentile(times, 95).toFixed(1)} ms p95 (${(median / base).toFixed(2)}× baseline GET /api/clinics/{id} ${base.toFixed(1)} ms)${extra ? ` · ${extra}` : ''}`);
      return median;
    };
    const check = await call(api, 'GET', `/api/clinics/${clinicId}/call-analytics?from=${from}&to=${to}`, { token });
    expect(check.body.totalCalls).toBe(CALLS_PER_DAY * DAYS);
    const year = figure(`call-analytics, ${DAYS} days (JSON)`, await timed(api, token, `/api/clinics/${clinicId}/call-analytics?from=${from}&to=${to}`),
      `${check.body.totalCalls} calls`);
    say(`  target < ${TARGET_MS} ms (median): ${year < TARGET_MS ? 'met' : 'NOT met'}`);
    const sizes = await fetch(`${api.baseUrl}/api/clinics/${clinicId}/call-analytics?from=${from}&to=${to}`, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'identity' } });
    figure(`call-analytics, ${DAYS} days (JSON), not compressed`, await timed(api, token, `/api/clinics/${clinicId}/call-analytics?from=${from}&to=${to}`, { 'accept-encoding': 'identity' }),
      `${Math.round((await sizes.arrayBuffer()).byteLength / 1024)} KB; the line above is brotli, as the console asks for it`);
    figure(`call-analytics, ${DAYS} days (CSV)`, await timed(api, token, `/api/clinics/${clinicId}/call-analytics?from=${from}&to=${to}&format=csv`));
    figure('call-analytics, default 30 days (JSON)', await timed(api, token, `/api/clinics/${clinicId}/call-analytics`));
    figure(`dashboard, admin (${OTHER_CLINICS + 1} clinics)`, await timed(api, token, '/api/dashboard'));
    figure('dashboard, clinic manager (1 clinic)', await timed(api, managerToken, '/api/dashboard'));

    await db.dataSource.query('DROP INDEX "idx_call_logs_clinic_id_created_at"');
    await db.dataSource.query('ANALYZE call_logs');
    figure(`call-analytics, ${DAYS} days (JSON), without the (clinic_id, created_at) index`, await timed(api, token, `/api/clinics/${clinicId}/call-analytics?from=${from}&to=${to}`));
  });
});
