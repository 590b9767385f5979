import { toE164 } from '../../../../libs/shared/src/phone.js';
import type {
  AppointmentChanges,
  EmrAdapter,
  EmrAppointment,
  EmrAppointmentType,
  EmrCallOptions,
  EmrDaySchedule,
  EmrPatient,
  EmrProvider,
  EmrScheduleCode,
  EmrSystemInfo,
  NewAppointment,
  PatientNameQuery,
} from './emr-adapter.js';
import { copyAppointments } from './emr-adapter.js';
import type { EmrError } from './emr-errors.js';
import type { EmrResilience } from './emr-resilience.js';
import { SharedReads, type ReadScope, type ReadSpec } from './shared-reads.js';

export interface SharedReadsOptions {
  /** how long a completed provider range or phone search serves identical calls (0: only in-flight sharing) */
  recentReadMs: number;
  /** what a caller hears when its deadline passes while its read still waits for a lane (default BUSY) */
  stillQueuedAtDeadline?: (askedAt: number, budgetMs: number) => EmrError;
}

/**
 * An `EmrAdapter` whose reads are shared between the callers of one clinic (`SharedReads`):
 * identical reads in flight are made once, and a provider's appointments for a range or a search
 * by phone also serve identical calls for `recentReadMs` after they complete — the reads every
 * simultaneous search repeats. Writes are never shared; each one drops the appointment reads it
 * may have made stale, here in this process (other replicas keep theirs for at most
 * `recentReadMs`; a booking's `fresh` re-check is what guards the slot).
 */
export class SharedReadsAdapter implements EmrAdapter {
  readonly emrType: string;
  private readonly reads: SharedReads;

  constructor(
    private readonly inner: EmrAdapter,
    private readonly options: SharedReadsOptions,
  ) {
    this.emrType = inner.emrType;
    this.reads = new SharedReads(options.stillQueuedAtDeadline);
  }

  /** Reads in flight and results kept (tests, health pages). */
  get sharing(): { inFlight: number; kept: number } {
    return this.reads.size;
  }

  /** Drops the kept and in-flight appointment reads a change made elsewhere may have made stale. */
  invalidate(scope: ReadScope): void {
    this.reads.invalidate(scope);
  }

  // ---- patients ----

  findPatientsByPhone(phone: string, call?: EmrCallOptions): Promise<EmrPatient[]> {
    const e164 = toE164(phone);
    // an unreadable number: the inner adapter says so
    if (!e164) return this.inner.findPatientsByPhone(phone, call);
    return this.share({ key: key('findPatientsByPhone', e164), keepMs: this.options.recentReadMs, read: (shared) => this.inner.findPatientsByPhone(e164, shared) }, call);
  }

  findPatientsByNameAndDob(query: PatientNameQuery, call?: EmrCallOptions): Promise<EmrPatient[]> {
    const { firstName, lastName, dateOfBirth } = query;
    return this.share({ key: key('findPatientsByNameAndDob', firstName, lastName, dateOfBirth), read: (shared) => this.inner.findPatientsByNameAndDob(query, shared) }, call);
  }

  findPatientsByName(query: { firstName: string; lastName: string }, call?: EmrCallOptions): Promise<EmrPatient[]> {
    const { firstName, lastName } = query;
    return this.share({ key: key('findPatientsByName', firstName, lastName), read: (shared) => this.inner.findPatientsByName(query, shared) }, call);
  }

  findPatientsByHealthNumber(healthNumber: string, call?: EmrCallOptions): Promise<EmrPatient[]> {
    return this.share({ key: key('findPatientsByHealthNumber', healthNumber), read: (shared) => this.inner.findPatientsByHealthNumber(healthNumber, shared) }, call);
  }

  getPatient(demographicNo: number, call?: EmrCallOptions): Promise<EmrPatient | null> {
    return this.share({ key: key('getPatient', demographicNo), read: (shared) => this.inner.getPatient(demographicNo, shared) }, call);
  }

  // ---- providers and schedules ----

  listProviders(call?: EmrCallOptions): Promise<EmrProvider[]> {
    return this.share({ key: key('listProviders'), read: (shared) => this.inner.listProviders(shared) }, call);
  }

  getDaySchedule(providerNo: string, date: string, call?: EmrCallOptions): Promise<EmrDaySchedule | null> {
    return this.share({ key: key('getDaySchedule', providerNo, date), read: (shared) => this.inner.getDaySchedule(providerNo, date, shared) }, call);
  }

