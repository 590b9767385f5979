import {
  OscarSimControlClient, type RunningOscarSim, type SimDataFile, type StartOscarSimOptions, startOscarSim,
} from '../../../apps/oscar-sim/src/index.js';

export type { FaultRule, OscarSimControl, SimDataFile, SimStatus } from '../../../apps/oscar-sim/src/index.js';
export { OscarSimControlClient };

export interface TestOscarSim {
  /** OSCAR base URL, e.g. http://127.0.0.1:41234/oscar */
  url: string;
  /** `${url}/ws`: endpoints are `${wsUrl}/ScheduleService` etc., WSDLs at `?wsdl`. */
  wsUrl: string;
  port: number;
  /** Credentials of the data file's first login: WS-Security Username = securityNo. */
  securityNo: number;
  userName: string;
  password: string;
  /** The data file in use (timezone, providers, charts...). */
  data: SimDataFile;
  /** Typed client of the control endpoint, over HTTP like any other process would use it. */
  control: OscarSimControlClient;
  close(): Promise<void>;
}

/**
 * Starts an OSCAR simulator for a test suite on a free port (in this process, real HTTP).
 * Defaults: the built-in demo data and OSCAR's 250 ms delay after a wrong password.
 * Call `close()` in afterAll.
 */
export async function startTestOscarSim(options: Omit<StartOscarSimOptions, 'port' | 'host'> = {}): Promise<TestOscarSim> {
  const sim: RunningOscarSim = await startOscarSim({ ...options, port: 0, host: '127.0.0.1' });
  return {
    url: sim.url,
    wsUrl: sim.wsUrl,
    port: sim.port,
    securityNo: sim.login.securityNo,
    userName: sim.login.userName,
    password: sim.login.password,
    data: sim.data,
    control: new OscarSimControlClient(sim.controlUrl),
    close: () => sim.close(),
  };
}
