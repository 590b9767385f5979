import { parseFaultRule } from '../faults/fault-rules.js';
import type { SimRuntime } from '../server/runtime.js';
import type { FaultRule, OscarSimControl, ResetOptions, SimAppointmentRow, SimDataFile, SimStatus } from './control-types.js';

/** The control surface over a runtime in the same process (also what the HTTP endpoint calls). */
export class LocalControl implements OscarSimControl {
  constructor(private readonly runtime: SimRuntime) {}

  statusNow(): SimStatus {
    const { state } = this.runtime;
    return {
      timezone: state.zone,
      today: state.today,
      offsetMinutes: state.now().offset,
      providers: state.providers.length,
      demographics: state.demographics.size,
      appointments: state.appointments.size,
      faults: this.runtime.faults.list(),
      counters: this.runtime.counters.snapshot(),
    };
  }

  async status(): Promise<SimStatus> { return this.statusNow(); }
  async counters() { return this.runtime.counters.snapshot(); }
  async count(service: string, operation: string): Promise<number> {
    return this.runtime.counters.snapshot().operations[`${service}.${operation}`] ?? 0;
  }
  async resetCounters(): Promise<void> { this.runtime.counters.reset(); }
  async faults(): Promise<FaultRule[]> { return this.runtime.faults.list(); }
  async setFaults(rules: FaultRule | FaultRule[]): Promise<void> {
    this.runtime.faults.replace((Array.isArray(rules) ? rules : [rules]).map(parseFaultRule));
  }
  async addFault(rule: FaultRule): Promise<FaultRule> { return this.runtime.faults.add(parseFaultRule(rule)); }
  async removeFault(id: string): Promise<void> { this.runtime.faults.remove(id); }
  async clearFaults(): Promise<void> { this.runtime.faults.clear(); }
  async reset(options?: ResetOptions): Promise<void> { this.runtime.reset(options); }
  async appointments(): Promise<SimAppointmentRow[]> {
    return [...this.runtime.state.appointments.values()].map((a) => ({
      id: a.id, providerNo: a.providerNo, demographicNo: a.demographicNo, date: a.date, startTime: a.startTime, endTime: a.endTime,
      status: a.status, type: a.type, notes: a.notes,
    }));
  }
  async data(): Promise<SimDataFile> { return this.runtime.data; }
  async loadData(data: SimDataFile, today?: string): Promise<void> { this.runtime.load(data, today); }
}