  getAppointmentsForProvider(providerNo: string, fromDate: string, toDate: string, call?: EmrCallOptions): Promise<EmrAppointment[]> {
    return this.share(
      {
        key: key('getAppointmentsForProvider', providerNo, fromDate, toDate),
        tags: [`provider:${providerNo}`],
        keepMs: this.options.recentReadMs,
        read: (shared) => this.inner.getAppointmentsForProvider(providerNo, fromDate, toDate, shared),
        copy: copyAppointments,
      },
      call,
    );
  }

  getAppointmentsForPatient(demographicNo: number, call: EmrCallOptions & { limit?: number } = {}): Promise<EmrAppointment[]> {
    const { limit } = call;
    return this.share(
      {
        key: key('getAppointmentsForPatient', demographicNo, limit ?? null),
        tags: [`patient:${demographicNo}`],
        read: (shared) => this.inner.getAppointmentsForPatient(demographicNo, { ...shared, limit }),
        copy: copyAppointments,
      },
      call,
    );
  }

  getAppointment(id: number, call?: EmrCallOptions): Promise<EmrAppointment | null> {
    return this.share({ key: key('getAppointment', id), tags: [`appointment:${id}`], read: (shared) => this.inner.getAppointment(id, shared) }, call);
  }

  // ---- booking: never shared; each drops what it may have made stale, failed or not (a lost answer may hide a change) ----

  async addAppointment(input: NewAppointment, call?: EmrCallOptions): Promise<number> {
    try {
      return await this.inner.addAppointment(input, call);
    } finally {
      this.invalidate({ providerNos: [input.providerNo], demographicNos: [input.demographicNo] });
    }
  }

  updateAppointment(id: number, changes: AppointmentChanges, call?: EmrCallOptions): Promise<EmrAppointment> {
    return this.changing(id, changes.providerNo, () => this.inner.updateAppointment(id, changes, call));
  }

  cancelAppointment(id: number, call?: EmrCallOptions): Promise<EmrAppointment> {
    return this.changing(id, undefined, () => this.inner.cancelAppointment(id, call));
  }

  // ---- configuration and system ----

  getScheduleTemplateCodes(call?: EmrCallOptions): Promise<EmrScheduleCode[]> {
    return this.share({ key: key('getScheduleTemplateCodes'), read: (shared) => this.inner.getScheduleTemplateCodes(shared) }, call);
  }

  getAppointmentTypes(call?: EmrCallOptions): Promise<EmrAppointmentType[]> {
    return this.share({ key: key('getAppointmentTypes'), read: (shared) => this.inner.getAppointmentTypes(shared) }, call);
  }

  /** Not shared: the connection test must measure a round trip of its own. */
  getSystemInfo(call?: EmrCallOptions): Promise<EmrSystemInfo> {
    return this.inner.getSystemInfo(call);
  }

  // ---- plumbing ----

  private share<T>(spec: ReadSpec<T>, call: EmrCallOptions | undefined): Promise<T> {
    return this.reads.run(spec, call);
  }

  /**
   * An existing appointment changes: drop the reads of its provider (before and after a move: the
   * old one is known from kept ranges that hold it) and its patient. When the write fails the
   * record is unknown, so every appointment read goes.
   */
  private async changing(id: number, newProviderNo: string | undefined, write: () => Promise<EmrAppointment>): Promise<EmrAppointment> {
    let after: EmrAppointment | undefined;
    try {
      after = await write();
      return after;
    } finally {
      this.invalidate(
        after
          ? { appointmentIds: [id], providerNos: [after.providerNo, newProviderNo], demographicNos: [after.demographicNo] }
          : { appointmentIds: [id], allAppointments: true },
      );
    }
  }
}

/** `inner` behind shared reads, under the clinic's policy (`recentReadMs`) and its queue's view of BUSY. */
export function withSharedReads(inner: EmrAdapter, resilience: EmrResilience): SharedReadsAdapter {
  return new SharedReadsAdapter(inner, {
    recentReadMs: resilience.options.recentReadMs,
    stillQueuedAtDeadline: (askedAt, budgetMs) => resilience.stillQueuedAtDeadline(askedAt, budgetMs),
  });
}

function key(operation: string, ...args: readonly (string | number | null)[]): string {
  return JSON.stringify([operation, ...args]);
}
