import { describe, expect, it } from 'vitest';
import { EmrAdapterFactory } from '../emr/emr-adapter.factory.js';
import { refreshAgeMs } from './schedule-cache.service.js';
import { ScheduleCacheStore, type CachedDay } from './schedule-cache.store.js';
import { SlotTakenError } from './scheduling-errors.js';
import { workdayTimecode } from './testing/clinic-calendar.js';
import { calendarAt as at, CALENDAR_TODAY as TODAY, calendarSuite } from './testing/calendar-suite.js';
import { waitFor } from '../../../../libs/testing/src/telnyx-fake.js';

// the first free day is Monday the 15th (offset 5)
const suite = calendarSuite({ providers: 3, patients: 10, firstFreeDay: 5 });
const DATA = suite.data;

async function warmClinic(): Promise<string> {
  const clinicId = await suite.clinic();
  const outcome = await suite.kit.cache.refresh(clinicId);
  expect(outcome.read).toBe(outcome.expected);
  await suite.sim.control.resetCounters();
  return clinicId;
}

describe('the schedule cache', () => {
  it('one refresh round warms a clinic: every voice-bookable provider × every open day of the booking window', async () => {
    const clinicId = await suite.clinic();
    expect((await suite.kit.cache.status(clinicId)).warm).toBe(false);
    const outcome = await suite.kit.cache.refresh(clinicId);
    const status = await suite.kit.cache.status(clinicId);
    // 3 providers × the weekdays from today to today + 30 (23)
    expect(status).toMatchObject({ expected: 69, entries: 69, missing: 0, warm: true });
    expect(outcome).toMatchObject({ expected: 69, missing: 69, read: 69, failed: 0 });
    expect(await suite.sim.control.count('ScheduleService', 'getDayWorkSchedule')).toBe(69);
    // nothing is due again before the refresh age
    expect((await suite.kit.cache.refresh(clinicId)).read).toBe(0);
  });

  it('a warm search reads no day schedule: the chart and one range per provider, in one wave, whatever day is first free', async () => {
    const clinicId = await warmClinic();
    const result = await suite.kit.scheduling.findEarliest(clinicId, { demographicId: 3 });
    expect(result.offer).toMatchObject({ startTime: at('2027-03-15', '09:00'), providerId: '101' });
    const counters = await suite.sim.control.counters();
    expect(counters.operations['ScheduleService.getDayWorkSchedule'] ?? 0).toBe(0);
    expect(counters.operations['ScheduleService.getAppointmentsForDateRangeAndProvider2']).toBe(3);
    expect(counters.operations['ScheduleService.getAppointmentsForPatient2']).toBe(1);
    expect(counters.total).toBe(4);
    // the alternatives come from the data already read
    expect(result.alternatives.map((a) => [a.providerId, a.startTime])).toEqual([['101', at('2027-03-15', '12:00')], ['102', at('2027-03-15', '09:00')]]);
  });

  it('a cold search reads the missing days nearest first, stops when it has its answer, and leaves what it read in the cache', async () => {
    const clinicId = await suite.clinic();
    await suite.sim.control.resetCounters();
    const result = await suite.kit.scheduling.findEarliest(clinicId, { demographicId: 3 });
    expect(result.offer?.startTime).toBe(at('2027-03-15', '09:00'));
    const read = await suite.sim.control.count('ScheduleService', 'getDayWorkSchedule');
    expect(read).toBeGreaterThanOrEqual(9); // 3 providers × the 3 working days up to Monday
    expect(read).toBeLessThan(69);
    // the days are written to the cache behind the answer: wait for them, not for a fixed time
    const cached = await waitFor(async () => {
      const { entries } = await suite.kit.cache.status(clinicId);
      return entries >= 9 ? entries : undefined;
    }, 10_000, 'the days read to reach the cache');
    expect(cached).toBeGreaterThanOrEqual(9);
  });

  it('the refresh keeps to its budget: no more reads than the tokens the clinic has', async () => {
    const clinicId = await suite.clinic();
    await suite.db.dataSource.query('INSERT INTO schedule_cache_budgets (clinic_id, tokens, refilled_at) VALUES ($1, 10, $2)', [clinicId, new Date(Date.now() + 60_000).toISOString()]);
    const outcome = await suite.kit.cache.refresh(clinicId);
    expect(outcome.read).toBe(10);
    expect(outcome.tokensLeft).toBe(0);
    expect(await suite.sim.control.count('ScheduleService', 'getDayWorkSchedule')).toBe(10);
    expect((await suite.kit.cache.status(clinicId)).missing).toBe(59);
  });

  it('the refresh age grows with the clinic (one call a second on average wins): 10 × 30 days within 15 minutes', () => {
    expect(refreshAgeMs(66)).toBe(10 * 60_000);
    expect(refreshAgeMs(300)).toBeLessThanOrEqual(15 * 60_000);
    expect(refreshAgeMs(1200)).toBe(1_500_000);
  });

  it('a provider added by a sync is expected at once and warmed by the next round', async () => {
    const clinicId = await warmClinic();
    await suite.sim.control.loadData({ ...DATA, providers: [...DATA.providers, { ...DATA.providers[0]!, providerNo: '104', lastName: 'DoctorD' }] }, TODAY);
    await suite.kit.emr.syncProviders(clinicId);
    expect(await suite.kit.cache.status(clinicId)).toMatchObject({ expected: 92, missing: 23, warm: false });
    expect((await suite.kit.cache.refresh(clinicId)).read).toBe(23);
    expect((await suite.kit.cache.status(clinicId)).warm).toBe(true);
  });
});

