import type { OscarSimControl } from './control/control-types.js';
import type { SimDataFile, SimLogin } from './data/data-file.js';
import { createDemoData } from './data/demo/demo-data.js';
import { readDataFile } from './data/validate-data-file.js';
import type { FaultRule } from './faults/fault-rules.js';
import { OscarSimServer } from './server/sim-server.js';

export type { OscarSimControl, SimStatus, ResetOptions, CounterSnapshot } from './control/control-types.js';
export type { FaultRule } from './faults/fault-rules.js';
export type * from './data/data-file.js';
export { OscarSimControlClient } from './control/control-client.js';
export { createDemoData } from './data/demo/demo-data.js';
export { DataFileError, validateDataFile } from './data/validate-data-file.js';
export { faultRuleFromEnv } from './faults/fault-rules.js';

export interface StartOscarSimOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Path of a data file (SPEC §12). */
  dataFile?: string;
  /** Data as an object; wins over dataFile. Neither → the built-in demo data. */
  data?: SimDataFile;
  /** Fix "today" (yyyy-MM-dd in the data's zone). */
  today?: string;
  /** Override the server (JVM) time zone of the data. */
  timezone?: string;
  /** Servlet context path, default /oscar. */
  contextPath?: string;
  /** Fault rules active from the start (and after a reset). */
  faultRules?: FaultRule[];
  /** Sleep after a wrong password, default 250 ms like OSCAR. */
  badPasswordDelayMs?: number;
}

export interface RunningOscarSim {
  /** OSCAR base URL, e.g. http://127.0.0.1:8091/oscar (endpoints are `${url}/ws/<Service>`). */
  url: string;
  /** `${url}/ws` */
  wsUrl: string;
  /** http://host:port/__control */
  controlUrl: string;
  port: number;
  /** The data file in use at start. */
  data: SimDataFile;
  /** The data file's first login (what the demo clinic connects with). */
  login: SimLogin;
  control: OscarSimControl;
  close(): Promise<void>;
}

/** Starts a simulator in this process. */
export async function startOscarSim(options: StartOscarSimOptions = {}): Promise<RunningOscarSim> {
  const useDemo = !options.data && !options.dataFile;
  const data = options.data ?? (options.dataFile ? readDataFile(options.dataFile) : createDemoData(options.today));
  const server = new OscarSimServer({
    data,
    dataFactory: useDemo ? (today) => createDemoData(today) : undefined,
    today: options.today,
    timezone: options.timezone,
    contextPath: options.contextPath,
    faultRules: options.faultRules,
    badPasswordDelayMs: options.badPasswordDelayMs,
  });
  const host = options.host ?? '127.0.0.1';
  const port = await server.listen(options.port ?? 0, host);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const origin = `http://${urlHost}:${port}`;
  const contextPath = (options.contextPath ?? '/oscar').replace(/\/$/, '');
  const first = server.runtime.data.logins[0] as SimLogin;
  return {
    url: `${origin}${contextPath}`,
    wsUrl: `${origin}${contextPath}/ws`,
    controlUrl: `${origin}/__control`,
    port,
    data: server.runtime.data,
    login: first,
    control: server.control,
    close: () => server.close(),
  };
}
