import { afterAll, beforeAll, describe, it } from 'vitest';
import { describeWarmWait, newSecrets, type BenchApi } from './support/api.js';
import { benchOptions, describeOptions } from './support/options.js';
import { cleanWorkDir, sleep } from './support/processes.js';
import { benchSimData, dayLabel, PROVIDER_COUNT } from './support/sim-data.js';
import { startSimulator, type BenchSimulator } from './support/simulator.js';
import { figure, fmt, median, percentile, say } from './support/stats.js';
import { startSystem, type BenchSystem } from './support/system.js';
import { CallerPool, VoiceCall, type ToolOutcome } from './support/voice.js';

/**
 * `npm run bench:slots`: how long a caller waits for `find_earliest_appointment` and
 * `create_appointment`, measured from outside — signed Vapi deliveries over HTTP to the built API
 * (its own process, NODE_ENV=production, embedded PostgreSQL), which talks SOAP to the OSCAR
 * simulator (its own process) slowed by its `latencyMs` knob. Times are given in SOAP round trips
 * (RTT, a raw `isAlive` timed in the same run); SOAP calls are the simulator's counters.
 * Scenario and figures: bench/README.md.
 */

const opts = benchOptions;
const secrets = newSecrets();
const callers = new CallerPool();

interface Sample {
  ms: number;
  soapCalls: number;
  kind: string;
}

/** A new Vapi call from a patient who has not called yet, to the system's clinic (on `api`, else its first replica). */
function newCaller(system: BenchSystem, api: BenchApi = system.api): VoiceCall {
  return new VoiceCall(api, secrets.VAPI_WEBHOOK_SECRET, callers.take(), system.clinic);
}

/** A tool call timed alone, with the SOAP calls the simulator counted while it ran. */
async function counted(sim: BenchSimulator, run: () => Promise<ToolOutcome>): Promise<Sample & { outcome: ToolOutcome }> {
  await sim.resetCounters();
  const outcome = await run();
  return { ms: outcome.ms, soapCalls: await sim.soapCalls(), kind: outcome.kind, outcome };
}

