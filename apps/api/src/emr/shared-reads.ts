import type { EmrCallOptions } from './emr-adapter.js';
import { EmrBusyError, EmrError, EmrTimeoutError } from './emr-errors.js';

/** What a shared read is about, so a write can drop it: `provider:101`, `patient:5`, `appointment:42`. */
export type ReadTag = `provider:${string}` | `patient:${number}` | `appointment:${number}`;

export interface ReadSpec<T> {
  /** operation + arguments: identical reads have identical keys */
  key: string;
  tags?: readonly ReadTag[];
  /** how long the completed result may serve identical calls (0: only calls that joined it in flight) */
  keepMs?: number;
  /** the read itself, under the shared call options (no caller's deadline: see `SharedReads`) */
  read: (shared: EmrCallOptions) => Promise<T>;
  /** each caller's own copy of the result (default structuredClone; a cheaper one for big flat lists) */
  copy?: (value: T) => T;
}

/** What a write may have changed: reads tagged with any of these are dropped. */
export interface ReadScope {
  providerNos?: readonly (string | null | undefined)[];
  demographicNos?: readonly (number | null | undefined)[];
  appointmentIds?: readonly (number | null | undefined)[];
  /** every appointment read (a write whose record is unknown, e.g. one that failed) */
  allAppointments?: boolean;
}

/** setTimeout's longest delay */
const MAX_TIMER_MS = 2_147_483_647;

interface Flight {
  readonly key: string;
  readonly tags: readonly ReadTag[];
  readonly keepMs: number;
  readonly controller: AbortController;
  promise: Promise<unknown>;
  /** callers waiting for it; when the last one gives up the read is cancelled */
  waiting: number;
  settled: boolean;
  /** when its first EMR request left the clinic's queue (undefined while queued) */
  runningAt?: number;
  readonly onRunning: Set<() => void>;
  /** invalidated or abandoned: nobody new joins it and its result is not kept */
  detached: boolean;
  readonly launchedAt: number;
}

interface Kept {
  readonly value: unknown;
  readonly tags: readonly ReadTag[];
  /** when the read that produced it reached the EMR */
  readonly readAt: number;
  readonly expiresAt: number;
}

/**
 * Identical EMR reads of one clinic, shared (single-flight): a read already in flight serves
 * every caller that asks for the same thing, and a few kinds of completed reads serve identical
 * calls for a short while (`keepMs`). No library does this with a deadline per caller, so it is a
 * map of promises.
 *
 * Deadlines. Each caller keeps its own deadline and cancellation: at its deadline it alone gives
 * up — `EmrBusyError` if the read is still waiting in the clinic's queue (`stillQueued`),
 * `EmrTimeoutError` if the EMR was asked — and the read goes on for the others. The read itself
 * carries no deadline, only a signal this class aborts when the last waiting caller has given up.
 * So it runs as long as somebody still wants it: in effect to the LATEST deadline among its
 * joiners, extended as later callers join, each attempt still bounded by the per-attempt timeout.
 *
 * `fresh` calls see the EMR as it is now: no kept result (all completed before they asked), and a
 * flight only if it had not yet reached the EMR when they asked (still queued, or sent since).
 * `freshSince` is the same from a given instant: callers that must see the EMR as it was after
 * some moment (a booking's start) share every read sent since, however many of them ask at once.
 */
export class SharedReads {
  private readonly flights = new Map<string, Flight>();
  private readonly kept = new Map<string, Kept>();

  /**
   * @param stillQueued what a caller hears when its deadline passes while the read still waits for
   * a lane (`EmrResilience.stillQueuedAtDeadline`: BUSY, or a timeout when the EMR answers nothing)
   */
  constructor(private readonly stillQueued: (askedAt: number, budgetMs: number) => EmrError = () => new EmrBusyError('queued')) {}

  /** Reads in flight and results kept (for tests and health pages). */
  get size(): { inFlight: number; kept: number } {
    this.sweep(Date.now());
    return { inFlight: this.flights.size, kept: this.kept.size };
  }

  async run<T>(spec: ReadSpec<T>, call: EmrCallOptions = {}): Promise<T> {
    const askedAt = Date.now();
    if (call.signal?.aborted) throw cancelled(call.signal, 0);
    if (call.deadline !== undefined && call.deadline <= askedAt) throw new EmrTimeoutError(0);
    // a fresh call takes only what reached the EMR at or after `since`
    const since = call.freshSince ?? (call.fresh ? askedAt : undefined);
    const kept = this.kept.get(spec.key);
    const copy: (value: T) => T = spec.copy ?? ((value) => structuredClone(value));
    if (kept && kept.expiresAt > askedAt && (since === undefined || kept.readAt >= since)) return copy(kept.value as T);
    let flight = this.flights.get(spec.key);
    if (!flight || (since !== undefined && flight.runningAt !== undefined && flight.runningAt < since)) {
      flight = this.launch(spec, askedAt);
    }
    // each caller gets its own copy: one that sorts or edits its answer must not change the others'
    return copy((await this.wait(flight, call, askedAt)) as T);
  }

