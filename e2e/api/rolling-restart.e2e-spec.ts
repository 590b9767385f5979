import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataSourceOptions } from '../../apps/api/src/database/data-source.js';
import { createAdmin } from '../../libs/testing/src/factories.js';
import { call, signInToken } from '../../libs/testing/src/http.js';
import { startTestOscarSim, type TestOscarSim } from '../../libs/testing/src/oscar-sim.js';
import {
  MAIN_JS, freePort, generatedSecrets, startOwnedCluster, startProduction, type OwnedCluster, type ProductionProcess,
} from '../../libs/testing/src/production.js';
import { newCall, toolCallsMessage } from '../../libs/testing/src/vapi-messages.js';

const SEARCH = { service: 'DemographicService', operation: 'searchDemographicsByAttributes' } as const;

interface Replica {
  name: string;
  process: ProductionProcess;
  /** what the test's balancer believes: health answered 200 at the last poll and connections open */
  up: boolean;
  /** deliveries this replica answered (HTTP 200 received from it) */
  answered: number;
}

interface Delivery {
  tool: string;
  /** replicas that refused the connection (or reset it before any answer) before one answered */
  refusedBy: string[];
  answeredBy?: string;
  status?: number;
  /** the tool's answer: `result` parsed, or the error's code */
  ok?: boolean;
  code?: string;
}

/** One HTTP request on a fresh connection (as a balancer opens one per request); rejects when no answer came at all. */
function post(baseUrl: string, path: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; connection?: string; body: any }> {
  const raw = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { method: 'POST', agent: false, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(raw) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: text ? JSON.parse(text) : null }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(raw);
  });
}

/**
 * A rolling restart under load, as production runs it: two `npm run start:prod` replicas on one
 * PostgreSQL, a steady stream of webhook tool calls spread over them by a small round-robin
 * balancer (it polls /api/health, and retries a request whose connection was refused on the
 * other replica, as nginx's `proxy_next_upstream error` does), the EMR answering with latency.
 * Each replica in turn gets SIGTERM; nothing is lost.
 */
