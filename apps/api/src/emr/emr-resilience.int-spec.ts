import { describe, expect, it } from 'vitest';
import type { TestOscarSim } from '../../../../libs/testing/src/oscar-sim.js';
import {
  EmrAuthError,
  EmrBadResponseError,
  EmrBusyError,
  EmrPausedError,
  EmrServerError,
  EmrTimeoutError,
  EmrUnreachableError,
} from './emr-errors.js';
import { deadlineIn } from './emr-resilience.js';
import { KIT_TODAY, kitAdapter, startKitSim, testPolicy, useKitSim } from './testing/emr-test-kit.js';

const providers = { service: 'ProviderService', operation: 'getProviders2' };

let sim: TestOscarSim;
useKitSim((started) => (sim = started));

async function elapsed<T>(work: () => Promise<T>): Promise<{ ms: number; error: unknown }> {
  const started = performance.now();
  try {
    await work();
    return { ms: performance.now() - started, error: undefined };
  } catch (error) {
    return { ms: performance.now() - started, error };
  }
}

describe('timeouts', () => {
  it('gives up on a hanging EMR after the 4-second timeout, with a typed error in plain words', async () => {
    const { adapter } = kitAdapter(sim, { policy: testPolicy({ readRetries: 0 }) });
    await adapter.getSystemInfo(); // the server clock is known: the next call is the hanging one only
    await sim.control.setFaults({ ...providers, hangRate: 1 });
    const { ms, error } = await elapsed(() => adapter.listProviders());
    expect(error).toBeInstanceOf(EmrTimeoutError);
    expect((error as EmrTimeoutError).code).toBe('UPSTREAM_TIMEOUT');
    expect((error as Error).message).toBe('The EMR did not answer within 4 seconds.');
    console.log(`hang, 4 s timeout: typed timeout after ${Math.round(ms)} ms`);
    // not before the policy's 4 s, and long before the client's own minute (the margin absorbs a loaded machine)
    expect(ms).toBeGreaterThanOrEqual(3_990);
    expect(ms).toBeLessThan(4_000 + 2_000);
  });

  it('keeps inside the caller’s deadline, retries included', async () => {
    const { adapter } = kitAdapter(sim);
    await sim.control.setFaults({ hangRate: 1, service: 'ScheduleService' });
    await adapter.getSystemInfo();
    const { ms, error } = await elapsed(() => adapter.getAppointmentsForProvider('101', KIT_TODAY, KIT_TODAY, { deadline: deadlineIn(1_500) }));
    console.log(`hang, 1.5 s deadline: typed timeout after ${Math.round(ms)} ms`);
    expect(error).toBeInstanceOf(EmrTimeoutError);
    expect((error as Error).message).toMatch(/^The EMR did not answer within 1\.\d seconds\.$/);
    // the caller's 1.5 s, not the policy's 4 s per attempt (the margin absorbs a loaded machine)
    expect(ms).toBeLessThan(1_500 + 1_500);
  });

  it('stops at once when the caller aborts', async () => {
    const { adapter } = kitAdapter(sim);
    await adapter.getSystemInfo();
    await sim.control.setFaults({ ...providers, hangRate: 1 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const { ms, error } = await elapsed(() => adapter.listProviders({ signal: controller.signal }));
    expect(error).toBeInstanceOf(EmrTimeoutError);
    // at the abort, not at the policy's 4 s timeout
    expect(ms).toBeLessThan(200 + 1_800);
  });

  it('never retries a write whose answer was lost', async () => {
    const { adapter } = kitAdapter(sim, { policy: testPolicy({ timeoutMs: 600 }) });
    await adapter.getSystemInfo();
    await sim.control.setFaults({ service: 'ScheduleService', operation: 'addAppointment', hangRate: 1, afterEffect: true });
    const { error } = await elapsed(() => adapter.addAppointment({ providerNo: '101', demographicNo: 1, start: '2027-03-15T13:00', durationMinutes: 15 }));
    expect(error).toBeInstanceOf(EmrTimeoutError);
    expect(await sim.control.count('ScheduleService', 'addAppointment')).toBe(1);
  });
});

describe('retries', () => {
  it('retries a read after a transient failure', async () => {
    const { adapter } = kitAdapter(sim);
    await sim.control.setFaults({ ...providers, resetRate: 1, times: 1 });
    expect((await adapter.listProviders()).length).toBe(3);
    expect(await sim.control.count('ProviderService', 'getProviders2')).toBe(2);
  });

  it('does not retry a write, nor a refused credential', async () => {
    const { adapter } = kitAdapter(sim);
    await adapter.getSystemInfo();
    await sim.control.setFaults({ service: 'ScheduleService', operation: 'addAppointment', errorRate: 1, times: 1 });
    await expect(adapter.addAppointment({ providerNo: '101', demographicNo: 1, start: '2027-03-15T13:00', durationMinutes: 15 })).rejects.toBeInstanceOf(EmrServerError);
    expect(await sim.control.count('ScheduleService', 'addAppointment')).toBe(1);
    const { adapter: wrong } = kitAdapter(sim, { password: 'not-the-password' });
    await expect(wrong.listProviders()).rejects.toBeInstanceOf(EmrAuthError);
    expect(await sim.control.count('ProviderService', 'getProviders2')).toBe(1);
  });
});

describe('circuit breaker', () => {
  it('opens when half the calls fail, pauses calls, and closes after a successful half-open probe', async () => {
    const { adapter, resilience } = kitAdapter(sim, {
      policy: testPolicy({ readRetries: 0, breakerMinimumThroughput: 10, breakerHalfOpenAfterMs: 1_000 }),
    });
    // a fixed sequence, not a random rate: five answers, then errors (the later rule wins while it lasts).
    // The tenth call is the fifth failure: exactly half of ten, the breaker's threshold
    await sim.control.setFaults([
      { ...providers, errorRate: 1 },
      { ...providers, errorRate: 0, times: 5 },
    ]);
    const outcomes: string[] = [];
    let paused: unknown;
    while (outcomes.length < 20 && !paused) {
      try {
        await adapter.listProviders();
        outcomes.push('ok');
      } catch (error) {
        if (error instanceof EmrPausedError) paused = error;
        else expect(error).toBeInstanceOf(EmrServerError);
        outcomes.push(error instanceof EmrPausedError ? 'paused' : 'error');
      }
    }
    const reached = await sim.control.count('ProviderService', 'getProviders2');
    expect(outcomes).toEqual([...Array(5).fill('ok'), ...Array(5).fill('error'), 'paused']);
    expect(paused).toBeInstanceOf(EmrPausedError);
    expect((paused as EmrPausedError).message).toBe('Calls to the EMR are paused after repeated failures; retrying in 1 s.');
    expect((paused as EmrPausedError).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(reached).toBe(10);
    expect(resilience.circuitState).toBe('open');
    // while open, nothing reaches the EMR
    await expect(adapter.listProviders()).rejects.toBeInstanceOf(EmrPausedError);
    expect(await sim.control.count('ProviderService', 'getProviders2')).toBe(reached);

    await sim.control.clearFaults();
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    expect((await adapter.listProviders()).length).toBe(3);
    expect(resilience.circuitState).toBe('closed');
    expect((await adapter.listProviders()).length).toBe(3);
  });

  it('does not count refused credentials or invalid requests as EMR failures', async () => {
    const { adapter, resilience } = kitAdapter(sim, { password: 'wrong', policy: testPolicy({ breakerMinimumThroughput: 2 }) });
    for (let i = 0; i < 4; i++) await expect(adapter.listProviders()).rejects.toBeInstanceOf(EmrAuthError);
    expect(resilience.circuitState).toBe('closed');
    expect(resilience.breakerCounts().failures).toBe(0);
  });
});

describe('faults become typed errors without the EMR’s text', () => {
  it('bad credentials → auth error', async () => {
    const { adapter } = kitAdapter(sim, { password: 'wrong' });
    const error = await adapter.listProviders().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmrAuthError);
    expect((error as EmrAuthError).code).toBe('UPSTREAM_AUTH');
    expect((error as Error).message).not.toMatch(/wrong|128|security token/i);
  });

  it('credentials refused by the server → auth error; a user without chart access → auth error naming the privilege', async () => {
    const { adapter } = kitAdapter(sim);
    await sim.control.setFaults({ refuseCredentials: true });
    await expect(adapter.listProviders()).rejects.toBeInstanceOf(EmrAuthError);
    await sim.control.clearFaults();
    const { adapter: frontDesk } = kitAdapter(sim, { username: '129', password: 'desk' });
    await expect(frontDesk.getPatient(1)).rejects.toThrow(/privilege/);
  });

  it('malformed XML → bad-response error', async () => {
    const { adapter } = kitAdapter(sim, { policy: testPolicy({ readRetries: 0 }) });
    await sim.control.setFaults({ ...providers, malformedRate: 1 });
    const error = await adapter.listProviders().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmrBadResponseError);
    expect((error as EmrBadResponseError).code).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('connection reset → unreachable; an HTML error page → unreachable, never an empty answer', async () => {
    const { adapter } = kitAdapter(sim, { policy: testPolicy({ readRetries: 0 }) });
    await sim.control.setFaults({ ...providers, resetRate: 1 });
    await expect(adapter.listProviders()).rejects.toBeInstanceOf(EmrUnreachableError);
    await sim.control.setFaults({ ...providers, http500Rate: 1 });
    await expect(adapter.listProviders()).rejects.toThrow(/error page \(HTTP 500\)/);
  });

  it('connection refused → unreachable', async () => {
    const closed = await startKitSim();
    const { adapter } = kitAdapter(closed, { policy: testPolicy({ readRetries: 0 }) });
    await closed.close();
    const error = await adapter.listProviders().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmrUnreachableError);
    expect((error as Error).message).toBe('The EMR could not be reached. Check that OSCAR is running and its address is right.');
  });
});

describe('bulkhead: work queues to the caller’s deadline', () => {
  const range = { service: 'ScheduleService', operation: 'getAppointmentsForDateRangeAndProvider2' };

  /** 30 different reads (one provider's appointments over 30 different ranges). */
  function thirtyReads(adapter: ReturnType<typeof kitAdapter>['adapter'], deadlineMs: number) {
    return Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => adapter.getAppointmentsForProvider('101', KIT_TODAY, `2027-04-${String(i + 1).padStart(2, '0')}`, { deadline: deadlineIn(deadlineMs) })),
    );
  }

  it('30 different reads at once with OSCAR at 200 ms: none is refused, all wait their turn and succeed, at most 8 at a time', async () => {
    const { adapter, client, resilience } = kitAdapter(sim);
    expect(resilience.options.maxConcurrent).toBe(8);
    await adapter.getSystemInfo();
    let running = 0;
    let most = 0;
    const call = client.call.bind(client);
    client.call = async (...args: Parameters<typeof client.call>) => {
      most = Math.max(most, ++running);
      try {
        return await call(...args);
      } finally {
        running -= 1;
      }
    };
    await sim.control.setFaults({ ...range, latencyMs: 200 });
    const results = await thirtyReads(adapter, 10_000);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)).toEqual([]);
    expect(most).toBe(8);
    expect(await sim.control.count(range.service, range.operation)).toBe(30);
  });

  it('with a deadline too short for the queue, the queued calls hear BUSY and the running ones a timeout', async () => {
    const { adapter, resilience } = kitAdapter(sim, { policy: testPolicy({ maxConcurrent: 2, readRetries: 0 }) });
    await adapter.getSystemInfo();
    await Promise.all([adapter.listProviders(), adapter.getAppointmentsForProvider('101', KIT_TODAY, KIT_TODAY)]); // WSDLs loaded
    await sim.control.resetCounters();
    const before = resilience.breakerCounts();
    await sim.control.setFaults([{ ...providers, latencyMs: 100 }, { ...range, latencyMs: 2_000 }]);
    const deadline = deadlineIn(600);
    // a quick call answers at ~100 ms (the lanes move); the first two range reads hold the lanes
    // past the deadline; the other three are still queued then
    const quick = adapter.listProviders({ deadline: deadlineIn(3_000) });
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => adapter.getAppointmentsForProvider('101', KIT_TODAY, `2027-04-0${i + 1}`, { deadline })),
    );
    expect((await quick).length).toBe(3);
    const reasons = results.map((r) => (r as PromiseRejectedResult).reason as unknown);
    expect(reasons.map((e) => (e as Error).constructor.name)).toEqual(['EmrTimeoutError', 'EmrTimeoutError', 'EmrBusyError', 'EmrBusyError', 'EmrBusyError']);
    expect(reasons[2]).toMatchObject({ reason: 'queued', retryAfterSeconds: 1 });
    // OSCAR was asked only by the two that ran; waiting in the queue is not an EMR failure
    expect(await sim.control.count(range.service, range.operation)).toBe(2);
    await expect.poll(() => resilience.breakerCounts()).toEqual({ calls: before.calls + 3, failures: 2 });
  });

  it('when the EMR answers nothing, a call queued behind the hanging ones hears a timeout (EMR_UNAVAILABLE), not BUSY', async () => {
    const { adapter } = kitAdapter(sim, { policy: testPolicy({ maxConcurrent: 2, readRetries: 0 }) });
    await adapter.getSystemInfo();
    await sim.control.setFaults({ ...range, hangRate: 1 });
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, (_, i) => adapter.getAppointmentsForProvider('101', KIT_TODAY, `2027-04-0${i + 1}`, { deadline: deadlineIn(400) })),
    );
    for (const result of results) expect((result as PromiseRejectedResult).reason).toBeInstanceOf(EmrTimeoutError);
    expect(await sim.control.count(range.service, range.operation)).toBe(2);
  });

  it('a full queue refuses at once with BUSY', async () => {
    const { adapter } = kitAdapter(sim, { policy: testPolicy({ maxConcurrent: 1, maxQueued: 1 }) });
    await sim.control.setFaults({ ...providers, latencyMs: 300 });
    const results = await Promise.allSettled([adapter.listProviders(), adapter.listProviders(), adapter.listProviders()]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(EmrBusyError);
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ reason: 'queue_full' });
  });

  it('a queued call whose caller hangs up leaves the queue at once, deadline or not', async () => {
    const { adapter } = kitAdapter(sim, { policy: testPolicy({ maxConcurrent: 1 }) });
    await sim.control.setFaults({ ...providers, latencyMs: 2_000 });
    const first = adapter.listProviders();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const { ms, error } = await elapsed(() => adapter.listProviders({ signal: controller.signal }));
    expect(error).toBeInstanceOf(EmrTimeoutError);
    // at the hang-up, not when the lane frees after 2 s (the margin absorbs a loaded machine)
    expect(ms).toBeLessThan(100 + 1_500);
    expect((await first).length).toBe(3);
  });
});
