import type {
  CounterSnapshot, FaultRule, OscarSimControl, ResetOptions, SimAppointmentRow, SimDataFile, SimStatus,
} from './control-types.js';

/** The control endpoint over HTTP (e.g. from another process, or a test that wants the real wire). */
export class OscarSimControlClient implements OscarSimControl {
  /** @param controlUrl e.g. http://127.0.0.1:8091/__control */
  constructor(private readonly controlUrl: string) {}

  status(): Promise<SimStatus> { return this.call('GET', ''); }
  counters(): Promise<CounterSnapshot> { return this.call('GET', '/counters'); }
  async count(service: string, operation: string): Promise<number> {
    return (await this.counters()).operations[`${service}.${operation}`] ?? 0;
  }
  resetCounters(): Promise<void> { return this.call('DELETE', '/counters'); }
  async faults(): Promise<FaultRule[]> { return (await this.call<{ rules: FaultRule[] }>('GET', '/faults')).rules; }
  async setFaults(rules: FaultRule | FaultRule[]): Promise<void> { await this.call('PUT', '/faults', rules); }
  addFault(rule: FaultRule): Promise<FaultRule> { return this.call('POST', '/faults', rule); }
  removeFault(id: string): Promise<void> { return this.call('DELETE', `/faults/${encodeURIComponent(id)}`); }
  clearFaults(): Promise<void> { return this.call('DELETE', '/faults'); }
  async reset(options: ResetOptions = {}): Promise<void> { await this.call('POST', '/reset', options); }
  async appointments(): Promise<SimAppointmentRow[]> {
    return (await this.call<{ items: SimAppointmentRow[] }>('GET', '/appointments')).items;
  }
  data(): Promise<SimDataFile> { return this.call('GET', '/data'); }
  async loadData(data: SimDataFile, today?: string): Promise<void> {
    await this.call('PUT', `/data${today ? `?today=${encodeURIComponent(today)}` : ''}`, data);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.controlUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) {
      const text = await res.text();
      throw new Error(`OSCAR simulator control ${method} ${path} answered ${res.status}: ${text}`);
    }
    return (res.status === 204 ? undefined : await res.json()) as T;
  }
}
