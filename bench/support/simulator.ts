import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../apps/api/src/database/free-port.js';
import { OscarSimControlClient } from '../../apps/oscar-sim/src/control/control-client.js';
import type { SimDataFile } from '../../apps/oscar-sim/src/data/data-file.js';
import { answers, builtScript, startNodeProcess, WORK_DIR, type NodeProcess } from './processes.js';
import { BENCH_LOGIN } from './sim-data.js';
import { median } from './stats.js';

/** The OSCAR simulator as a process of its own (`npm run sim`'s entry), driven over its control API. */
export interface BenchSimulator {
  /** OSCAR base URL, e.g. http://127.0.0.1:PORT/oscar (what a clinic's config points at) */
  url: string;
  control: OscarSimControlClient;
  process: NodeProcess;
  /** loads another data file; "today" becomes today again */
  load(data: SimDataFile): Promise<void>;
  /** every SOAP call answered `ms` later (the `latencyMs` fault knob); 0 removes it */
  setLatency(ms: number): Promise<void>;
  /** SOAP operations counted since the last reset (WSDL fetches not included) */
  soapCalls(): Promise<number>;
  resetCounters(): Promise<void>;
  /** the median wall time of `samples` raw SOAP round trips (SystemInfoService.isAlive), in ms */
  soapRtt(samples?: number): Promise<number>;
  stop(): Promise<void>;
}

const ISALIVE_ENVELOPE = '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
  + '<ns1:isAlive xmlns:ns1="http://ws.oscarehr.org/"/></soap:Body></soap:Envelope>';

export async function startSimulator(data: SimDataFile): Promise<BenchSimulator> {
  const port = await freePort();
  const dataFile = join(WORK_DIR, 'oscar-sim-data.json');
  writeFileSync(dataFile, JSON.stringify(data));
  const base = `http://127.0.0.1:${port}`;
  const proc = await startNodeProcess(
    'oscar-sim',
    [builtScript('dist/node/apps/oscar-sim/src/main.js')],
    { OSCAR_SIM_PORT: String(port), OSCAR_SIM_HOST: '127.0.0.1', OSCAR_SIM_DATA: dataFile },
    () => answers(`${base}/__control`),
  );
  const control = new OscarSimControlClient(`${base}/__control`);
  const oneRoundTrip = async () => {
    const started = performance.now();
    const response = await fetch(`${base}/oscar/ws/SystemInfoService`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '""' },
      body: ISALIVE_ENVELOPE,
    });
    const text = await response.text();
    if (!text.includes('alive')) throw new Error(`isAlive answered ${response.status}`);
    return performance.now() - started;
  };
  return {
    url: `${base}/oscar`,
    control,
    process: proc,
    load: (file) => control.loadData(file),
    setLatency: (ms) => control.setFaults(ms > 0 ? [{ latencyMs: ms }] : []),
    soapCalls: async () => (await control.counters()).total,
    resetCounters: () => control.resetCounters(),
    async soapRtt(samples = 10) {
      await oneRoundTrip(); // connection set up
      const times: number[] = [];
      for (let i = 0; i < samples; i += 1) times.push(await oneRoundTrip());
      return median(times);
    },
    stop: () => proc.stop(),
  };
}

/** The EMR section of a clinic's config that connects it to the simulator with the data file's login. */
export function simEmrConfig(sim: BenchSimulator) {
  return { oscarUrl: sim.url, oscarSoapUsername: String(BENCH_LOGIN.securityNo), oscarSoapPassword: BENCH_LOGIN.password };
}
