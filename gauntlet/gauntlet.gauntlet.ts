import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchApi } from '../bench/support/api.js';
import { loadWebhook, signedDeliveries } from '../bench/support/load.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cleanWorkDir, sleep, WORK_DIR } from '../bench/support/processes.js';
import { startSimulator, type BenchSimulator } from '../bench/support/simulator.js';
import { fmt, percentile, say } from '../bench/support/stats.js';
import { rssBytes } from '../libs/testing/src/production.js';
import { startTelnyxFake, type TelnyxFake } from '../libs/testing/src/telnyx-fake.js';
import { runScript, ScriptedCall, type Delivery } from './support/calls.js';
import {
  checkBookings, checkCallLogs, checkDeadline, checkTexts, doubleBookings, type CallLogRow, type CrashWindow, type Verdict,
} from './support/checks.js';
import { startRestartableCluster, type RestartableCluster } from './support/cluster.js';
import { runFuzz } from './support/fuzz.js';
import { loggedErrors } from './support/logs.js';
import { describeGauntletOptions, gauntletOptions as o } from './support/options.js';
import { startProxy, type RoundRobinProxy } from './support/proxy.js';
import { gauntletCaller, gauntletSimData } from './support/sim-data.js';
import { adminSession, prepareReplicas, provisionClinic, type GauntletClinic, type Replicas } from './support/system.js';

/**
 * `npm run gauntlet` (docs/reliability.md): two production replicas behind a round-robin proxy,
 * one PostgreSQL, the OSCAR simulator and the Telnyx fake; scripted calls while a replica is
 * killed, the simulator misbehaves and PostgreSQL restarts; then checks in the simulator, the
 * database and the fake, figures, and PASS/FAIL lines. Exit 1 when a hard target or a
 * precondition (the run really booked, the faults really fired) fails.
 */

const verdicts: Verdict[] = [];
const verdict = (level: Verdict['level'], name: string, pass: boolean, detail: string) => verdicts.push({ level, name, pass, detail });

let cluster: RestartableCluster;
let sim: BenchSimulator;
let telnyx: TelnyxFake;
let replicas: Replicas;
const apis: (BenchApi | undefined)[] = [undefined, undefined];
let proxy: RoundRobinProxy;
let token: string;
let clinics: GauntletClinic[] = [];
const peakRss = [0, 0];
let rssTimer: NodeJS.Timeout | undefined;

function sampleRss(): void {
  apis.forEach((api, i) => {
    const rss = api ? rssBytes(api.process.pid) : undefined;
    if (rss && rss > peakRss[i]) peakRss[i] = rss;
  });
}

const DB = 'voicedesk_gauntlet';

