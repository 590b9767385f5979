import { describe, expect, it } from 'vitest';
import type { ClinicConfig } from '../clinics/clinic-config.entity.js';
import { ProviderStatus } from '../database/enums.js';
import type { ClinicProvider } from '../providers/clinic-provider.entity.js';
import type { EmrAdapter } from '../emr/emr-adapter.js';
import { openSession } from './booking-session.js';
import { findEarliestIn, searchableProviders } from './earliest-finder.js';
import { ProviderDays } from './provider-day.js';
import type { SchedulingContext } from './scheduling-context.js';
import { SchedulingError } from './scheduling-errors.js';
import type { EarliestRequest } from './scheduling.types.js';
import { FakeEmr, testConfig, testContext, testProvider, timecode } from './testing/fake-emr.js';

// Friday 12 March 2027, 08:00 in Vancouver (UTC−7 all year since 2026)
const NOW = new Date('2027-03-12T15:00:00Z');
const DAY = timecode([['09:00', '12:00', '1'], ['13:00', '17:00', '1']]);
const MORNING = timecode([['09:00', '10:00', '1']]);
const weekdays = (tc: string) => ({ 1: tc, 2: tc, 3: tc, 4: tc, 5: tc });

async function find(emr: FakeEmr, ctx: SchedulingContext, request: EarliestRequest = {}) {
  const session = await openSession({
    ctx, adapter: emr.adapter(), now: NOW, call: {}, filters: request, demographicId: request.demographicId ?? null, type: request,
    providers: searchableProviders(ctx, request),
  });
  return findEarliestIn(session, request, Date.now() + 10_000);
}

function setup(config: Partial<ClinicConfig>, providers: ClinicProvider[], weeks: Record<string, Record<number, string>>) {
  const emr = new FakeEmr('America/Vancouver', weeks);
  return { emr, ctx: testContext(testConfig(config), providers) };
}

const amy = testProvider('101', 'Chen');
const raj = testProvider('102', 'Patel');
const kim = testProvider('106', 'Kim', { specialty: 'Psychiatry' });