describe('nothing stale is ever booked', () => {
  it('a template changed in OSCAR behind the cache: the booking re-reads the day, hears SLOT_TAKEN with a fresh offer, and the cache entry is replaced', async () => {
    const clinicId = await warmClinic();
    const offer = (await suite.kit.scheduling.findEarliest(clinicId, { demographicId: 3, providerId: '101' })).offer!;
    expect(offer.startTime).toBe(at('2027-03-15', '09:00'));
    // the front desk gives Dr. A afternoons only from now on
    await suite.sim.control.loadData({ ...DATA, templates: [...DATA.templates, { name: 'pm', slotMinutes: 15, timecode: workdayTimecode('13:00', '17:00') }], providers: DATA.providers.map((p) => (p.providerNo === '101' ? { ...p, week: { 1: 'pm', 2: 'pm', 3: 'pm', 4: 'pm', 5: 'pm' } } : p)) }, TODAY);
    const error = await suite.kit.scheduling.book(clinicId, { demographicId: 3, providerNo: '101', startTime: offer.startTime }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlotTakenError);
    expect((error as SlotTakenError).offer?.offer?.startTime).toBe(at('2027-03-15', '13:00'));
    const cached = await suite.kit.cacheStore.read(clinicId, '2027-03-15', '2027-03-15');
    expect(cached.get('101|2027-03-15')?.schedule?.slots[0]?.start).toBe(at('2027-03-15', '13:00'));
    expect(await suite.sim.control.count('ScheduleService', 'addAppointment')).toBe(0);
  });

  it('a holiday added in OSCAR behind the cache: the offered day is refused with an offer on another day', async () => {
    const clinicId = await warmClinic();
    const offer = (await suite.kit.scheduling.findEarliest(clinicId, { demographicId: 4, providerId: '102' })).offer!;
    await suite.sim.control.loadData({ ...DATA, holidays: [{ dayOffset: 5, name: 'Clinic closed' }] }, TODAY);
    const error = await suite.kit.scheduling.book(clinicId, { demographicId: 4, providerNo: '102', startTime: offer.startTime }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlotTakenError);
    expect((error as SlotTakenError).offer?.offer?.startTime.slice(0, 10)).toBe('2027-03-16');
  });

  it('a slot taken through raw SOAP between the offer and the booking: SLOT_TAKEN with a fresh offer, one appointment in OSCAR', async () => {
    const clinicId = await warmClinic();
    const offer = (await suite.kit.scheduling.findEarliest(clinicId, { demographicId: 5, providerId: '103' })).offer!;
    // the front desk: another process, whose booking this process's shared reads do not hear about
    const adapter = await new EmrAdapterFactory(suite.db.dataSource.getRepository('ClinicConfig'), suite.db.dataSource.getRepository('Clinic'), suite.kit.box).forClinic(clinicId);
    await adapter.addAppointment({ providerNo: '103', demographicNo: 11, start: offer.startTime, durationMinutes: 15, type: 'B', reason: 'front desk' });
    const error = await suite.kit.scheduling.book(clinicId, { demographicId: 5, providerNo: '103', startTime: offer.startTime }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlotTakenError);
    expect((error as SlotTakenError).offer?.offer?.startTime).toBe(at('2027-03-15', '09:15'));
    const day = await adapter.getAppointmentsForProvider('103', '2027-03-15', '2027-03-15');
    expect(day.filter((a) => a.start === offer.startTime && !a.cancelled)).toHaveLength(1);
  });
});

describe('what the cache should hold', () => {
  it('leaves out weekends and the clinic’s holidays', async () => {
    const clinicId = await suite.clinic();
    await suite.db.dataSource.query(`INSERT INTO clinic_holidays (clinic_id, date, name) VALUES ($1, '2027-03-15', 'Closed')`, [clinicId]);
    const status = await suite.kit.cache.status(clinicId);
    expect(status.expected).toBe(66);
  });
});

describe('each replica keeps the clinic’s window of the cache', () => {
  const morning = (date: string) => ({ holiday: false, slotMinutes: 15, slots: [{ start: at(date, '09:00'), end: at(date, '09:15'), code: '1' }] });
  const day = (providerNo: string, date: string, readAt = new Date()): CachedDay => ({ providerNo, date, schedule: morning(date), readAt });

  it('a search reads the window from PostgreSQL once; this replica’s writes are in it at once, another replica’s once a search found the cache short', async () => {
    const clinicId = await suite.clinic();
    const store = suite.kit.cacheStore;
    const otherReplica = new ScheduleCacheStore(suite.db.dataSource);
    expect((await store.readShared(clinicId, TODAY, '2027-04-09')).size).toBe(0);
    // a booking's re-read on this replica
    await store.write(clinicId, [day('101', '2027-03-15')]);
    expect((await store.readShared(clinicId, TODAY, '2027-04-09')).get('101|2027-03-15')?.schedule?.slots).toHaveLength(1);
    // an older reading never replaces a newer one, in the window as in the table
    await store.write(clinicId, [{ ...day('101', '2027-03-15', new Date(Date.now() - 60_000)), schedule: null }]);
    expect((await store.readShared(clinicId, TODAY, '2027-04-09')).get('101|2027-03-15')?.schedule).not.toBeNull();
    // the other replica's refresh: kept out of this replica's window for a while (WINDOW_KEEP_MS) …
    await otherReplica.write(clinicId, [day('102', '2027-03-16')]);
    expect((await store.readShared(clinicId, TODAY, '2027-04-09')).has('102|2027-03-16')).toBe(false);
    // … unless a search here found the cache short of days: then the next search reads it again
    await store.write(clinicId, [day('103', '2027-03-17')], { reloadWindows: true });
    const reloaded = await store.readShared(clinicId, TODAY, '2027-04-09');
    expect([...reloaded.keys()].sort()).toEqual(['101|2027-03-15', '102|2027-03-16', '103|2027-03-17']);
  });
});