describe('gauntlet', () => {
  beforeAll(async () => {
    say(`\n== VoiceDesk gauntlet: ${describeGauntletOptions()}`);
    const setupStarted = Date.now();
    cluster = await startRestartableCluster();
    sim = await startSimulator(gauntletSimData(o.clinics, o.calls));
    telnyx = await startTelnyxFake();
    replicas = await prepareReplicas(cluster, DB, {
      TELNYX_API_KEY: telnyx.apiKey,
      TELNYX_BASE_URL: telnyx.baseUrl,
      // tool calls are never answered 429; the ratio measurement sends far more than a clinic's calls
      RATE_LIMIT_WEBHOOK_PER_MINUTE: '1000000',
    });
    // the first replica migrates the empty database; the second starts once it is done
    apis[0] = await replicas.start(0);
    token = await adminSession(apis[0], replicas.databaseUrl);
    // four clinics at a time, as a few admins would
    const provisioned: Awaited<ReturnType<typeof provisionClinic>>[] = [];
    for (let i = 0; i < o.clinics; i += 4) {
      provisioned.push(...(await Promise.all(Array.from({ length: Math.min(4, o.clinics - i) }, (_, k) => provisionClinic(apis[0]!, token, sim, i + k)))));
    }
    clinics = provisioned;
    const statuses = [...new Set(provisioned.map((c) => c.status))].join(', ');
    apis[1] = await replicas.start(1);
    proxy = await startProxy(apis.map((a) => a!.baseUrl));
    rssTimer = setInterval(sampleRss, 500);
    // the schedule caches warm in the background after the sync; give them the time an admin would
    await waitForWarmCaches();
    say(`set-up: ${o.clinics} clinics (${statuses}), 2 replicas, proxy, simulator, Telnyx fake, PostgreSQL — ${fmt((Date.now() - setupStarted) / 1000)} s`);
  });

  afterAll(async () => {
    if (rssTimer) clearInterval(rssTimer);
    await proxy?.close();
    await Promise.all(apis.map((a) => a?.stop()));
    await sim?.stop();
    await telnyx?.close();
    await cluster?.stop();
    const kept = cleanWorkDir();
    if (kept) say(`children's logs kept in ${kept}`);
  });

  it('loses nothing and doubles nothing under a replica kill, EMR faults and a PostgreSQL restart', async () => {
    const deliveries: Delivery[] = [];
    const startedAt = Date.now();
    const S = o.seconds * 1000;
    const calls = Array.from({ length: o.calls }, (_, i) => new ScriptedCall(
      proxy.url, replicas.secrets.VAPI_WEBHOOK_SECRET, i, gauntletCaller(i), clinics[i % clinics.length], (d) => deliveries.push(d), startedAt,
    ));
    // every call is on the line within the first third; its ~11 tool calls spread over half the run
    const pauseMean = (0.5 * S) / 11;
    const pause = () => pauseMean * (0.5 + Math.random());
    const callsDone = Promise.all(calls.map(async (c) => {
      await sleep(Math.random() * 0.33 * S);
      await runScript(c, pause);
    }));
    const disruptions = o.faults ? await disrupt(startedAt, S) : { windows: [], evidence: [] as Verdict[] };
    await callsDone;
    const loadSeconds = (Date.now() - startedAt) / 1000;
    await sim.control.clearFaults();

    // texts still queued or retrying after the load (backoff after the PostgreSQL restart), and in-doubt changes still being reconciled
    const settleStarted = Date.now();
    let pending = await pendingTexts();
    while (pending > 0 && Date.now() - settleStarted < o.smsSettleSeconds * 1000) {
      await sleep(2000);
      pending = await pendingTexts();
    }
    await sleep(3000);

    // ---- what the system holds now
    const appointments = await sim.control.appointments();
    const logRows = await cluster.query<CallLogRow>(DB, 'SELECT vapi_call_id, outcome, sms_consent, appointment_id FROM call_logs WHERE vapi_call_id = ANY($1)', [calls.map((c) => c.vapi.id)]);
    const logs = new Map(logRows.map((r) => [r.vapi_call_id, r]));
    const records = calls.map((c) => c.record);
    const toolDeliveries = deliveries.filter((d) => d.tool !== 'end-of-call-report');

    // ---- figures
    say(`\n-- load: ${o.calls} calls, ${o.clinics} clinics, ${fmt(loadSeconds)} s, ${deliveries.length} deliveries (${deliveries.filter((d) => d.attempt > 1).length} resent: the proxy lost them, or Vapi's backoffPlan after a non-2xx answer), ${fmt(deliveries.length / loadSeconds)} requests/s`);
    const tools = [...new Set(deliveries.map((d) => d.tool))];
    for (const tool of tools) {
      const mine = deliveries.filter((d) => d.tool === tool);
      const kinds = countBy(mine.map((d) => d.kind));
      say(`${tool}: p50 ${fmt(percentile(mine.map((d) => d.ms), 50))} ms, p99 ${fmt(percentile(mine.map((d) => d.ms), 99))} ms, max ${fmt(Math.max(...mine.map((d) => d.ms)))} ms · n=${mine.length} · ${kinds}`);
    }
    const alternated = calls.filter((c) => new Set(deliveries.filter((d) => d.callIndex === c.index && d.servedBy !== undefined).map((d) => d.servedBy)).size === 2).length;
    say(`replicas: answers ${proxy.stats.served.join(' / ')}, failovers ${proxy.stats.failovers}, lost by the proxy ${proxy.stats.lost}, no replica ${proxy.stats.noUpstream}; calls served by both replicas ${alternated}/${o.calls}`);
    sampleRss();
    say(`peak RSS: replica 0 ${fmt(peakRss[0] / 2 ** 20)} MB, replica 1 ${fmt(peakRss[1] / 2 ** 20)} MB (printed, not enforced)`);
    say(`simulator: ${appointments.length} appointments held, SOAP ${JSON.stringify((await sim.control.counters()).faultsByKind)} faults over the run`);

    // ---- preconditions: the run did what it claims
    const bookedAnswers = deliveries.filter((d) => d.kind === 'booked').length;
    const bookings = checkBookings(records, appointments, logs);
    verdict('precondition', 'calls booked', bookedAnswers > 0 && bookings.ours > 0, `${bookedAnswers} 'booked' answers, ${records.filter((r) => r.moved).length} moves, ${records.filter((r) => r.cancelled).length} cancels told to callers; ${bookings.ours} appointments in the simulator carry a call id of this run`);
    verdict('precondition', 'bookings moved and cancelled', records.some((r) => r.moved) && records.some((r) => r.cancelled), `${records.filter((r) => r.moved).length} moves and ${records.filter((r) => r.cancelled).length} cancellations told to callers`);
    verdict('precondition', 'calls alternated between replicas', alternated > 0, `${alternated} of ${o.calls} calls were answered by both replicas`);
    verdicts.push(...disruptions.evidence);

    // ---- hard targets
    // what the caller heard from the tools that change appointments, for a finding's detail
    const heard = (callIndex: number) => deliveries.filter((d) => d.callIndex === callIndex && /_appointment$/.test(d.tool) && d.tool !== 'find_earliest_appointment' && d.tool !== 'check_appointments')
      .map((d) => `${d.tool.replace('_appointment', '')} ${d.kind}${d.attempt > 1 ? ` (resend ${d.attempt})` : ''}`).join(' → ');
    const logOutcome = (callIndex: number) => logs.get(calls[callIndex].vapi.id)?.outcome ?? 'no call log';
    verdict('hard', '0 lost bookings', bookings.withoutCallLog.length + bookings.withoutOutcome.length + bookings.toldButAbsent.length === 0,
      `${bookings.ours} appointments in the simulator carry a call id: ${bookings.withoutCallLog.length} without a call log, ${bookings.withoutOutcome.length} whose call log records no booking; ${bookings.toldButAbsent.length} told to a caller but absent`
      + `${list([...bookings.withoutCallLog, ...bookings.withoutOutcome, ...bookings.toldButAbsent].map((b) => `call #${b.call} [heard: ${heard(b.call)}; call log: ${logOutcome(b.call)}]`))}`);
    const callLogs = checkCallLogs(records, logs);
    verdict('hard', '0 lost call logs (every call has its one call log)', callLogs.missing.length === 0,
      `${logs.size} call logs for ${o.calls} calls; missing ${callLogs.missing.length} (their report answered 2xx: ${callLogs.missing.filter((m) => m.reported).length}, answered 5xx or lost: ${callLogs.missing.filter((m) => !m.reported).length})${list(callLogs.missing.map((m) => `#${m.call}`))}`);
    verdict('hard', 'call logs hold what the callers were told (outcome, SMS consent)', callLogs.eventsLost.length === 0,
      `${callLogs.eventsLost.length} events missing${list(callLogs.eventsLost.map((e) => `#${e.call} ${e.what}`))}`);
    const texts = checkTexts(records, telnyx.sent, disruptions.windows);
    verdict('precondition', 'texts expected', texts.expected > 0, `${texts.expected} booking events told to callers who consented; ${telnyx.sent.length} texts at the Telnyx fake; ${pending} still queued or retrying after ${fmt((Date.now() - settleStarted) / 1000)} s`);
    // where a missing text stopped: never written (no row), refused by a guard, failed, …
    const smsRows = await cluster.query<{ vapi_call_id: string; template_kind: string; status: string; error_code: string | null }>(DB,
      "SELECT vapi_call_id, template_kind, status, error_code FROM sms_messages WHERE direction = 'outbound' AND vapi_call_id = ANY($1)", [texts.missing.map((m) => calls[m.call].vapi.id)]);
    const smsState = (m: { call: number; kind: string }) => {
      const rows = smsRows.filter((r) => r.vapi_call_id === calls[m.call].vapi.id && r.template_kind === m.kind);
      return rows.length ? rows.map((r) => `${r.status}${r.error_code ? ` ${r.error_code}` : ''}`).join('+') : 'no sms_messages row';
    };
    verdict('hard', '0 lost texts', texts.missing.length === 0, `${texts.missing.length} of ${texts.expected} missing${list(texts.missing.map((m) => `#${m.call} ${m.kind} (${smsState(m)})`))}`);
    verdict('hard', '0 doubled texts outside the documented window (docs/sms.md)', texts.doublesOutside.length === 0,
      `${texts.doublesOutside.length} outside${list(texts.doublesOutside.map((d) => `#${d.call} ${d.kind} ×${d.copies}`))}`);
    verdict('printed', 'doubled texts inside the documented window (counted)', true,
      `${texts.doublesInWindow.length}${list(texts.doublesInWindow.map((d) => `#${d.call} ${d.kind} ×${d.copies} (${d.window})`))}; texts for events no caller was told of: ${texts.unexpected}`);
    const doubles = doubleBookings(appointments);
    verdict('hard', '0 double bookings (no slot holds two)', doubles.length === 0, `${doubles.length} overlapping pairs${list(doubles.map(([a, b]) => `${a.id}/${b.id} provider ${a.providerNo}`))}`);
    const fiveXx = deliveries.filter((d) => d.kind === 'HTTP 5xx');
    const errorsLogged = fiveXx.length ? loggedErrors(readdirSync(WORK_DIR).filter((f) => /^api-.*\.log$/.test(f)).map((f) => ({ path: join(WORK_DIR, f) }))) : [];
    verdict('hard', '0 5xx from the API', fiveXx.length === 0, `${fiveXx.length}${list(Object.entries(countByTool(fiveXx)).map(([t, n]) => `${t} ×${n}`))}; the proxy's own 502s for requests a killed replica took with it: ${deliveries.filter((d) => d.kind === 'proxy lost').length} (resent, not counted)`
      + `${errorsLogged.length ? `; errors the replicas logged: ${errorsLogged.slice(0, 6).join(' | ')}` : ''}`);
    const noReplica = deliveries.filter((d) => d.kind === 'no replica' || d.kind === 'network error');
    verdict('hard', 'a replica always answered', noReplica.length === 0, `${noReplica.length} deliveries found no replica`);
    const late = checkDeadline(toolDeliveries, o.deadlineMs);
    verdict('hard', `every tool answered inside ${o.deadlineMs / 1000} s`, late.over.length === 0,
      `${late.over.length} of ${toolDeliveries.length} over, slowest ${fmt(late.max)} ms${late.over.length ? `: ${countBy(late.over.map((d) => `${d.tool} answering ${d.kind}`))}` : ''}`);

    // ---- one replica vs two on a cheap tool
    if (o.ratioSeconds > 0) await ratioFigure();
    report();
  });

  it('fuzzing: generated webhook payloads and malformed REST bodies answer no 5xx, crash nothing', async () => {
    if (o.fuzzRuns === 0) return say('\n-- fuzzing skipped (GAUNTLET_FUZZ_RUNS=0)');
    const api = apis[0]!;
    const fuzz = await runFuzz({ api, secret: replicas.secrets.VAPI_WEBHOOK_SECRET, token, clinics, runs: o.fuzzRuns, seed: o.fuzzSeed });
    say(`\n-- fuzzing: ${fuzz.sent} requests (seed ${o.fuzzSeed}) to replica 0 in ${fmt(fuzz.seconds)} s · status ${fuzz.statuses}`);
    say(`RSS of replica 0: ${fmt(fuzz.rssBefore / 2 ** 20)} MB after warm-up, ${fmt(fuzz.rssAfter / 2 ** 20)} MB after (${fmt(fuzz.rssAfter / fuzz.rssBefore)}×)`);
    verdicts.length = 0;
    verdict('precondition', 'fuzz payloads sent', fuzz.sent >= o.fuzzRuns, `${fuzz.sent} of ${o.fuzzRuns} (${fuzz.webhook} webhook deliveries, ${fuzz.rest} REST bodies)`);
    verdict('hard', 'fuzzing: 0 5xx', fuzz.fiveXx.length === 0, `${fuzz.fiveXx.length}${list(countBy(fuzz.fiveXx).split(', ').filter(Boolean))}${fuzz.errors.length ? `; errors logged: ${fuzz.errors.slice(0, 5).join(' | ')}` : ''}`);
    verdict('hard', 'fuzzing: the replica never crashed', fuzz.alive, fuzz.alive ? 'alive and healthy after the run' : 'the process ended or stopped answering /api/health');
    verdict('hard', 'fuzzing: no unhandled rejection or uncaught exception in its output', fuzz.unhandled.length === 0, `${fuzz.unhandled.length}${list(fuzz.unhandled.slice(0, 5))}`);
    verdict('printed', 'fuzzing: memory flat (after ≤ 1.25× warm-up + 32 MB)', fuzz.rssAfter <= fuzz.rssBefore * 1.25 + 32 * 2 ** 20, `${fmt(fuzz.rssBefore / 2 ** 20)} → ${fmt(fuzz.rssAfter / 2 ** 20)} MB`);
    report();
  });
});

/** The disruption schedule, in fractions of the run; each leaves evidence that it really happened. */
async function disrupt(startedAt: number, S: number): Promise<{ windows: CrashWindow[]; evidence: Verdict[] }> {
  const windows: CrashWindow[] = [];
  const evidence: Verdict[] = [];
  const windowMs = Math.max(4000, 0.07 * S);
  const at = async (fraction: number) => {
    const wait = startedAt + fraction * S - Date.now();
    if (wait > 0) await sleep(wait);
  };
  const counters = () => sim.control.counters();
  const simFault = async (fraction: number, name: string, rule: Record<string, number>, kind?: string) => {
    await at(fraction);
    const before = await counters();
    const t0 = Date.now() - startedAt;
    await sim.control.setFaults([rule]);
    const firedSince = async () => {
      const now = await counters();
      return kind ? (now.faultsByKind[kind] ?? 0) - (before.faultsByKind[kind] ?? 0) : now.total - before.total;
    };
    await sleep(windowMs);
    // a quiet moment (few calls between two tool calls) may leave the fault unused: keep it on, up to 3 windows
    while ((await firedSince()) === 0 && Date.now() - startedAt - t0 < 3 * windowMs) await sleep(500);
    await sim.control.clearFaults();
    const fired = await firedSince();
    const lasted = (Date.now() - startedAt - t0) / 1000;
    const what = kind ? `${fired} SOAP calls answered '${kind}'` : `${fired} SOAP calls slowed`;
    evidence.push({ level: 'precondition', name: `fault fired: ${name}`, pass: fired > 0, detail: `${what} in ${fmt(lasted)} s from t=${fmt(t0 / 1000)} s` });
    say(`t=${fmt(t0 / 1000)} s: ${name} for ${fmt(lasted)} s — ${what}`);
  };

  await simFault(0.1, 'simulator 2 s latency', { latencyMs: 2000 });

  // kill -9 of replica 1; the survivor answers; the replica restarts (in the background: a start
  // takes seconds to tens of seconds on a busy machine) and rejoins
  await at(0.2);
  const victim = apis[1]!;
  const servedBefore = [...proxy.stats.served];
  const killedAt = Date.now();
  process.kill(victim.process.pid, 'SIGKILL');
  say(`t=${fmt((killedAt - startedAt) / 1000)} s: kill -9 of replica 1`);
  let servedAtRejoin = 0;
  let survivorServed = 0;
  const rejoined = (async () => {
    await sleep(windowMs);
    survivorServed = proxy.stats.served[0] - servedBefore[0];
    apis[1] = await replicas.start(1);
    proxy.setUpstream(1, apis[1].baseUrl);
    const rejoinedAt = Date.now();
    windows.push({ what: 'replica 1 killed', from: killedAt, to: rejoinedAt });
    servedAtRejoin = proxy.stats.served[1];
    say(`t=${fmt((rejoinedAt - startedAt) / 1000)} s: replica 1 restarted and back behind the proxy (${fmt((rejoinedAt - killedAt) / 1000)} s after the kill); the survivor answered ${survivorServed} in the first ${fmt(windowMs / 1000)} s`);
    evidence.push({ level: 'precondition', name: 'kill -9: the survivor answered meanwhile', pass: survivorServed > 0, detail: `${survivorServed} answers from replica 0 in the ${fmt(windowMs / 1000)} s after the kill` });
  })();

  await simFault(0.34, 'simulator 50 % errors', { errorRate: 0.5 }, 'soapFault');
  await simFault(0.44, 'simulator hangs (50 %)', { hangRate: 0.5 }, 'hang');
  await simFault(0.54, 'simulator malformed XML (50 %)', { malformedRate: 0.5 }, 'malformed');
  await simFault(0.64, 'simulator connection resets (50 %)', { resetRate: 0.5 }, 'reset');

  await at(0.74);
  const { stoppedAt, startedAt: pgBack } = await cluster.restart(3000);
  windows.push({ what: 'PostgreSQL restart', from: stoppedAt, to: pgBack + 5000 });
  say(`t=${fmt((stoppedAt - startedAt) / 1000)} s: PostgreSQL stopped, started again ${fmt((pgBack - stoppedAt) / 1000)} s later`);
  evidence.push({ level: 'precondition', name: 'PostgreSQL restarted during the load', pass: pgBack > stoppedAt, detail: `down ${fmt((pgBack - stoppedAt) / 1000)} s` });

  // the restarted replica has taken work since it rejoined
  await rejoined;
  await at(0.9);
  const organic = proxy.stats.served[1] - servedAtRejoin;
  // no call happened to reach it (the calls were over): a few unpinned deliveries through the proxy
  if (organic === 0) await Promise.all(clinics.slice(0, 1).flatMap((c) => signedDeliveries({ id: c.id, vapiPhone: c.vapiPhone }, replicas.secrets.VAPI_WEBHOOK_SECRET, 'get_clinic_info', 4))
    .map((d) => fetch(`${proxy.url}/api/vapi/webhook`, { method: 'POST', headers: d.headers, body: d.body }).then((r) => r.arrayBuffer())));
  const rejoinedServed = proxy.stats.served[1] - servedAtRejoin;
  evidence.push({ level: 'precondition', name: 'kill -9: the restarted replica rejoined', pass: rejoinedServed > 0, detail: `${rejoinedServed} answers from replica 1 after its restart${organic === 0 ? ' (to 4 probe deliveries: no call reached it before the load ended)' : ''}` });
  return { windows, evidence };
}

async function pendingTexts(): Promise<number> {
  try {
    const rows = await cluster.query<{ n: string }>(DB, "SELECT count(*) AS n FROM sms_messages WHERE direction = 'outbound' AND status IN ('queued', 'sending')");
    return Number(rows[0].n) + (await pendingReconciliations());
  } catch {
    return -1;
  }
}

/** Ended calls whose changes answered as failed are still being read back from OSCAR (their call log and text may follow). */
async function pendingReconciliations(): Promise<number> {
  try {
    const rows = await cluster.query<{ n: string }>(DB, "SELECT count(*) AS n FROM call_metadata WHERE reported_at IS NOT NULL AND in_doubt <> '[]'::jsonb");
    return Number(rows[0].n);
  } catch {
    return 0; // a build without in-doubt reconciliation
  }
}

async function waitForWarmCaches(): Promise<void> {
  const until = Date.now() + 120_000;
  for (const clinic of clinics) {
    for (;;) {
      const r = await fetch(`${apis[0]!.baseUrl}/api/clinics/${clinic.id}/schedule-cache`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await r.json().catch(() => ({}))) as { warm?: boolean };
      if (r.status !== 200 || body.warm || Date.now() > until) break;
      await sleep(500);
    }
  }
}

/** get_clinic_info through the proxy with one replica taking the requests, then both. */
async function ratioFigure(): Promise<void> {
  const deliveries = () => clinics.flatMap((c) => signedDeliveries({ id: c.id, vapiPhone: c.vapiPhone }, replicas.secrets.VAPI_WEBHOOK_SECRET, 'get_clinic_info', Math.ceil(2000 / clinics.length)));
  const options = { connections: o.ratioConnections, durationSeconds: o.ratioSeconds };
  proxy.only([0]);
  const one = await loadWebhook(proxy.url, deliveries(), options);
  proxy.only(undefined);
  const two = await loadWebhook(proxy.url, deliveries(), options);
  say(`\n-- get_clinic_info, ${o.ratioConnections} connections × ${o.ratioSeconds} s through the proxy: one replica ${fmt(one.rps)} req/s (p99 ${fmt(one.p99)} ms), two replicas ${fmt(two.rps)} req/s (p99 ${fmt(two.p99)} ms): ratio two/one ${fmt(two.rps / one.rps)}× (printed, not enforced: both replicas, PostgreSQL, the proxy and the load share the cores) · non-2xx ${one.non2xx}/${two.non2xx}, tool errors ${one.toolErrors}/${two.toolErrors}`);
}

function report(): void {
  say('');
  for (const v of verdicts) {
    const tag = v.level === 'printed' ? 'INFO' : v.pass ? 'PASS' : 'FAIL';
    say(`${tag}${v.level === 'precondition' ? ' (precondition)' : ''}: ${v.name} — ${v.detail}`);
  }
  const failed = verdicts.filter((v) => v.level !== 'printed' && !v.pass).map((v) => v.name);
  expect(failed, 'hard targets or preconditions that failed').toEqual([]);
}

function countBy(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
}

function countByTool(ds: Delivery[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of ds) out[d.tool] = (out[d.tool] ?? 0) + 1;
  return out;
}

/** up to 8 items after a colon, for a verdict's detail */
function list(items: string[]): string {
  if (items.length === 0) return '';
  return `: ${items.slice(0, 8).join(', ')}${items.length > 8 ? ` … (+${items.length - 8})` : ''}`;
}