describe('findEarliestIn (in-memory EMR)', () => {
  it('with nobody asked for: the earliest of every eligible provider, 2 h notice, new-patient length', async () => {
    const { emr, ctx } = setup({}, [amy, raj], { '101': weekdays(DAY), '102': weekdays(DAY) });
    emr.book('101', 50, '2027-03-12T10:00', 15);
    emr.book('102', 51, '2027-03-12T10:00', 30);
    const result = await find(emr, ctx);
    // now 08:00 + 2 h notice = 10:00; both are busy at 10:00; a new patient needs 30 min
    expect(result.outcome).toBe('found');
    expect(result.newPatient).toBe(true);
    expect(result.offer).toMatchObject({ providerId: '101', providerName: 'Dr. Chen', startTime: '2027-03-12T10:15:00-07:00', endTime: '2027-03-12T10:45:00-07:00', appointmentType: 'B', durationMinutes: 30 });
    // another time of day (afternoon, same provider) and another provider
    expect(result.alternatives.map((a) => [a.providerId, a.startTime])).toEqual([
      ['101', '2027-03-12T13:00:00-07:00'],
      ['102', '2027-03-12T10:30:00-07:00'],
    ]);
  });

  it('a known patient gets the type’s own length and never a second appointment that day', async () => {
    const { emr, ctx } = setup({}, [amy], { '101': weekdays(DAY) });
    emr.book('101', 7, '2027-01-05T09:00', 15);
    emr.book('101', 7, '2027-03-12T14:00', 15);
    const result = await find(emr, ctx, { demographicId: 7 });
    expect(result.newPatient).toBe(false);
    // Friday is taken (maxApptsPerPatientPerDay 1), the weekend is off: Monday 09:00
    expect(result.offer).toMatchObject({ startTime: '2027-03-15T09:00:00-07:00', durationMinutes: 15 });
  });

  it('a move does not count the appointment being moved against the daily limit', async () => {
    const { emr, ctx } = setup({}, [amy], { '101': weekdays(DAY) });
    emr.book('101', 7, '2027-01-05T09:00', 15);
    const moving = emr.book('101', 7, '2027-03-12T14:00', 15);
    const session = await openSession({ ctx, adapter: emr.adapter(), now: NOW, call: {}, filters: {}, demographicId: 7, ignoreAppointmentId: moving.id, type: {} });
    const result = await findEarliestIn(session, { demographicId: 7, movingAppointmentId: moving.id }, Date.now() + 10_000);
    expect(result.offer?.startTime).toBe('2027-03-12T10:00:00-07:00');
  });

  it('same-day switched off starts tomorrow’s search (Monday: the weekend is off)', async () => {
    const { emr, ctx } = setup({ allowSameDayBooking: false }, [amy], { '101': weekdays(DAY) });
    expect((await find(emr, ctx)).offer?.startTime).toBe('2027-03-15T09:00:00-07:00');
  });

  it('weekend switched on books Saturday when the clinic is open then', async () => {
    const { emr, ctx } = setup({ allowSameDayBooking: false, allowWeekendBooking: true }, [amy], { '101': { 6: DAY } });
    const hours = new Map(ctx.hours).set(6, { open: 600, close: 840 });
    const result = await find(emr, { ...ctx, hours });
    expect(result.offer?.startTime).toBe('2027-03-13T10:00:00-07:00');
  });

  it('skips clinic holidays and EMR holidays without reading closed days', async () => {
    const emr = new FakeEmr('America/Vancouver', { '101': weekdays(DAY) }, undefined, new Set(['2027-03-15']));
    const ctx = testContext(testConfig({ allowSameDayBooking: false }), [amy], { holidays: new Set(['2027-03-16']) });
    const result = await find(emr, ctx);
    expect(result.offer?.startTime).toBe('2027-03-17T09:00:00-07:00');
    expect(emr.calls.filter((c) => c.includes('schedule'))).not.toContain('schedule 101 2027-03-16');
    expect(emr.calls.filter((c) => c.includes('2027-03-13') || c.includes('2027-03-14'))).toEqual([]);
  });

  it('the caller’s filters: afternoon only, Wednesdays only, a turned-down start', async () => {
    const { emr, ctx } = setup({}, [amy], { '101': weekdays(DAY) });
    const result = await find(emr, ctx, { timeOfDay: 'afternoon', daysOfWeek: [3], excludeStartTimes: ['2027-03-17T13:00:00-07:00'], demographicId: null });
    expect(result.offer?.startTime).toBe('2027-03-17T13:15:00-07:00');
  });

  it('a past start date is searched from today', async () => {
    const { emr, ctx } = setup({}, [amy], { '101': weekdays(DAY) });
    const result = await find(emr, ctx, { startDate: '2024-01-01' });
    expect(result.searchedFrom).toBe('2027-03-12');
    expect(result.offer?.startTime).toBe('2027-03-12T10:00:00-07:00');
  });

  it('the asked provider (by spoken name) first; the fallback provider is offered as the alternative', async () => {
    const { emr, ctx } = setup({}, [amy, raj], { '101': weekdays(DAY), '102': weekdays(DAY) });
    const result = await find(emr, ctx, { providerName: 'doctor patel' });
    expect(result.offer?.providerId).toBe('102');
    expect(result.fellBack).toBe(false);
    expect(result.alternatives.map((a) => a.providerId)).toEqual(['102', '101']);
  });

  it('best_available: the asked provider has nothing in the window → another provider, marked as a fallback', async () => {
    const { emr, ctx } = setup({ maxAdvanceBookingDays: 10 }, [amy, raj, kim], { '101': weekdays(DAY), '102': {}, '106': weekdays(MORNING) });
    const result = await find(emr, ctx, { providerId: '102' });
    expect(result).toMatchObject({ outcome: 'found', fellBack: true, offer: { providerId: '101' } });
  });

  it('every offer says why it was picked, for the logs: provider rule, fallback, filters (never a name or a date of birth)', async () => {
    const { emr, ctx } = setup({ maxAdvanceBookingDays: 10 }, [amy, raj, kim], { '101': weekdays(DAY), '102': {}, '106': weekdays(MORNING) });
    const fallback = await find(emr, ctx, { providerId: '102', timeOfDay: 'afternoon', excludeStartTimes: ['2027-03-12T13:00:00-07:00'] });
    expect(fallback.offer?.why).toBe('fallback (best_available): Dr. Patel had nothing; new-patient length; filter: afternoon; filter: 1 time(s) turned down');
    const asked = await find(emr, ctx, { providerId: '101', demographicId: 7 });
    expect(asked.offer?.why).toBe('the provider asked for; new-patient length');
    expect(asked.alternatives.map((a) => a.why)).toEqual(['alternative: the same provider at another time; new-patient length', 'alternative: another provider; new-patient length']);
    const anyone = await find(emr, ctx, { daysOfWeek: [1, 2] });
    expect(anyone.offer?.why).toBe('earliest of 3 eligible providers; new-patient length; filter: weekdays 1,2');
  });

  it('same_specialty: only providers of the asked one’s specialty', async () => {
    const { emr, ctx } = setup({ providerFallbackBehavior: 'same_specialty', maxAdvanceBookingDays: 10 }, [amy, raj, kim], { '101': {}, '102': {}, '106': weekdays(DAY) });
    expect((await find(emr, ctx, { providerId: '101' })).outcome).toBe('none');
  });

  it('ask_patient: the choices instead of a pick; waitlist_only: the waitlist', async () => {
    const weeks = { '101': {}, '102': weekdays(DAY), '106': weekdays(MORNING) };
    const ask = setup({ providerFallbackBehavior: 'ask_patient', maxAdvanceBookingDays: 10 }, [amy, raj, kim], weeks);
    const choices = await find(ask.emr, ask.ctx, { providerId: '101' });
    expect(choices.outcome).toBe('ask_patient');
    expect(choices.choices.map((c) => c.providerId)).toEqual(['102', '106']);
    const wait = setup({ providerFallbackBehavior: 'waitlist_only', maxAdvanceBookingDays: 10 }, [amy, raj, kim], weeks);
    expect(await find(wait.emr, wait.ctx, { providerId: '101' })).toMatchObject({ outcome: 'waitlist', offer: null });
  });

  it('maxFallbackProviders bounds the fallback providers searched', async () => {
    const { emr, ctx } = setup({ maxFallbackProviders: 1, maxAdvanceBookingDays: 10 }, [amy, raj, kim], { '101': {}, '102': {}, '106': weekdays(DAY) });
    // Raj (same specialty) is the only fallback allowed, and he has nothing
    expect((await find(emr, ctx, { providerId: '101' })).outcome).toBe('none');
    expect(emr.calls.some((c) => c.includes(' 106 '))).toBe(false);
  });

  it('a new patient is never offered a provider who is not accepting new patients', async () => {
    const closed = testProvider('101', 'Chen', { acceptingNewPatients: false });
    const { emr, ctx } = setup({}, [closed, raj], { '101': weekdays(DAY), '102': weekdays(MORNING) });
    expect((await find(emr, ctx)).offer?.providerId).toBe('102');
    const none = setup({}, [closed], { '101': weekdays(DAY) });
    await expect(find(none.emr, none.ctx)).rejects.toMatchObject({ schedulingCode: 'NOT_ACCEPTING' });
    const clinicClosed = setup({ acceptingNewPatients: false }, [amy], { '101': weekdays(DAY) });
    await expect(find(clinicClosed.emr, clinicClosed.ctx)).rejects.toMatchObject({ schedulingCode: 'NOT_ACCEPTING' });
  });

  it('providers that are not voice-bookable or inactive are never searched', async () => {
    const hidden = testProvider('101', 'Chen', { voiceBookable: false });
    const gone = testProvider('106', 'Kim', { status: ProviderStatus.Inactive });
    const { emr, ctx } = setup({}, [hidden, raj, gone], { '101': weekdays(DAY), '102': weekdays(MORNING), '106': weekdays(DAY) });
    const result = await find(emr, ctx);
    expect(result.offer?.providerId).toBe('102');
    expect(result.alternatives.map((a) => a.providerId)).toEqual(['102']);
    expect(emr.calls.some((c) => c.includes(' 101 ') || c.includes(' 106 '))).toBe(false);
    // asked for by number, each is passed over for the one who may be booked
    for (const providerId of ['101', '106']) {
      expect(await find(emr, ctx, { providerId })).toMatchObject({ outcome: 'found', fellBack: true, offer: { providerId: '102' } });
    }
  });

  it('an unknown provider number or name is INVALID_ARGUMENTS', async () => {
    const { emr, ctx } = setup({}, [amy], { '101': weekdays(DAY) });
    for (const request of [{ providerId: '999' }, { providerName: 'Dr. Nobody' }]) {
      const error = await find(emr, ctx, request).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SchedulingError);
      expect((error as SchedulingError).schedulingCode).toBe('INVALID_ARGUMENTS');
    }
  });

  it('provider overrides: schedule codes and a shorter booking window', async () => {
    const fussy = testProvider('101', 'Chen', { scheduleCodeConfig: { codes: ['2'] }, maxAdvanceBookingDays: 3 });
    const { emr, ctx } = setup({}, [fussy], { '101': weekdays(timecode([['09:00', '12:00', '1'], ['15:00', '16:00', '2']])) });
    const result = await find(emr, ctx);
    expect(result.offer?.startTime).toBe('2027-03-12T15:00:00-07:00');
    expect(result.searchedTo).toBe('2027-03-15');
  });
});

