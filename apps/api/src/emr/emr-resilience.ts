import { Logger } from '@nestjs/common';
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  ExponentialBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
  type IPolicy,
  type RetryPolicy,
} from 'cockatiel';
import type { EmrCallOptions } from './emr-adapter.js';
import { EmrBusyError, EmrError, EmrPausedError, EmrTimeoutError, isTransientEmrError } from './emr-errors.js';
import { SlidingWindowBreaker } from './sliding-window-breaker.js';

export interface EmrPolicyOptions {
  /** per attempt; never more than what is left of the caller's deadline */
  timeoutMs: number;
  /** extra attempts for reads (writes are never retried) */
  readRetries: number;
  retryInitialDelayMs: number;
  retryMaxDelayMs: number;
  breakerFailureRatio: number;
  breakerWindowMs: number;
  breakerMinimumThroughput: number;
  /** cool-down before a half-open probe */
  breakerHalfOpenAfterMs: number;
  /** EMR calls of one clinic running at once (docs/decisions.md, EMR: why 8) */
  maxConcurrent: number;
  /** calls waiting for a lane; a waiting call gives up at its own deadline (BUSY), a full queue refuses at once (BUSY) */
  maxQueued: number;
  /** how long a completed provider appointment range or phone search may serve identical calls (0: never) */
  recentReadMs: number;
}

export const DEFAULT_EMR_POLICY: Readonly<EmrPolicyOptions> = Object.freeze({
  timeoutMs: 4_000,
  readRetries: 2,
  retryInitialDelayMs: 100,
  retryMaxDelayMs: 800,
  breakerFailureRatio: 0.5,
  breakerWindowMs: 30_000,
  breakerMinimumThroughput: 10,
  breakerHalfOpenAfterMs: 15_000,
  maxConcurrent: 8,
  maxQueued: 500,
  recentReadMs: 1_500,
});

export type EmrCallKind = 'read' | 'write';

/** setTimeout's longest delay: the guard of a call with a signal but no deadline */
const MAX_TIMER_MS = 2_147_483_647;

/** A lane freed at the very moment the call's deadline passed: it never asked the EMR (neither retried nor counted by the breaker). */
class AdmittedTooLate extends Error {}

/** A deadline `ms` from now, for `EmrCallOptions.deadline`. */
export function deadlineIn(ms: number): number {
  return Date.now() + ms;
}

/**
 * The cockatiel policies of one clinic's EMR: a per-attempt timeout that aborts the HTTP request,
 * a circuit breaker, retries with exponential backoff for reads only, and a bulkhead, composed with
 * `wrap`. The caller's deadline bounds the whole call (queueing and retries included): the
 * bulkhead's queue is long, so a call waits for a lane until its own deadline rather than being
 * refused while the clinic is busy; one that is still queued then fails with `EmrBusyError` (see
 * `stillQueuedAtDeadline`), one that was running with `EmrTimeoutError`.
 */
export class EmrResilience {
  readonly breaker: CircuitBreakerPolicy;
  private readonly bulkhead: BulkheadPolicy;
  private readonly retry: RetryPolicy;
  private readonly windowBreaker: SlidingWindowBreaker;
  private openedAt = 0;
  /** when an attempt last got an answer from the EMR, a fault included: its lanes are moving */
  private lastAnswerAt = 0;
  private readonly logger = new Logger('EmrResilience');

  constructor(
    private readonly label: string,
    readonly options: EmrPolicyOptions = DEFAULT_EMR_POLICY,
  ) {
    this.windowBreaker = new SlidingWindowBreaker({
      failureRatio: options.breakerFailureRatio,
      windowMs: options.breakerWindowMs,
      minimumThroughput: options.breakerMinimumThroughput,
    });
    this.breaker = circuitBreaker(handleWhen(isTransientEmrError), {
      breaker: this.windowBreaker,
      halfOpenAfter: options.breakerHalfOpenAfterMs,
    });
    this.breaker.onBreak(() => {
      this.openedAt = Date.now();
      this.logger.warn({ clinic: this.label, pauseMs: options.breakerHalfOpenAfterMs }, 'EMR circuit opened');
    });
    this.breaker.onHalfOpen(() => this.logger.log({ clinic: this.label }, 'EMR circuit half-open: probing'));
    this.breaker.onReset(() => this.logger.log({ clinic: this.label }, 'EMR circuit closed again'));
    this.retry = retry(handleWhen(isTransientEmrError), {
      maxAttempts: options.readRetries,
      backoff: new ExponentialBackoff({ initialDelay: options.retryInitialDelayMs, maxDelay: options.retryMaxDelayMs }),
    });
    this.bulkhead = bulkhead(options.maxConcurrent, options.maxQueued);
  }

  get circuitState(): 'closed' | 'open' | 'half-open' | 'isolated' {
    switch (this.breaker.state) {
      case CircuitState.Open:
        return 'open';
      case CircuitState.HalfOpen:
        return 'half-open';
      case CircuitState.Isolated:
        return 'isolated';
      default:
        return 'closed';
    }
  }

