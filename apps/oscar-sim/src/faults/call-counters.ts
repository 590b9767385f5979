export interface CounterSnapshot {
  /** SOAP calls received (every attempt, including faulted ones). */
  total: number;
  /** "Service.operation" → calls. */
  operations: Record<string, number>;
  /** Service → ?wsdl fetches. */
  wsdl: Record<string, number>;
  /** Calls a fault knob answered (error, http500, malformed, hang, reset). */
  faultsInjected: number;
  /** The same, per kind: `soapFault`, `http500`, `malformed`, `hang`, `reset` → calls. */
  faultsByKind: Record<string, number>;
  /** Calls refused by WS-Security or login. */
  authFailures: number;
  /** TCP connections that carried SOAP calls (a client keeping connections alive opens few). */
  connections: number;
}

/** Per-operation call counters, readable by tests and benchmarks through the control endpoint. */
export class CallCounters {
  private operations = new Map<string, number>();
  private wsdl = new Map<string, number>();
  private total = 0;
  authFailures = 0;
  faultsInjected = 0;
  private connections = 0;
  private seen = new WeakSet<object>();
  private faultKinds = new Map<string, number>();

  recordCall(service: string, operation: string): void {
    const key = `${service}.${operation}`;
    this.operations.set(key, (this.operations.get(key) ?? 0) + 1);
    this.total += 1;
  }

  /** A SOAP call arrived on `socket`: a connection is counted the first time it carries one. */
  recordConnection(socket: object): void {
    if (this.seen.has(socket)) return;
    this.seen.add(socket);
    this.connections += 1;
  }

  recordWsdl(service: string): void {
    this.wsdl.set(service, (this.wsdl.get(service) ?? 0) + 1);
  }

  /** One call answered by a fault knob (`kind`: the fault's action). */
  recordFault(kind: string): void {
    this.faultsInjected += 1;
    this.faultKinds.set(kind, (this.faultKinds.get(kind) ?? 0) + 1);
  }

  snapshot(): CounterSnapshot {
    return {
      total: this.total,
      operations: Object.fromEntries([...this.operations].sort(([a], [b]) => (a < b ? -1 : 1))),
      wsdl: Object.fromEntries(this.wsdl),
      faultsInjected: this.faultsInjected,
      faultsByKind: Object.fromEntries(this.faultKinds),
      authFailures: this.authFailures,
      connections: this.connections,
    };
  }

  reset(): void {
    this.operations.clear();
    this.wsdl.clear();
    this.total = 0;
    this.authFailures = 0;
    this.faultsInjected = 0;
    this.faultKinds.clear();
    this.connections = 0;
    this.seen = new WeakSet<object>();
  }
}