describe('ProviderDays.prepare', () => {
  it('works out a provider’s days as soon as its appointments are in, while another’s are still on their way, and tells the others where to stop', async () => {
    const { emr, ctx } = setup({}, [amy, raj], { '101': weekdays(MORNING), '102': weekdays(MORNING) });
    // Dr. Chen's Monday morning is full; Friday's is inside the 2 h notice: her first free morning is Tuesday
    for (const t of ['09:00', '09:15', '09:30', '09:45']) emr.book('101', 50, `2027-03-15T${t}`, 15);
    const adapter = emr.adapter();
    const read = adapter.getAppointmentsForProvider.bind(adapter);
    let arrive!: () => void;
    const patelArrives = new Promise<void>((resolve) => (arrive = resolve));
    const slowPatel: EmrAdapter['getAppointmentsForProvider'] = async (providerNo, from, to, call) => {
      if (providerNo === '102') await patelArrives;
      return read(providerNo, from, to, call);
    };
    adapter.getAppointmentsForProvider = slowPatel;
    const session = await openSession({ ctx, adapter, now: NOW, call: {}, filters: {}, demographicId: null, type: {} });
    const [chen, patel] = ctx.providers.map((rules) => new ProviderDays(session, rules)) as [ProviderDays, ProviderDays];
    const bound = { until: '2027-04-30' };
    chen.prepare(session.window.from, bound);
    patel.prepare(session.window.from, bound);
    await new Promise((resolve) => setImmediate(resolve));
    expect(bound.until).toBe('2027-03-16');
    expect((await chen.candidates('2027-03-16'))[0]?.start.toISO()).toBe('2027-03-16T09:00:00.000-07:00');
    arrive();
    await new Promise((resolve) => setImmediate(resolve));
    expect(bound.until).toBe('2027-03-15');
  });
});
