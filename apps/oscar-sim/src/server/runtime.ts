import type { SimDataFile } from '../data/data-file.js';
import { validateDataFile } from '../data/validate-data-file.js';
import { CallCounters } from '../faults/call-counters.js';
import { FaultInjector, type FaultRule } from '../faults/fault-rules.js';
import type { CallContext, ServiceHandlers } from '../services/handler.js';
import { demographicHandlers } from '../services/demographic-service.js';
import { loginHandlers } from '../services/login-service.js';
import { providerHandlers } from '../services/provider-service.js';
import { scheduleHandlers } from '../services/schedule-service.js';
import { systemInfoHandlers } from '../services/system-info-service.js';
import { WsSecurity, securityTokenKey } from '../soap/ws-security.js';
import { SimState } from '../state/sim-state.js';
import type { SimLogin } from '../data/data-file.js';

export const HANDLERS: Readonly<Record<string, ServiceHandlers>> = {
  LoginService: loginHandlers,
  SystemInfoService: systemInfoHandlers,
  ScheduleService: scheduleHandlers,
  DemographicService: demographicHandlers,
  ProviderService: providerHandlers,
};

export interface RuntimeOptions {
  data: SimDataFile;
  /** Fix "today" (yyyy-MM-dd) instead of the current date in the data's zone. */
  today?: string;
  /** Override the server (JVM) zone of the data file, e.g. "UTC" to simulate a misconfigured server. */
  timezone?: string;
  /** Sleep after a wrong password; OSCAR sleeps 250 ms. */
  badPasswordDelayMs?: number;
  /** Fault rules active at start and restored by a reset. */
  faultRules?: FaultRule[];
  /** Rebuilds the data for a new "today" on reset (the demo data lays bookings on weekday templates). */
  dataFactory?: (today: string | undefined) => SimDataFile;
}

export interface ResetOptions {
  /** Reload the data (appointments back to the file, "today" recomputed). Default true. */
  data?: boolean;
  counters?: boolean;
  /** Back to the start-up rules (from the environment / options). Default true. */
  faults?: boolean;
  /** Simulate a Tomcat restart: every login2 token changes. Default false. */
  rotateTokens?: boolean;
  today?: string;
}

/** Everything a running simulator holds: the in-memory database, fault knobs, counters, security. */
export class SimRuntime {
  state: SimState;
  data: SimDataFile;
  readonly faults = new FaultInjector();
  readonly counters = new CallCounters();
  readonly security: WsSecurity;
  private bootTimeMs = Date.now();
  private today: string | undefined;
  private dataFactory: RuntimeOptions['dataFactory'];

  constructor(private readonly options: RuntimeOptions) {
    this.data = this.withZone(validateDataFile(options.data));
    this.today = options.today;
    this.dataFactory = options.dataFactory;
    this.state = new SimState(this.data, { today: this.today });
    this.faults.replace(options.faultRules ?? []);
    this.security = new WsSecurity({
      findLogin: (no) => this.state.logins.get(no),
      tokenFor: (login) => this.tokenFor(login),
      today: () => this.state.today,
      badPasswordDelayMs: () => this.badPasswordDelayMs(),
    });
  }

  tokenFor(login: SimLogin): string {
    return securityTokenKey(this.bootTimeMs, login.password);
  }

  context(login: SimLogin | undefined, refuseCredentials: boolean): CallContext {
    return {
      state: this.state,
      login,
      tokenFor: (l) => this.tokenFor(l),
      refuseCredentials,
      badPasswordDelayMs: this.badPasswordDelayMs(),
    };
  }

  reset(options: ResetOptions = {}): void {
    if (options.today !== undefined) this.today = options.today;
    if (options.data !== false) {
      if (this.dataFactory) this.data = this.withZone(validateDataFile(this.dataFactory(this.today)));
      this.state = new SimState(this.data, { today: this.today });
    }
    if (options.counters !== false) this.counters.reset();
    if (options.faults !== false) this.faults.replace(this.options.faultRules ?? []);
    if (options.rotateTokens) this.bootTimeMs = Math.max(Date.now(), this.bootTimeMs + 1);
  }

  /** Replaces the data file (validated) and rebuilds the database from it. */
  load(data: unknown, today?: string): void {
    this.data = this.withZone(validateDataFile(data, 'data'));
    this.dataFactory = undefined;
    if (today !== undefined) this.today = today;
    this.state = new SimState(this.data, { today: this.today });
  }

  private withZone(data: SimDataFile): SimDataFile {
    return this.options.timezone ? { ...data, timezone: this.options.timezone } : data;
  }

  private badPasswordDelayMs(): number {
    return this.options.badPasswordDelayMs ?? 250;
  }
}
