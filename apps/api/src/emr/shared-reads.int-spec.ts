import { describe, expect, it } from 'vitest';
import type { TestOscarSim } from '../../../../libs/testing/src/oscar-sim.js';
import { waitFor } from '../../../../libs/testing/src/telnyx-fake.js';
import { EmrBusyError, EmrTimeoutError } from './emr-errors.js';
import { deadlineIn } from './emr-resilience.js';
import { KIT_TODAY, sharedKitAdapter, useKitSim, testPolicy } from './testing/emr-test-kit.js';

const RANGE = { service: 'ScheduleService', operation: 'getAppointmentsForDateRangeAndProvider2' };
const PHONE = { service: 'DemographicService', operation: 'searchDemographicsByAttributes' };
const PROVIDERS = { service: 'ProviderService', operation: 'getProviders2' };
const WEEK_END = '2027-03-19';

let sim: TestOscarSim;
useKitSim((started) => (sim = started));

const count = (op: { service: string; operation: string }) => sim.control.count(op.service, op.operation);
/** until OSCAR has been asked `n` times for `op` (the simulator counts a call when it arrives): a condition, not a guess of how long that takes */
const asked = (op: { service: string; operation: string }, n = 1) => waitFor(async () => ((await count(op)) >= n ? true : undefined), 10_000, `${op.operation} to reach OSCAR`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A kit adapter as the factory builds it, with the server clock and the services' WSDLs already
 * loaded (asked past the shared reads, so nothing is kept), the simulator's counters at zero.
 */
async function shared(policy = testPolicy()) {
  const kit = sharedKitAdapter(sim, { policy });
  await kit.oscar.getSystemInfo();
  await Promise.all([kit.oscar.listProviders(), kit.oscar.getAppointmentsForProvider('101', KIT_TODAY, KIT_TODAY), kit.oscar.findPatientsByPhone('604-555-0000')]);
  await sim.control.resetCounters();
  return kit;
}

describe('identical reads in flight are made once', () => {
  it('20 callers asking for the same provider’s week at once cost OSCAR one call, and all get it', async () => {
    const { adapter } = await shared(testPolicy({ recentReadMs: 0 }));
    await sim.control.setFaults({ ...RANGE, latencyMs: 200 });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => adapter.getAppointmentsForProvider('101', KIT_TODAY, WEEK_END, { deadline: deadlineIn(4_000) })),
    );
    expect(await count(RANGE)).toBe(1);
    expect(results[0].map((a) => a.id).length).toBeGreaterThan(0);
    for (const result of results) expect(result).toEqual(results[0]);
    // nothing is kept with recentReadMs 0: the next caller asks OSCAR again
    await adapter.getAppointmentsForProvider('101', KIT_TODAY, WEEK_END);
    expect(await count(RANGE)).toBe(2);
  });

  it('one number written three ways is one phone search', async () => {
    const { adapter } = await shared();
    await sim.control.setFaults({ ...PHONE, latencyMs: 150 });
    const found = await Promise.all(['604-555-0142', '(604) 555-0142', '+16045550142'].map((phone) => adapter.findPatientsByPhone(phone)));
    expect(found.map((patients) => patients.map((p) => p.demographicNo))).toEqual([[1], [1], [1]]);
    expect(await count(PHONE)).toBe(1);
  });

  it('each caller gets its own list: one that trims or edits its answer changes nobody else’s (the appointments are frozen)', async () => {
    const { adapter } = await shared();
    const [mine, yours] = await Promise.all([adapter.getAppointmentsForProvider('101', KIT_TODAY, WEEK_END), adapter.getAppointmentsForProvider('101', KIT_TODAY, WEEK_END)]);
    const count0 = yours.length;
    mine.pop();
    expect(() => {
      mine[0].status = 'edited';
    }).toThrow(TypeError);
    expect(yours).toHaveLength(count0);
    expect(yours[0].status).not.toBe('edited');
    expect((await adapter.getAppointmentsForProvider('101', KIT_TODAY, WEEK_END))[0].status).not.toBe('edited');
    expect(await count(RANGE)).toBe(1);
  });

  it('different reads are not shared, and writes never are', async () => {
    const { adapter } = await shared();
    await Promise.all([
      adapter.getAppointmentsForProvider('101', KIT_TODAY, KIT_TODAY),
      adapter.getAppointmentsForProvider('101', KIT_TODAY, WEEK_END),
      adapter.getAppointmentsForProvider('103', KIT_TODAY, WEEK_END),
    ]);
    expect(await count(RANGE)).toBe(3);
    const booking = { providerNo: '103', demographicNo: 4, start: '2027-03-15T10:00', durationMinutes: 15 };
    const ids = await Promise.all([adapter.addAppointment(booking), adapter.addAppointment(booking)]);
    expect(new Set(ids).size).toBe(2);
    expect(await sim.control.count('ScheduleService', 'addAppointment')).toBe(2);
  });

  it('a caller who joined with a shorter deadline gives up alone; the others still get the answer', async () => {
    const { adapter } = await shared();
    await sim.control.setFaults({ ...RANGE, latencyMs: 800 });
    const patient = adapter.getAppointmentsForProvider('101', KIT_TODAY, WEEK_END, { deadline: deadlineIn(4_000) });
    const noDeadline = adapter.getAppointmentsForProvider('101', KIT_TODAY, WEEK_END);
    const hurried = adapter.getAppointmentsForProvider('101', KIT_TODAY, WEEK_END, { deadline: deadlineIn(300) });
    const error = await hurried.catch((e: unknown) => e);
    // OSCAR was asked (the read was running): a timeout, not BUSY
    expect(error).toBeInstanceOf(EmrTimeoutError);
    expect((error as Error).message).toBe('The EMR did not answer within 0.3 seconds.');
    const [a, b] = await Promise.all([patient, noDeadline]);
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
    expect(await count(RANGE)).toBe(1);
  });

  it('the read goes on for a caller who joined later with a later deadline, after the first one gave up', async () => {
    const { adapter } = await shared();
    await sim.control.setFaults({ ...RANGE, latencyMs: 700 });
    const first = adapter.getAppointmentsForProvider('101', KIT_TODAY, WEEK_END, { deadline: deadlineIn(300) }).catch((e: unknown) => e);
    // joins while the first caller still waits (the read is in flight from the first call on, not after a sleep)
    expect(adapter.sharing.inFlight).toBe(1);
    const later = adapter.getAppointmentsForProvider('101', KIT_TODAY, WEEK_END, { deadline: deadlineIn(3_000) });
    expect(await first).toBeInstanceOf(EmrTimeoutError);
    expect((await later).length).toBeGreaterThan(0);
    expect(await count(RANGE)).toBe(1);
  });

  it('a caller who hangs up leaves; the read is cancelled only when nobody waits for it any more', async () => {
    const { adapter } = await shared();
    await sim.control.setFaults({ ...RANGE, hangRate: 1 });
    const leaving = new AbortController();
    const staying = new AbortController();
    const one = adapter.getAppointmentsForProvider('101', KIT_TODAY, WEEK_END, { signal: leaving.signal }).catch((e: unknown) => e);
    const two = adapter.getAppointmentsForProvider('101', KIT_TODAY, WEEK_END, { signal: staying.signal }).catch((e: unknown) => e);
    await asked(RANGE);
    leaving.abort();
    expect(await one).toBeInstanceOf(EmrTimeoutError);
    expect(adapter.sharing.inFlight).toBe(1);
    staying.abort();
    expect(await two).toBeInstanceOf(EmrTimeoutError);
    expect(adapter.sharing.inFlight).toBe(0);
    // a new caller starts a new read instead of joining the abandoned one
    await sim.control.clearFaults();
    expect((await adapter.getAppointmentsForProvider('101', KIT_TODAY, WEEK_END)).length).toBeGreaterThan(0);
    expect(await count(RANGE)).toBe(2);
  });
});

