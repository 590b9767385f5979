import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { WsdlCache } from '../apps/api/src/emr/oscar-soap-client.js';
import { readRepliesFast } from '../apps/api/src/emr/soap-fast-replies.js';
import { soap, type SoapClient } from '../apps/api/src/emr/strong-soap.js';
import { BENCH_LOGIN, BENCH_TIMEZONE, benchSimData } from './support/sim-data.js';
import { startSimulator, type BenchSimulator } from './support/simulator.js';
import { median } from './support/stats.js';

/**
 * `npm run bench:range-read`: where the time of the search's biggest EMR read goes — one provider's
 * month of appointments (a fully booked provider-month: ~480 rows, ~230 kB) — on the simulator
 * alone (raw HTTP) and through the API's SOAP client (strong-soap with the fast reply reader), one
 * at a time and six at once, and the fixed cost of a small read (an empty day). No latency knob:
 * these are the costs the 50 ms of a real round trip come on top of. Figures: bench/README.md.
 */
let sim: BenchSimulator;
let client: SoapClient;

function call(c: SoapClient, operation: string, args: Record<string, unknown>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    (c[operation] as (a: unknown, cb: (e: Error | null, r?: unknown) => void) => void)(args, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

beforeAll(async () => {
  sim = await startSimulator(benchSimData(21));
  const endpoint = `${sim.url}/ws/ScheduleService`;
  const wsdl = await new WsdlCache().get(`${endpoint}?wsdl`, { tlsVerify: true });
  client = new soap.Client(wsdl, endpoint) as SoapClient;
  client.setSecurity(new soap.WSSecurity(String(BENCH_LOGIN.securityNo), BENCH_LOGIN.password, { hasTimeStamp: false, hasTokenCreated: false }));
  readRepliesFast(client);
}, 120_000);
afterAll(async () => sim?.stop());

describe('bench:range-read', () => {
  it('a provider-month and an empty day, alone and at once', async () => {
    const today = DateTime.now().setZone(BENCH_TIMEZONE).startOf('day');
    const args = (p: number) => ({ arg0: today.toJSDate(), arg1: today.plus({ days: 31 }).toJSDate(), arg2: String(101 + p), arg3: true });
    await call(client, 'getAppointmentsForDateRangeAndProvider2', args(0));
    const envelope = (client as unknown as { lastRequest: string }).lastRequest;
    const raw = async () => {
      const t = performance.now();
      const r = await fetch(`${sim.url}/ws/ScheduleService`, { method: 'POST', headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '""' }, body: envelope });
      const text = await r.text();
      return { ms: performance.now() - t, bytes: text.length };
    };
    const seq: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 8; i++) { const r = await raw(); seq.push(r.ms); bytes = r.bytes; }
    console.log(`raw fetch one provider-month: ${median(seq).toFixed(1)} ms median, ${bytes} bytes`);
    const par: number[] = [];
    for (let i = 0; i < 5; i++) { const t = performance.now(); await Promise.all([0, 1, 2, 3, 4, 5].map(() => raw())); par.push(performance.now() - t); }
    console.log(`raw fetch 6 at once: ${median(par).toFixed(1)} ms median`);
    const full: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < 8; i++) {
      const c0 = process.cpuUsage(); const t = performance.now();
      const rows = await call(client, 'getAppointmentsForDateRangeAndProvider2', args(i % 6));
      full.push(performance.now() - t); const c = process.cpuUsage(c0); cpu.push((c.user + c.system) / 1000);
      if (i === 0) console.log(`rows: ${(rows as { return?: unknown[] }).return?.length}`);
    }
    console.log(`strong-soap+fast one provider-month: ${median(full).toFixed(1)} ms wall, ${median(cpu).toFixed(1)} ms client CPU`);
    const fullPar: number[] = [];
    const cpuPar: number[] = [];
    for (let i = 0; i < 5; i++) {
      const c0 = process.cpuUsage(); const t = performance.now();
      await Promise.all([0, 1, 2, 3, 4, 5].map((p) => call(client, 'getAppointmentsForDateRangeAndProvider2', args(p))));
      fullPar.push(performance.now() - t); const c = process.cpuUsage(c0); cpuPar.push((c.user + c.system) / 1000);
    }
    console.log(`strong-soap+fast 6 at once: ${median(fullPar).toFixed(1)} ms wall, ${median(cpuPar).toFixed(1)} ms client CPU`);
    const day = (p: number) => ({ arg0: today.plus({ days: 25 }).toJSDate(), arg1: today.plus({ days: 26 }).toJSDate(), arg2: String(101 + p), arg3: true });
    const small: number[] = [];
    const smallCpu: number[] = [];
    for (let i = 0; i < 40; i++) {
      const c0 = process.cpuUsage(); const t = performance.now();
      await call(client, 'getAppointmentsForDateRangeAndProvider2', day(i % 6));
      small.push(performance.now() - t); const c = process.cpuUsage(c0); smallCpu.push((c.user + c.system) / 1000);
    }
    console.log(`one empty day: ${median(small).toFixed(2)} ms wall, ${median(smallCpu).toFixed(2)} ms client CPU`);
    const smallPar: number[] = [];
    for (let i = 0; i < 10; i++) { const t = performance.now(); await Promise.all([0, 1, 2, 3, 4, 5, 0].map((p) => call(client, 'getAppointmentsForDateRangeAndProvider2', day(p)))); smallPar.push(performance.now() - t); }
    console.log(`7 empty days at once: ${median(smallPar).toFixed(2)} ms wall`);
  }, 120_000);
});
