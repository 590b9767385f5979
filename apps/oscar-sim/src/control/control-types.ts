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

/** One appointment as the simulator holds it now (what the SOAP calls made of the data file). */
export interface SimAppointmentRow {
  /** OSCAR's appointment_no */
  id: number;
  providerNo: string | null;
  demographicNo: number;
  /** server-local yyyy-MM-dd */
  date: string;
  /** HH:mm:ss, server-local; `endTime` inclusive (OSCAR stores the last minute) */
  startTime: string;
  endTime: string;
  /** OSCAR's status code: `t` to do, `C` cancelled, … */
  status: string | null;
  type: string | null;
  notes: string | null;
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
  /** Every appointment held now (booked, moved and cancelled ones; cancelled keep status `C`). */
  appointments(): Promise<SimAppointmentRow[]>;
  /** The data file in use. */
  data(): Promise<SimDataFile>;
  /** Replaces the data file; "today" is fixed again now (or to `today`). */
  loadData(data: SimDataFile, today?: string): Promise<void>;
}