describe('recent results and fresh reads', () => {
  it('a provider’s range asked again within the short window costs no SOAP call; a fresh read makes a new one', async () => {
    const { adapter } = await shared();
    const first = await adapter.getAppointmentsForProvider('101', KIT_TODAY, WEEK_END);
    const again = await adapter.getAppointmentsForProvider('101', KIT_TODAY, WEEK_END);
    expect(again).toEqual(first);
    expect(await count(RANGE)).toBe(1);
    await adapter.getAppointmentsForProvider('101', KIT_TODAY, WEEK_END, { fresh: true });
    expect(await count(RANGE)).toBe(2);
  });

  it('the window is short and set by the policy: after it, OSCAR is asked again', async () => {
    const { adapter } = await shared(testPolicy({ recentReadMs: 200 }));
    await adapter.findPatientsByPhone('604-555-0142');
    await adapter.findPatientsByPhone('604-555-0142');
    expect(await count(PHONE)).toBe(1);
    await sleep(250);
    await adapter.findPatientsByPhone('604-555-0142');
    expect(await count(PHONE)).toBe(2);
  });

  it('only provider ranges and phone searches are kept: other reads are shared while in flight only', async () => {
    const { adapter } = await shared();
    await adapter.listProviders();
    await adapter.listProviders();
    expect(await count(PROVIDERS)).toBe(2);
  });

  it('a fresh read joins a read still waiting in the clinic’s queue, but not one OSCAR was already asked', async () => {
    const { adapter } = await shared(testPolicy({ maxConcurrent: 1 }));
    await sim.control.setFaults([
      { ...PROVIDERS, latencyMs: 400 },
      { ...RANGE, latencyMs: 300 },
    ]);
    const blocker = adapter.listProviders(); // holds the only lane
    await asked(PROVIDERS);
    const queued = adapter.getAppointmentsForProvider('101', KIT_TODAY, WEEK_END);
    const fresh = adapter.getAppointmentsForProvider('101', KIT_TODAY, WEEK_END, { fresh: true });
    await Promise.all([blocker, queued, fresh]);
    expect(await count(RANGE)).toBe(1);

    await sim.control.resetCounters();
    const running = adapter.getAppointmentsForProvider('101', KIT_TODAY, KIT_TODAY);
    await asked(RANGE); // OSCAR is answering it now
    const second = adapter.getAppointmentsForProvider('101', KIT_TODAY, KIT_TODAY, { fresh: true });
    const notFresh = adapter.getAppointmentsForProvider('101', KIT_TODAY, KIT_TODAY);
    await Promise.all([running, second, notFresh]);
    expect(await count(RANGE)).toBe(2);
  });

  it('after a booking, cancellation or move, the provider’s and the patient’s recent reads are not served', async () => {
    const { adapter } = await shared();
    const day = '2027-03-15';
    const before = await adapter.getAppointmentsForProvider('103', day, day);
    await adapter.getAppointmentsForPatient(4);
    const id = await adapter.addAppointment({ providerNo: '103', demographicNo: 4, start: `${day}T10:00`, durationMinutes: 15 });
    const after = await adapter.getAppointmentsForProvider('103', day, day);
    expect(after.map((a) => a.id)).toEqual([...before.map((a) => a.id), id]);
    expect((await adapter.getAppointmentsForPatient(4)).map((a) => a.id)).toContain(id);
    expect(await count(RANGE)).toBe(2);

    await adapter.cancelAppointment(id);
    expect((await adapter.getAppointmentsForProvider('103', day, day)).find((a) => a.id === id)?.cancelled).toBe(true);
    expect(await count(RANGE)).toBe(3);

    // moved to another provider: the old provider's kept range held it, so it goes too
    await adapter.getAppointmentsForProvider('101', day, day);
    await adapter.updateAppointment(id, { providerNo: '101', status: 't' });
    expect((await adapter.getAppointmentsForProvider('103', day, day)).map((a) => a.id)).not.toContain(id);
    expect((await adapter.getAppointmentsForProvider('101', day, day)).map((a) => a.id)).toContain(id);
    expect(await count(RANGE)).toBe(6);
  });

  it('a range read in flight while a booking completes is not kept for later callers', async () => {
    const { adapter } = await shared();
    const day = '2027-03-15';
    await sim.control.setFaults({ ...RANGE, latencyMs: 400 });
    const inFlight = adapter.getAppointmentsForProvider('103', day, day);
    await asked(RANGE);
    const id = await adapter.addAppointment({ providerNo: '103', demographicNo: 4, start: `${day}T11:00`, durationMinutes: 15 });
    await inFlight;
    await sim.control.clearFaults();
    expect((await adapter.getAppointmentsForProvider('103', day, day)).map((a) => a.id)).toContain(id);
    expect(await count(RANGE)).toBe(2);
  });
});