describe('a rolling restart under a stream of webhook tool calls (npm run start:prod ×2; needs `npm run build`)', () => {
  let cluster: OwnedCluster;
  let sim: TestOscarSim;
  let env: Record<string, string>;
  let vapiPhone: string;
  const replicas: Replica[] = [];
  const started: ProductionProcess[] = [];

  async function startReplica(name: string, extra: Record<string, string> = {}): Promise<Replica> {
    const process = startProduction({ ...env, ...extra }, await freePort());
    started.push(process);
    await process.untilHealthy(90_000);
    const replica = { name, process, up: true, answered: 0 };
    replicas.push(replica);
    return replica;
  }

  beforeAll(async () => {
    if (!existsSync(MAIN_JS)) throw new Error('dist is missing: run npm run build');
    [cluster, sim] = await Promise.all([startOwnedCluster(), startTestOscarSim({ badPasswordDelayMs: 0 })]);
    const secrets = generatedSecrets();
    env = { NODE_ENV: 'production', DATABASE_URL: cluster.appUrl, LOG_LEVEL: 'info', ...secrets };
    await Promise.all([startReplica('A'), startReplica('B', { SHUTDOWN_DRAIN_SECONDS: '2' })]);

    // a clinic on the simulator, set up through the API as an operator would
    const db = await new DataSource(dataSourceOptions(cluster.appUrl)).initialize();
    const admin = await createAdmin(db).finally(() => db.destroy());
    const target = { baseUrl: replicas[0]!.process.baseUrl };
    const token = await signInToken(target, admin);
    vapiPhone = `+1604555${String(1000 + Math.floor(Math.random() * 8999))}`;
    const clinic = await call(target, 'POST', '/api/clinics', { token, body: { name: 'Rolling Restart Clinic', vapiPhone, timezone: sim.data.timezone } });
    expect(clinic.status).toBe(201);
    const emr = await call(target, 'PUT', `/api/clinics/${clinic.body.id}/config`, {
      token,
      body: { emr: { oscarUrl: sim.url, oscarSoapUsername: String(sim.securityNo), oscarSoapPassword: sim.password } },
    });
    expect(emr.status).toBe(200);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(started.map((p) => p.stop()));
    await Promise.all([cluster?.stop(), sim?.close()]);
  }, 60_000);

  /**
   * A caller's number no chart has: the search reaches the EMR every time (nothing cached). The
   * exchange starts 2–9: a number whose exchange starts 0 or 1 is not a number at all, and the
   * webhook answers it without asking the EMR (the pinned searches below would never arrive).
   */
  function unknownCaller(): string {
    return `+1778${String(Math.floor(Math.random() * 8_000_000) + 2_000_000)}`;
  }

  function message(tool: string) {
    return toolCallsMessage(newCall({ caller: unknownCaller(), dialled: vapiPhone }), [{ name: tool, args: {} }]);
  }

  function record(delivery: Delivery, replica: Replica, reply: { status: number; body: any }): Delivery {
    replica.answered += 1;
    const entry = reply.body?.results?.[0];
    const code = entry?.error ? (JSON.parse(entry.error) as { code?: string }).code : undefined;
    return Object.assign(delivery, { answeredBy: replica.name, status: reply.status, ok: reply.status === 200 && entry?.result !== undefined, code });
  }

  /** Sends one delivery to `replica` (no balancing: the test pins it there). */
  async function sendTo(replica: Replica, tool: string): Promise<Delivery> {
    const reply = await post(replica.process.baseUrl, '/api/vapi/webhook', message(tool), { 'x-vapi-secret': env.VAPI_WEBHOOK_SECRET! });
    return record({ tool, refusedBy: [] }, replica, reply);
  }

  /** The balancer: round robin over the replicas it believes up; a refused connection marks one down and the request goes to the next. */
  let turn = 0;
  async function deliver(tool: string): Promise<Delivery> {
    const delivery: Delivery = { tool, refusedBy: [] };
    const body = message(tool);
    const giveUpAt = Date.now() + 15_000;
    while (Date.now() < giveUpAt) {
      const up = replicas.filter((r) => r.up);
      const replica = up[turn++ % Math.max(up.length, 1)];
      if (!replica) {
        await sleep(50);
        continue;
      }
      try {
        const reply = await post(replica.process.baseUrl, '/api/vapi/webhook', body, { 'x-vapi-secret': env.VAPI_WEBHOOK_SECRET! });
        return record(delivery, replica, reply);
      } catch {
        // no answer at all: the connection was refused (or reset before the request was read)
        replica.up = false;
        delivery.refusedBy.push(replica.name);
      }
    }
    return delivery;
  }

  /** The balancer's health checks: a replica is in rotation while /api/health answers 200. */
  function pollHealth(stopped: () => boolean, seen503: Set<string>): Promise<void> {
    return (async () => {
      while (!stopped()) {
        await Promise.all(
          replicas.map(async (replica) => {
            const status = await fetch(`${replica.process.baseUrl}/api/health`).then((r) => r.status, () => 0);
            if (status === 503) seen503.add(replica.name);
            replica.up = status === 200;
          }),
        );
        await sleep(100);
      }
    })();
  }

  /** Deliveries from `workers` callers, one after another each, until `stopped()`. */
  function stream(workers: number, stopped: () => boolean, out: Delivery[]): Promise<void> {
    return Promise.all(
      Array.from({ length: workers }, async (_, worker) => {
        for (let i = 0; !stopped(); i++) out.push(await deliver((i + worker) % 2 === 0 ? 'get_clinic_info' : 'search_patient_by_phone'));
      }),
    ).then(() => undefined);
  }

  /** The process has exited; its output may still be on its way through the pipe. */
  async function outputComplete(replica: Replica): Promise<void> {
    const out = replica.process.child.stdout!;
    if (!out.readableEnded) await once(out, 'end');
  }

  function toolCallsLogged(replica: Replica): number {
    return replica.process.output().split('\n').filter((line) => line.includes('"msg":"voice tool call"')).length;
  }

  it('SIGTERM to each replica in turn: requests in flight are answered, the others go elsewhere, health says 503 while draining, exit 0, nothing lost', async () => {
    const a = replicas.find((r) => r.name === 'A')!;
    const b = replicas.find((r) => r.name === 'B')!;
    const deliveries: Delivery[] = [];
    const seen503 = new Set<string>();
    let done = false;
    const health = pollHealth(() => done, seen503);

    // 1. three slow EMR searches pinned on A, seen arriving at the EMR: they are in flight on A
    await sim.control.setFaults({ ...SEARCH, latencyMs: 2_000 });
    await sim.control.resetCounters();
    const pinned = [sendTo(a, 'search_patient_by_phone'), sendTo(a, 'search_patient_by_phone'), sendTo(a, 'search_patient_by_phone')];
    const arrivedBy = Date.now() + 30_000;
    while ((await sim.control.count(SEARCH.service, SEARCH.operation)) < 3) {
      if (Date.now() > arrivedBy) throw new Error(`the three pinned searches did not all reach the EMR: ${JSON.stringify(await Promise.race([Promise.all(pinned), sleep(5_000, 'no answers yet')]))}`);
      await sleep(20);
    }
    // the stream's EMR searches answer in 300 ms
    await sim.control.setFaults({ ...SEARCH, latencyMs: 300 });
    const load = stream(3, () => done, deliveries);

    // 2. SIGTERM to A (no drain period: its port closes at once)
    const aPid = a.process.nodePid()!;
    const aSignalled = Date.now();
    process.kill(aPid, 'SIGTERM');
    const pinnedAnswers = await Promise.all(pinned);
    expect(await a.process.exited).toBe(0);
    const aExitMs = Date.now() - aSignalled;
    await outputComplete(a);
    const stoppedA = /Stopped cleanly in \d+ ms: (\d+) request\(s\) in flight answered; job queue stopped, database pool closed/.exec(a.process.output());
    expect(stoppedA, a.process.output().slice(-2000)).not.toBeNull();
    expect(Number(stoppedA![1])).toBeGreaterThanOrEqual(3);
    for (const answer of pinnedAnswers) expect(answer).toMatchObject({ answeredBy: 'A', status: 200, ok: true });

    // 3. a new replica takes A's place; the stream goes on over B and A2
    const a2 = await startReplica('A2');
    while (a2.answered < 3) await sleep(50);

    // 4. SIGTERM to B, which drains for 2 s: health answers 503 while it still serves what reaches it
    const answeredByBBefore = b.answered;
    const bSignalled = Date.now();
    process.kill(b.process.nodePid()!, 'SIGTERM');
    const drainingHealth = await (async () => {
      for (;;) {
        const response = await fetch(`${b.process.baseUrl}/api/health`);
        if (response.status !== 200) return { status: response.status, connection: response.headers.get('connection'), body: await response.json() };
      }
    })();
    expect(drainingHealth).toMatchObject({ status: 503, connection: 'close' });
    expect(JSON.stringify(drainingHealth.body)).toContain('This replica is shutting down');
    const duringDrain = await sendTo(b, 'get_clinic_info');
    expect(duringDrain).toMatchObject({ answeredBy: 'B', status: 200, ok: true });
    expect(await b.process.exited).toBe(0);
    const bExitMs = Date.now() - bSignalled;
    await outputComplete(b);
    expect(b.process.output()).toMatch(/Stopped cleanly in \d+ ms/);

    // 5. a few more deliveries on A2 alone, then stop
    const total = deliveries.length;
    while (deliveries.length < total + 6) await sleep(50);
    done = true;
    await Promise.all([load, health]);
    // the end of the rolling restart: A2 stops too (no drain period), and exits 0
    process.kill(a2.process.nodePid()!, 'SIGTERM');
    expect(await a2.process.exited).toBe(0);
    await outputComplete(a2);

    // nothing lost: every delivery answered with a real answer (no error, no BUSY), by the replica that took it
    const failed = deliveries.filter((d) => !(d.status === 200 && d.ok));
    expect(failed, JSON.stringify(failed.slice(0, 5))).toEqual([]);
    // every tool call a replica ran was answered to the client: none started and then cut
    for (const replica of [a, b, a2]) expect(toolCallsLogged(replica), replica.name).toBe(replica.answered);
    expect(seen503.has('B') || drainingHealth.status === 503).toBe(true);
    expect(b.answered).toBeGreaterThan(answeredByBBefore);

    const refused = deliveries.filter((d) => d.refusedBy.length);
    console.log(
      `rolling restart: ${deliveries.length + pinned.length + 1} deliveries, 0 failed; answered by A ${a.answered}, B ${b.answered}, A2 ${a2.answered}; ` +
        `${refused.length} refused at connect and retried on another replica; A exited ${aExitMs} ms after SIGTERM (${stoppedA![1]} requests in flight), B ${bExitMs} ms (2 s drain)`,
    );
  }, 180_000);
});