  /** Drops kept results and in-flight reads a write may have made stale (in this process). */
  invalidate(scope: ReadScope): void {
    const tags = new Set<string>([
      ...(scope.providerNos ?? []).filter(present).map((p) => `provider:${p}`),
      ...(scope.demographicNos ?? []).filter(present).map((d) => `patient:${d}`),
      ...(scope.appointmentIds ?? []).filter(present).map((a) => `appointment:${a}`),
    ]);
    const ids = new Set((scope.appointmentIds ?? []).filter(present));
    // every tag names appointment data, so "all appointments" is every tagged read
    const hit = (entryTags: readonly ReadTag[]) => (scope.allAppointments === true ? entryTags.length > 0 : entryTags.some((t) => tags.has(t)));
    for (const [key, kept] of this.kept) {
      // a provider's range holding the appointment: it may have moved to another provider
      if (hit(kept.tags) || holdsAppointment(kept.value, ids)) this.kept.delete(key);
    }
    for (const [key, flight] of this.flights) {
      if (!hit(flight.tags)) continue;
      flight.detached = true;
      this.flights.delete(key);
    }
  }

  private launch<T>(spec: ReadSpec<T>, now: number): Flight {
    const flight: Flight = {
      key: spec.key,
      tags: spec.tags ?? [],
      keepMs: spec.keepMs ?? 0,
      controller: new AbortController(),
      promise: Promise.resolve(),
      waiting: 0,
      settled: false,
      onRunning: new Set(),
      detached: false,
      launchedAt: now,
    };
    const onRunning = () => {
      flight.runningAt ??= Date.now();
      for (const listener of flight.onRunning) listener();
      flight.onRunning.clear();
    };
    flight.promise = spec.read({ signal: flight.controller.signal, onRunning });
    flight.promise.then(
      (value) => this.settle(flight, { value }),
      () => this.settle(flight, undefined),
    );
    this.flights.set(spec.key, flight);
    return flight;
  }

  private settle(flight: Flight, result: { value: unknown } | undefined): void {
    flight.settled = true;
    if (this.flights.get(flight.key) === flight) this.flights.delete(flight.key);
    if (!result || flight.detached || flight.keepMs <= 0) return;
    const now = Date.now();
    const readAt = flight.runningAt ?? flight.launchedAt;
    const current = this.kept.get(flight.key);
    // an older read finishing late never replaces a newer result
    if (current && current.expiresAt > now && current.readAt > readAt) return;
    this.kept.set(flight.key, { value: result.value, tags: flight.tags, readAt, expiresAt: now + flight.keepMs });
    this.sweep(now);
  }

  /** The caller's view of a shared read: its own deadline and cancellation, the others' untouched. */
  private wait(flight: Flight, call: EmrCallOptions, askedAt: number): Promise<unknown> {
    flight.waiting += 1;
    if (call.onRunning) {
      if (flight.runningAt !== undefined) call.onRunning();
      else flight.onRunning.add(call.onRunning);
    }
    return new Promise((resolve, reject) => {
      let done = false;
      const finish = () => {
        done = true;
        clearTimeout(timer);
        call.signal?.removeEventListener('abort', onAbort);
        if (call.onRunning) flight.onRunning.delete(call.onRunning);
        flight.waiting -= 1;
      };
      const giveUp = (error: EmrError) => {
        if (done) return;
        finish();
        reject(error);
        this.abandonIfUnwanted(flight);
      };
      const onAbort = () => giveUp(cancelled(call.signal as AbortSignal, Date.now() - askedAt));
      const deadline = call.deadline;
      const timer =
        deadline === undefined || deadline - Date.now() > MAX_TIMER_MS
          ? undefined
          : setTimeout(
              () => {
                // admitted at the very moment of the deadline counts as still queued (as in EmrResilience)
                const queued = flight.runningAt === undefined || flight.runningAt >= deadline;
                giveUp(queued ? this.stillQueued(askedAt, deadline - askedAt) : new EmrTimeoutError(deadline - askedAt));
              },
              Math.max(0, deadline - Date.now()),
            );
      call.signal?.addEventListener('abort', onAbort, { once: true });
      flight.promise.then(
        (value) => {
          if (done) return;
          finish();
          resolve(value);
        },
        (error: unknown) => {
          if (done) return;
          finish();
          reject(error);
        },
      );
    });
  }

  /** Nobody waits any more: cancel the read (it frees its lane or leaves the queue) and let nobody join it. */
  private abandonIfUnwanted(flight: Flight): void {
    if (flight.waiting > 0 || flight.settled) return;
    flight.detached = true;
    if (this.flights.get(flight.key) === flight) this.flights.delete(flight.key);
    flight.controller.abort(new EmrTimeoutError(Date.now() - flight.launchedAt));
  }

  private sweep(now: number): void {
    for (const [key, kept] of this.kept) if (kept.expiresAt <= now) this.kept.delete(key);
  }
}

/** The caller cancelled: its own reason when it gave one as an EMR error, else a timeout (as EmrResilience does). */
function cancelled(signal: AbortSignal, elapsedMs: number): EmrError {
  return signal.reason instanceof EmrError ? signal.reason : new EmrTimeoutError(Math.max(elapsedMs, 0));
}

function present<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}

function holdsAppointment(value: unknown, ids: ReadonlySet<number>): boolean {
  return ids.size > 0 && Array.isArray(value) && value.some((a: { id?: unknown }) => typeof a?.id === 'number' && ids.has(a.id));
}