describe('a busy clinic: BUSY for work still queued, a timeout for work OSCAR was asked', () => {
  it('a caller sharing a read still queued at its deadline hears BUSY while OSCAR answers the calls ahead; one who waits longer gets the answer', async () => {
    const { adapter } = await shared(testPolicy({ maxConcurrent: 1 }));
    await sim.control.setFaults([
      { service: 'ScheduleService', operation: 'getScheduleTemplateCodes', latencyMs: 100 },
      { ...PROVIDERS, latencyMs: 800 },
    ]);
    const ahead = Promise.all([adapter.getScheduleTemplateCodes(), adapter.listProviders()]);
    const patient = adapter.getAppointmentsForProvider('101', KIT_TODAY, WEEK_END, { deadline: deadlineIn(4_000) });
    const hurried = await adapter.getAppointmentsForProvider('101', KIT_TODAY, WEEK_END, { deadline: deadlineIn(400) }).catch((e: unknown) => e);
    expect(hurried).toBeInstanceOf(EmrBusyError);
    expect((await patient).length).toBeGreaterThan(0);
    await ahead;
    expect(await count(RANGE)).toBe(1);
  });

  it('when OSCAR answers nothing, a caller sharing a queued read hears a timeout, not BUSY', async () => {
    const { adapter } = await shared(testPolicy({ maxConcurrent: 1, readRetries: 0 }));
    await sim.control.setFaults({ ...PROVIDERS, hangRate: 1 });
    const hanging = adapter.listProviders({ deadline: deadlineIn(600) }).catch((e: unknown) => e);
    const queued = await adapter.getAppointmentsForProvider('101', KIT_TODAY, WEEK_END, { deadline: deadlineIn(300) }).catch((e: unknown) => e);
    expect(queued).toBeInstanceOf(EmrTimeoutError);
    expect(await hanging).toBeInstanceOf(EmrTimeoutError);
    expect(await count(RANGE)).toBe(0);
  });
});
