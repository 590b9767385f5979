import type { SimDataFile } from '../data/data-file.js';
import type { CounterSnapshot } from '../faults/call-counters.js';
import type { FaultRule } from '../faults/fault-rules.js';
import type { ResetOptions } from '../server/runtime.js';

export type { CounterSnapshot, FaultRule, ResetOptions, SimDataFile };

export interface SimStatus {
  timezone: string;
  today: string;
  /** Current server offset in minutes. */
  offsetMinutes: number;
  providers: number;
  demographics: number;
  appointments: number;
  faults: FaultRule[];
  counters: CounterSnapshot;
}

/**
 * The control surface of a running simulator. The same interface is served in-process
 * (`startOscarSim().control`) and over HTTP (`OscarSimControlClient`, `GET|POST /__control/...`).
 */
export interface OscarSimControl {
  status(): Promise<SimStatus>;
  counters(): Promise<CounterSnapshot>;
  /** Calls of one operation, e.g. count('ScheduleService', 'addAppointment'). */
  count(service: string, operation: string): Promise<number>;
  resetCounters(): Promise<void>;
  faults(): Promise<FaultRule[]>;
  /** Replaces every rule. */
  setFaults(rules: FaultRule | FaultRule[]): Promise<void>;
  /** Adds one rule and returns it with its id. */
  addFault(rule: FaultRule): Promise<FaultRule>;
  removeFault(id: string): Promise<void>;
  clearFaults(): Promise<void>;
  reset(options?: ResetOptions): Promise<void>;
  /** The data file in use. */
  data(): Promise<SimDataFile>;
  /** Replaces the data file; "today" is fixed again now (or to `today`). */
  loadData(data: SimDataFile, today?: string): Promise<void>;
}