  /**
   * What a call still waiting for a lane at its deadline hears. BUSY when the EMR answered calls
   * while it waited (the lanes move, there is just more work than they take in time); when it
   * answered nothing since `askedAt`, the calls holding the lanes hang: the EMR is not answering,
   * a timeout (EMR_UNAVAILABLE), whatever the queue.
   */
  stillQueuedAtDeadline(askedAt: number, budgetMs: number): EmrBusyError | EmrTimeoutError {
    return this.lastAnswerAt >= askedAt ? new EmrBusyError('queued') : new EmrTimeoutError(budgetMs);
  }

  /** EMR calls of this clinic holding a lane, and waiting for one (metrics). */
  load(): { running: number; queued: number } {
    return { running: this.options.maxConcurrent - this.bulkhead.executionSlots, queued: this.options.maxQueued - this.bulkhead.queueSlots };
  }

  /** Calls and failures the breaker currently counts. */
  breakerCounts(): { calls: number; failures: number } {
    return this.windowBreaker.counts();
  }

  /**
   * Runs `fn` under the clinic's policies. `fn` gets a signal that aborts when the attempt times
   * out, the deadline passes or the caller cancels; it must abort its HTTP request and reject.
   */
  async execute<T>(kind: EmrCallKind, fn: (signal: AbortSignal) => Promise<T>, call: EmrCallOptions = {}): Promise<T> {
    const startedAt = Date.now();
    const budgetMs = call.deadline === undefined ? Infinity : call.deadline - startedAt;
    if (call.signal?.aborted) throw this.cancelled(call.signal, 0);
    if (budgetMs <= 0) throw new EmrTimeoutError(0);
    const attemptMs = Math.max(1, Math.min(this.options.timeoutMs, budgetMs));
    const attemptTimeout = timeout(attemptMs, { strategy: TimeoutStrategy.Cooperative, abortOnReturn: true });

    const policies: IPolicy[] = [this.bulkhead];
    if (kind === 'read' && this.options.readRetries > 0) policies.push(this.retry);
    policies.push(this.breaker, attemptTimeout);
    // the caller's budget and cancellation: aggressive, so neither a queue wait nor a backoff sleep
    // outlives them (cockatiel's bulkhead does not watch the signal of a queued call)
    if (Number.isFinite(budgetMs) || call.signal) policies.unshift(timeout(Math.min(budgetMs, MAX_TIMER_MS), TimeoutStrategy.Aggressive));

    // past the bulkhead: from here on a deadline cut is the EMR not answering, not a full clinic
    let running = false;
    const attempt = async ({ signal }: { signal: AbortSignal }): Promise<T> => {
      if (!running) {
        if (call.deadline !== undefined && Date.now() >= call.deadline) throw new AdmittedTooLate();
        running = true;
        call.onRunning?.();
      }
      try {
        const result = await fn(signal);
        this.lastAnswerAt = Date.now();
        return result;
      } catch (error) {
        if (!signal.aborted) this.lastAnswerAt = Date.now();
        if (!signal.aborted || error instanceof EmrError) throw error;
        if (call.signal?.aborted) throw this.cancelled(call.signal, Date.now() - startedAt);
        // the attempt's own timeout (the deadline's shows up as TaskCancelledError outside)
        throw new EmrTimeoutError(attemptMs);
      }
    };

    try {
      return await wrap(...policies).execute(attempt, call.signal);
    } catch (error) {
      throw this.translate(error, budgetMs, call, startedAt, running);
    }
  }

  private translate(error: unknown, budgetMs: number, call: EmrCallOptions, startedAt: number, running: boolean): unknown {
    if (error instanceof EmrError) return error;
    if (error instanceof BrokenCircuitError) {
      const leftMs = this.openedAt + this.options.breakerHalfOpenAfterMs - Date.now();
      return new EmrPausedError(Math.max(1, Math.ceil(leftMs / 1000)));
    }
    if (error instanceof BulkheadRejectedError) return new EmrBusyError('queue_full');
    if (error instanceof AdmittedTooLate) return this.stillQueuedAtDeadline(startedAt, budgetMs);
    if (error instanceof TaskCancelledError) {
      if (call.signal?.aborted) return this.cancelled(call.signal, Date.now() - startedAt);
      const waitedMs = Number.isFinite(budgetMs) ? budgetMs : this.options.timeoutMs;
      if (!running) return this.stillQueuedAtDeadline(startedAt, waitedMs);
      return new EmrTimeoutError(waitedMs);
    }
    return error;
  }

  private cancelled(signal: AbortSignal, elapsedMs: number): Error {
    return signal.reason instanceof EmrError ? signal.reason : new EmrTimeoutError(Math.max(elapsedMs, 0));
  }
}
