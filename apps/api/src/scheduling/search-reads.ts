import type { EmrAdapter, EmrAppointment, EmrCallOptions, EmrDaySchedule } from '../emr/emr-adapter.js';
import { codeMap, type ScheduleCodeInfo } from './day-slots.js';
import type { ReadPlan } from './read-plan.js';
import { cacheKey, fromCached, toCached, type CachedDay } from './schedule-cache.store.js';

export interface SearchReadsOptions {
  call: EmrCallOptions;
  /** the clinic's pulled codes (`clinic_config.schedule_template_codes`); null = ask the EMR once */
  pulledCodes: readonly ScheduleCodeInfo[] | null;
  /** the schedule cache's days for the search window (none: every day is read from the EMR; see `useCache`) */
  cached?: ReadonlyMap<string, CachedDay>;
}

interface Range {
  providerNo: string;
  from: string;
  to: string;
  rows: Promise<EmrAppointment[]>;
}

/**
 * The EMR reads of one search or one booking re-check. `start(plan)` issues every planned read at
 * once (the clinic's bulkhead runs them in waves, in plan order); the getters answer from the
 * schedule cache, from a planned read, or — for anything unplanned — with a read of its own.
 * Counts its EMR calls and keeps the day schedules it read, for the cache.
 */
export class SearchReads {
  calls = 0;
  /** EMR reads of this session that have answered */
  answered = 0;
  /** day schedules read from the EMR in this session (written through to the cache) */
  readonly fetched: CachedDay[] = [];
  private readonly schedules = new Map<string, Promise<EmrDaySchedule | null>>();
  private readonly ranges: Range[] = [];
  private readonly patients = new Map<number, Promise<EmrAppointment[]>>();
  private codes?: Promise<Map<string, ScheduleCodeInfo>>;
  private readonly queued: { providerNo: string; date: string }[] = [];

  private cached?: ReadonlyMap<string, CachedDay>;

  constructor(
    private readonly adapter: EmrAdapter,
    private readonly options: SearchReadsOptions,
  ) {
    this.cached = options.cached;
  }

  /** The schedule cache's days, once read (before any day schedule is asked for). */
  useCache(cached: ReadonlyMap<string, CachedDay> | undefined): void {
    this.cached = cached;
  }

  /**
   * Issues the plan: the chart's and the providers' appointments at once; the missing day
   * schedules nearest first, `concurrency` at a time, each finished read starting the next, until
   * `stop()` (the search has its answer: the rest is left to the background refresh). A day the
   * search asks for before its turn is read at once. A read an earlier `start` issued is not
   * issued again.
   */
  start(plan: ReadPlan, concurrency = plan.waves[0]?.length ?? 1): void {
    for (const read of plan.waves.flat()) {
      if (read.kind === 'patient') this.patientAppointments(read.demographicNo);
      else if (read.kind === 'appointments') this.rangeOnce(read.providerNo, read.from, read.to);
      else this.queued.push(read);
    }
    for (let i = 0; i < Math.max(1, concurrency); i++) this.pump();
  }

  /** No further day schedule is read ahead. */
  stop(): void {
    this.queued.length = 0;
  }

  private pump(): void {
    for (;;) {
      const next = this.queued.shift();
      if (!next) return;
      if (this.schedules.has(cacheKey(next.providerNo, next.date))) continue;
      void this.daySchedule(next.providerNo, next.date).then(() => this.pump(), () => this.pump());
      return;
    }
  }

  scheduleCodes(): Promise<Map<string, ScheduleCodeInfo>> {
    const pulled = this.options.pulledCodes;
    this.codes ??= pulled
      ? Promise.resolve(codeMap(pulled))
      : handled(
          this.emr(this.adapter.getScheduleTemplateCodes(this.options.call)).then((codes) =>
            codeMap(codes.map((c) => ({ code: c.code, durationMinutes: c.durationMinutes, bookingLimit: c.bookingLimit }))),
          ),
        );
    return this.codes;
  }

  /** From the cache when it holds the day, else from the EMR (once). */
  daySchedule(providerNo: string, date: string): Promise<EmrDaySchedule | null> {
    const key = cacheKey(providerNo, date);
    let pending = this.schedules.get(key);
    if (!pending) {
      const cached = this.cached?.get(key);
      const askedAt = new Date();
      pending = cached
        ? Promise.resolve(fromCached(providerNo, date, cached.schedule))
        : this.emr(this.adapter.getDaySchedule(providerNo, date, this.options.call)).then((schedule) => {
            this.fetched.push({ providerNo, date, schedule: toCached(schedule), readAt: askedAt });
            return schedule;
          });
      this.schedules.set(key, handled(pending));
    }
    return pending;
  }

  /** The provider's appointments on `date` (every status): from a planned range, else read for that day. */
  async providerAppointments(providerNo: string, date: string): Promise<EmrAppointment[]> {
    const range = this.ranges.find((r) => r.providerNo === providerNo && r.from <= date && r.to >= date) ?? this.range(providerNo, date, date);
    return (await range.rows).filter((a) => a.date === date);
  }

  patientAppointments(demographicNo: number): Promise<EmrAppointment[]> {
    let pending = this.patients.get(demographicNo);
    if (!pending) {
      pending = this.emr(this.adapter.getAppointmentsForPatient(demographicNo, { ...this.options.call, limit: 200 }));
      this.patients.set(demographicNo, pending);
    }
    return pending;
  }

  private rangeOnce(providerNo: string, from: string, to: string): Range {
    return this.ranges.find((r) => r.providerNo === providerNo && r.from === from && r.to === to) ?? this.range(providerNo, from, to);
  }

  private range(providerNo: string, from: string, to: string): Range {
    const range = { providerNo, from, to, rows: this.emr(this.adapter.getAppointmentsForProvider(providerNo, from, to, this.options.call)) };
    this.ranges.push(range);
    return range;
  }

  private emr<T>(promise: Promise<T>): Promise<T> {
    this.calls += 1;
    promise.then(() => (this.answered += 1), () => undefined);
    return handled(promise);
  }
}

/** A read nobody ends up awaiting (the search found its answer first) must not become an unhandled rejection. */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
