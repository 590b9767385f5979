import type { EmrAdapter, EmrAppointment, EmrCallOptions, EmrDaySchedule } from '../emr/emr-adapter.js';
import { addDays, daysBetween } from './clinic-time.js';
import { codeMap, type ScheduleCodeInfo } from './day-slots.js';

/** EMR reads at most this many at a time per search (the clinic's bulkhead allows a few more). */
export const EMR_FAN_OUT = 4;

export interface EmrDayReaderOptions {
  /** appointments are read this many days at a time (one range query per provider and chunk) */
  chunkDays: number;
  call: EmrCallOptions;
  /** the clinic's pulled codes (`clinic_config.schedule_template_codes`); null = ask the EMR once */
  pulledCodes: readonly ScheduleCodeInfo[] | null;
}

/**
 * The EMR reads of one search or one booking, each done once: day schedules, a provider's
 * appointments by chunks of days, a patient's appointments, the schedule codes. Every call carries
 * the caller's deadline. Counts its calls (for logs and the benchmark).
 */
export class EmrDayReader {
  calls = 0;
  private readonly schedules = new Map<string, Promise<EmrDaySchedule | null>>();
  private readonly chunks = new Map<string, Promise<EmrAppointment[]>>();
  private readonly patients = new Map<number, Promise<EmrAppointment[]>>();
  private codes?: Promise<Map<string, ScheduleCodeInfo>>;

  constructor(
    private readonly adapter: EmrAdapter,
    private readonly options: EmrDayReaderOptions,
  ) {}

  scheduleCodes(): Promise<Map<string, ScheduleCodeInfo>> {
    const pulled = this.options.pulledCodes;
    this.codes ??= pulled
      ? Promise.resolve(codeMap(pulled))
      : this.count(this.adapter.getScheduleTemplateCodes(this.options.call)).then((codes) =>
          codeMap(codes.map((c) => ({ code: c.code, durationMinutes: c.durationMinutes, bookingLimit: c.bookingLimit }))),
        );
    return this.codes;
  }

  daySchedule(providerNo: string, date: string): Promise<EmrDaySchedule | null> {
    return this.once(this.schedules, `${providerNo}|${date}`, () => this.adapter.getDaySchedule(providerNo, date, this.options.call));
  }

  /** The provider's appointments on `date` (every status), read with the chunk that holds it. */
  async providerAppointments(providerNo: string, date: string, chunkStart: string, lastDate: string): Promise<EmrAppointment[]> {
    const size = Math.max(1, this.options.chunkDays);
    const offset = Math.max(0, Math.floor(daysBetween(chunkStart, date) / size) * size);
    const from = addDays(chunkStart, offset);
    const chunkEnd = addDays(from, size - 1);
    const to = chunkEnd < lastDate ? chunkEnd : lastDate < date ? date : lastDate;
    const all = await this.once(this.chunks, `${providerNo}|${from}|${to}`, () =>
      this.adapter.getAppointmentsForProvider(providerNo, from, to, this.options.call),
    );
    return all.filter((a) => a.date === date);
  }

  patientAppointments(demographicNo: number): Promise<EmrAppointment[]> {
    return this.once(this.patients, demographicNo, () => this.adapter.getAppointmentsForPatient(demographicNo, { ...this.options.call, limit: 200 }));
  }

  private once<K, T>(cache: Map<K, Promise<T>>, key: K, load: () => Promise<T>): Promise<T> {
    let pending = cache.get(key);
    if (!pending) {
      pending = this.count(load());
      cache.set(key, pending);
    }
    return pending;
  }

  private count<T>(promise: Promise<T>): Promise<T> {
    this.calls += 1;
    return promise;
  }
}