function kinds(samples: Sample[]): string {
  const counts = new Map<string, number>();
  for (const s of samples) counts.set(s.kind, (counts.get(s.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => (samples.length > 1 ? `${n}× ${kind}` : kind)).join(', ');
}

/** One report line of a tool's timing in RTT: the median of the samples, with their range and SOAP calls. */
function timingLine(name: string, samples: Sample[], rtt: { name: string; value: number }, target?: string): string {
  if (samples.length === 0) return `${name}: not measured (no offer to book)`;
  const ms = samples.map((s) => s.ms);
  const spread = samples.length > 1 ? `median of ${samples.length} (${fmt(Math.min(...ms))}–${fmt(Math.max(...ms))} ms)` : '';
  return figure(name, median(ms), 'ms', rtt, `${fmt(median(samples.map((s) => s.soapCalls)))} SOAP calls`, kinds(samples), spread, target ? `target ${target}` : '');
}

describe('bench:slots', () => {
  let sim: BenchSimulator;

  beforeAll(async () => {
    sim = await startSimulator(benchSimData(1));
    say();
    say(`bench:slots — ${PROVIDER_COUNT} providers Mon–Fri 09:00–17:00 in 15-min slots, every slot before day D booked; ${describeOptions(['reps', 'latencies', 'days', 'crowds', 'gapSeconds'])}`);
    say('Times: wall time of the signed webhook delivery; ratio = multiples of one raw SOAP round trip (RTT) measured in this run.');
  }, 120_000);

  afterAll(async () => {
    await sim?.stop();
    const kept = cleanWorkDir();
    if (kept) say(`logs of the API and the simulator: ${kept}`);
  });

  it('find_earliest_appointment and create_appointment, per simulator latency and first free day', async () => {
    for (const latency of opts.latencies) {
      for (const day of opts.days) await measureDay(latency, day);
    }
  }, 60 * 60_000);

  it('many callers phoning one clinic at the same moment', async () => {
    const latency = 50;
    await sim.load(benchSimData(1));
    await sim.setLatency(latency);
    const rttMs = await sim.soapRtt();
    const rtt = { name: `SOAP RTT ${fmt(rttMs)} ms`, value: rttMs };
    say();
    say(`— many callers at once: simulator latency ${latency} ms, first free day 1 (${dayLabel(1)}), ${rtt.name}`);
    const system = await startSystem(sim, secrets);
    try {
      const wait = await system.waitForWarmCache({ timeoutSeconds: opts.warmTimeoutSeconds, fallbackSeconds: opts.warmFallbackSeconds });
      say(`schedule cache warm after sync (${PROVIDER_COUNT} providers × 30 days, ${latency} ms): ${describeWarmWait(wait)} · target ≤ 30 s`);
      for (const size of opts.crowds) {
        await crowd(system, [system.api], size, rtt, size === opts.bookingCrowd);
        await sleep(opts.gapSeconds * 1000);
      }
      if (opts.replicas >= 2) {
        const apis = [system.api];
        for (let i = 1; i < opts.replicas; i += 1) apis.push(await system.addReplica());
        await crowd(system, apis, opts.bookingCrowd, rtt, true);
      }
    } finally {
      await system.stop();
    }
  }, 60 * 60_000);

  /** Cold, warm, "a new call right after another" and booking, on a fresh system with data file D. */
  async function measureDay(latency: number, day: number): Promise<void> {
    await sim.load(benchSimData(day));
    await sim.setLatency(latency);
    const rttMs = await sim.soapRtt();
    const rtt = { name: `SOAP RTT ${fmt(rttMs)} ms`, value: rttMs };
    const label = `${latency} ms, day ${day}`;
    say();
    say(`— simulator latency ${latency} ms, first free day D=${day} (${dayLabel(day)}), ${rtt.name}`);
    const system = await startSystem(sim, secrets);
    try {
      const first = newCaller(system);
      await first.identify();
      const cold = await counted(sim, () => first.tool('find_earliest_appointment'));
      say(timingLine(`find_earliest_appointment ${label}, cold (right after sync)`, [cold], rtt));

      const wait = await system.waitForWarmCache({ timeoutSeconds: opts.warmTimeoutSeconds, fallbackSeconds: opts.warmFallbackSeconds });
      say(`schedule cache warm after sync, ${label}: ${describeWarmWait(wait)}`);

      const warm: Sample[] = [];
      const create: Sample[] = [];
      const next: Sample[] = [];
      for (let rep = 0; rep < opts.reps; rep += 1) {
        const a = newCaller(system);
        await a.identify();
        const offer = await counted(sim, () => a.tool('find_earliest_appointment'));
        warm.push(offer);
        if (offer.kind === 'offer') create.push(await counted(sim, () => a.book(offer.outcome.data)));
        await sleep(opts.gapSeconds * 1000);
        const b = newCaller(system);
        await b.identify();
        next.push(await counted(sim, () => b.tool('find_earliest_appointment')));
        await sleep(opts.gapSeconds * 1000);
      }
      const headline = day === 1 || day === 21 ? '≤ 2× (day 1 and day 21, warm)' : undefined;
      say(timingLine(`find_earliest_appointment ${label}, warm`, warm, rtt, headline));
      say(timingLine(`find_earliest_appointment ${label}, a new call ${opts.gapSeconds} s after another`, next, rtt, '≤ 2×'));
      say(timingLine(`create_appointment ${label}`, create, rtt, '≤ 4×'));
    } finally {
      await system.stop();
    }
  }

  /**
   * `size` callers phone at the same moment, each a call of its own (its own Vapi call id and
   * number, a patient of its own), spread over `apis`: identify, find_earliest_appointment,
   * get_clinic_info; then, with `book`, each books the slot it was offered.
   */
  async function crowd(system: BenchSystem, apis: BenchApi[], size: number, rtt: { name: string; value: number }, book: boolean): Promise<void> {
    const where = apis.length > 1 ? ` over ${apis.length} API replicas` : '';
    const label = `${size} callers${where}`;
    const calls = Array.from({ length: size }, (_, i) => newCaller(system, apis[i % apis.length]));
    await sim.resetCounters();
    const started = performance.now();
    const outcomes = await Promise.all(calls.map(async (c) => {
      const identify = await c.identify();
      const find = await c.tool('find_earliest_appointment');
      const info = await c.tool('get_clinic_info');
      return { identify, find, info };
    }));
    const wallSeconds = (performance.now() - started) / 1000;
    const soapCalls = await sim.soapCalls();
    say(`${label}: all done in ${wallSeconds.toFixed(1)} s, ${soapCalls} SOAP calls`);
    say(crowdLine(`${label}, search_patient_by_phone`, outcomes.map((o) => o.identify), 'found', 'charts found', rtt));
    const target = size === 20 ? '0 EMR_UNAVAILABLE, p99 < 1 s' : undefined;
    say(crowdLine(`${label}, find_earliest_appointment`, outcomes.map((o) => o.find), 'offer', 'real offers', rtt, target));
    say(crowdLine(`${label}, get_clinic_info`, outcomes.map((o) => o.info), 'ok', 'answers', rtt));
    const offers = outcomes.map((o) => o.find).filter((f) => f.kind === 'offer');
    const distinct = new Set(offers.map((f) => `${f.data.providerId}|${f.data.startTime}`)).size;
    say(`${label}, distinct offered slots (providerId, startTime): ${distinct} of ${offers.length} offers · target all distinct`);
    if (!book) return;
    const bookings = await Promise.all(outcomes.map((o, i) => (o.find.kind === 'offer' ? calls[i].book(o.find.data) : undefined)));
    const made = bookings.filter((b): b is ToolOutcome => b !== undefined);
    const without = size - made.length;
    say(crowdLine(`${label}, create_appointment of each caller's own offer`, made, 'booked', 'booked', rtt, `${size} of ${size} booked`)
      + (without ? ` · ${without} callers had no offer to book` : ''));
  }
});

/** Per tool of a crowd: p99 as the figure, p50 beside it, then what the answers were. */
function crowdLine(name: string, outcomes: ToolOutcome[], realKind: string, realNoun: string, rtt: { name: string; value: number }, target?: string): string {
  const ms = outcomes.map((o) => o.ms);
  const count = (predicate: (o: ToolOutcome) => boolean) => outcomes.filter(predicate).length;
  const known = new Set([realKind, 'EMR_UNAVAILABLE', 'BUSY', 'HTTP 5xx']);
  const others = new Map<string, number>();
  for (const o of outcomes) if (!known.has(o.kind)) others.set(o.kind, (others.get(o.kind) ?? 0) + 1);
  const answers = [
    `${count((o) => o.kind === realKind)} ${realNoun}`,
    `${count((o) => o.kind === 'EMR_UNAVAILABLE')} EMR_UNAVAILABLE`,
    `${count((o) => o.kind === 'BUSY')} BUSY`,
    `${count((o) => o.kind === 'HTTP 5xx')} 5xx`,
    ...[...others].map(([kind, n]) => `${n} ${kind}`),
  ].join(', ');
  return figure(`${name} p99`, percentile(ms, 99), 'ms', rtt, `p50 ${fmt(percentile(ms, 50))} ms`, answers, target ? `target ${target}` : '');
}
