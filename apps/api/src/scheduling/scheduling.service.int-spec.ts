import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../libs/testing/src/database.js';
import { startTestOscarSim, type SimDataFile, type TestOscarSim } from '../../../../libs/testing/src/oscar-sim.js';
import { ClinicConfig } from '../clinics/clinic-config.entity.js';
import { ProviderStatus } from '../database/enums.js';
import { ClinicProvider } from '../providers/clinic-provider.entity.js';
import { SchedulingEmrUnavailableError, SlotTakenError, TooLateToChangeError } from './scheduling-errors.js';
import { createSchedulingClinic, expectedEarliest, schedulingServices, type ExpectationRules, type SchedulingKit } from './testing/scheduling-kit.js';

// Wednesday 10 March 2027, 08:00 in Vancouver (UTC−7 all year since 2026): the demo data's "today"
const TODAY = '2027-03-10';
const NOW = new Date('2027-03-10T15:00:00Z');
const ZONE = 'America/Vancouver';
const ALL_VOICE = ['101', '102', '103', '104', '105', '106', '107'];

let db: TestDatabase;
let sim: TestOscarSim;
let kit: SchedulingKit;

beforeAll(async () => {
  [db, sim] = await Promise.all([createTestDatabase(), startTestOscarSim({ today: TODAY, badPasswordDelayMs: 0 })]);
  kit = schedulingServices(db.dataSource, NOW);
});
afterAll(async () => {
  await Promise.all([db?.drop(), sim?.close()]);
});
beforeEach(async () => {
  await sim.control.reset({ data: true, counters: true, faults: true });
});

const at = (offset: number, hhmm: string) => DateTime.fromISO(`${TODAY}T${hhmm}`, { zone: ZONE }).plus({ days: offset }).toISO({ suppressMilliseconds: true });
const rules = (overrides: Partial<ExpectationRules>): ExpectationRules => ({
  providers: ALL_VOICE, durationMin: 15, bufferMin: 5, notBeforeMinutes: 10 * 60, maxDays: 30, open: 9 * 60, close: 17 * 60, todayWeekday: 3, ...overrides,
});

/** A chart with an earlier kept visit and nothing booked in the coming month: an established patient with no daily-limit days. */
function establishedPatient(): number {
  const byPatient = new Map<number, { past: boolean; future: boolean }>();
  for (const a of (sim.data.appointments ?? [])) {
    if (!a.demographicNo) continue;
    const entry = byPatient.get(a.demographicNo) ?? { past: false, future: false };
    if (a.dayOffset < 0 && !/^C/.test(a.status ?? 't')) entry.past = true;
    if (a.dayOffset >= 0) entry.future = true;
    byPatient.set(a.demographicNo, entry);
  }
  const [id] = [...byPatient].find(([, e]) => e.past && !e.future) ?? [];
  if (!id) throw new Error('the demo data has no established patient without upcoming visits');
  return id;
}

describe('SchedulingService.findEarliest against the simulator', () => {
  it('offers what the schedule and the appointments of the data file allow (an established patient, Dr. Chen)', async () => {
    const clinicId = await createSchedulingClinic(db.dataSource, kit, sim);
    const patient = establishedPatient();
    const result = await kit.scheduling.findEarliest(clinicId, { demographicId: patient, providerId: '101' }, { deadline: Date.now() + 4_500 });
    const expected = expectedEarliest(sim.data, rules({ providers: ['101'] }));
    expect(result).toMatchObject({ outcome: 'found', newPatient: false, fellBack: false });
    expect(result.offer).toMatchObject({ providerId: '101', providerName: 'Dr. Chen', appointmentType: 'B', startTime: at(expected!.dayOffset, expected!.start) });
    // the alternatives: the same doctor at another time of day or on another day, and another provider
    const [later, other] = result.alternatives;
    const offerStart = DateTime.fromISO(result.offer!.startTime, { setZone: true });
    const laterStart = DateTime.fromISO(later!.startTime, { setZone: true });
    expect(later!.providerId).toBe('101');
    expect(laterStart > offerStart).toBe(true);
    expect(laterStart.hasSame(offerStart, 'day') && (laterStart.hour < 12) === (offerStart.hour < 12) && (laterStart.hour < 17) === (offerStart.hour < 17)).toBe(false);
    expect(other!.providerId).not.toBe('101');
  });

  it('with no provider asked, searches every voice-bookable provider for a new patient (30 min) and matches the data file', async () => {
    const clinicId = await createSchedulingClinic(db.dataSource, kit, sim);
    await sim.control.resetCounters();
    const started = performance.now();
    const result = await kit.scheduling.findEarliest(clinicId, {}, { deadline: Date.now() + 4_500 });
    const ms = performance.now() - started;
    const counters = await sim.control.counters();
    const expected = expectedEarliest(sim.data, rules({ durationMin: 30 }));
    expect(result.newPatient).toBe(true);
    expect(result.offer).toMatchObject({ providerId: expected!.providerNo, startTime: at(expected!.dayOffset, expected!.start), durationMinutes: 30 });
    expect(result.alternatives.some((a) => a.providerId !== result.offer!.providerId)).toBe(true);
    // timings belong in bench/; this line only reports
    console.info(`earliest-slot search, demo data, 7 providers: ${ms.toFixed(0)} ms, ${counters.total} SOAP calls`, counters.operations);
  });

  it('a provider who is not voice-bookable or is inactive is never offered and cannot be booked', async () => {
    const patient = establishedPatient();
    for (const change of [{ voiceBookable: false }, { status: ProviderStatus.Inactive }]) {
      const clinicId = await createSchedulingClinic(db.dataSource, kit, sim);
      const free = (await kit.scheduling.findEarliest(clinicId, { providerId: '101', demographicId: patient })).offer!;
      expect(free.providerId).toBe('101');
      await db.dataSource.getRepository(ClinicProvider).update({ clinicId, oscarProviderId: '101' }, change);
      const anyone = await kit.scheduling.findEarliest(clinicId, { demographicId: patient });
      const asked = await kit.scheduling.findEarliest(clinicId, { providerId: '101', demographicId: patient });
      for (const result of [anyone, asked]) {
        expect(result.outcome, JSON.stringify(change)).toBe('found');
        expect([result.offer, ...result.alternatives, ...result.choices].map((o) => o?.providerId), JSON.stringify(change)).not.toContain('101');
      }
      await sim.control.resetCounters();
      const refused = kit.scheduling.book(clinicId, { demographicId: patient, providerNo: '101', startTime: free.startTime });
      await expect(refused, JSON.stringify(change)).rejects.toMatchObject({ schedulingCode: 'NOT_ACCEPTING' });
      expect(await sim.control.count('ScheduleService', 'addAppointment')).toBe(0);
    }
  });

  it('a morning-only caller on Mondays and Fridays, searching from a past date, is searched from today', async () => {
    const clinicId = await createSchedulingClinic(db.dataSource, kit, sim);
    const result = await kit.scheduling.findEarliest(clinicId, { providerId: '102', timeOfDay: 'morning', daysOfWeek: [1, 5], startDate: '2026-01-01', demographicId: establishedPatient() });
    const start = DateTime.fromISO(result.offer!.startTime, { setZone: true });
    expect(result.searchedFrom).toBe(TODAY);
    expect([1, 5]).toContain(start.weekday);
    expect(start.hour).toBeLessThan(12);
  });

  it('answers a typed "EMR too slow" error inside the deadline when the EMR hangs', async () => {
    const clinicId = await createSchedulingClinic(db.dataSource, kit, sim);
    await sim.control.setFaults({ service: 'ScheduleService', hangRate: 1 });
    const started = Date.now();
    const error = await kit.scheduling.findEarliest(clinicId, {}, { deadline: Date.now() + 1_500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchedulingEmrUnavailableError);
    expect(error).toMatchObject({ schedulingCode: 'EMR_UNAVAILABLE', tooSlow: true });
    // at the caller's 1.5 s deadline, not the EMR's 4 s timeout (the margin absorbs a loaded machine)
    expect(Date.now() - started).toBeLessThan(1_500 + 1_000);
  });
});

describe('SchedulingService.findEarliest out of time', () => {
  it('an EMR that has answered none of the search’s reads when the time is up is too slow (EMR_UNAVAILABLE), not busy', async () => {
    const clinicId = await createSchedulingClinic(db.dataSource, kit, sim);
    await sim.control.setFaults({ service: 'ScheduleService', hangRate: 1 });
    // so little time that the search stops before its first day (a loaded machine gets there too)
    const error = await kit.scheduling.findEarliest(clinicId, {}, { deadline: Date.now() + 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchedulingEmrUnavailableError);
    expect(error).toMatchObject({ schedulingCode: 'EMR_UNAVAILABLE', tooSlow: true });
  });
});

describe('SchedulingService.book, move and cancel against the simulator', () => {
  it('two callers booking the same slot at once: exactly one booking, the other hears SLOT_TAKEN with a fresh offer', async () => {
    const clinicId = await createSchedulingClinic(db.dataSource, kit, sim);
    const offer = (await kit.scheduling.findEarliest(clinicId, { providerId: '101', demographicId: establishedPatient() })).offer!;
    const [first, second] = patientsWithoutVisitsOn(offer.startTime.slice(0, 10));
    await sim.control.resetCounters();
    const results = await Promise.allSettled([first, second].map((demographicId) =>
      kit.scheduling.book(clinicId, { demographicId, providerNo: '101', startTime: offer.startTime, appointmentType: 'B' }, { deadline: Date.now() + 4_500 }),
    ));
    const booked = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(booked).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reason).toBeInstanceOf(SlotTakenError);
    const fresh = (refused[0]!.reason as SlotTakenError).offer;
    expect(fresh?.offer?.startTime).toBeDefined();
    expect(fresh!.offer!.startTime).not.toBe(offer.startTime);
    expect(await sim.control.count('ScheduleService', 'addAppointment')).toBe(1);
    const adapter = await kit.factory.forClinic(clinicId);
    const day = await adapter.getAppointmentsForProvider('101', offer.startTime.slice(0, 10), offer.startTime.slice(0, 10));
    expect(day.filter((a) => !a.cancelled && a.start === offer.startTime)).toHaveLength(1);
  });

  it('after a booking, the provider’s appointments over the booking window are read again once, in the background, for the next caller', async () => {
    const clinicId = await createSchedulingClinic(db.dataSource, kit, sim);
    const patient = establishedPatient();
    const offer = (await kit.scheduling.findEarliest(clinicId, { providerId: '103', demographicId: patient })).offer!;
    await sim.control.resetCounters();
    const booked = await kit.scheduling.book(clinicId, { demographicId: patient, providerNo: '103', startTime: offer.startTime, appointmentType: 'B' }, { deadline: Date.now() + 4_500 });
    expect(booked.alreadyDone).toBe(false);
    const ranges = () => sim.control.count('ScheduleService', 'getAppointmentsForDateRangeAndProvider2');
    // the booking's own re-check read that one day; then, after the answer, the whole window once more
    const by = Date.now() + 5_000;
    while ((await ranges()) < 2 && Date.now() < by) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200));
    expect(await ranges()).toBe(2);
  });

  it('a retried booking returns the same appointment without a second addAppointment', async () => {
    const clinicId = await createSchedulingClinic(db.dataSource, kit, sim);
    const patient = establishedPatient();
    const offer = (await kit.scheduling.findEarliest(clinicId, { providerId: '107', demographicId: patient })).offer!;
    const request = { demographicId: patient, providerNo: '107', startTime: offer.startTime, reason: 'check-up', callId: 'call_retry_1' };
    const booked = await kit.scheduling.book(clinicId, request);
    expect(booked).toMatchObject({ providerId: '107', startTime: offer.startTime, appointmentType: 'B', alreadyDone: false });
    await sim.control.resetCounters();
    const again = await kit.scheduling.book(clinicId, request);
    expect(again).toMatchObject({ appointmentId: booked.appointmentId, alreadyDone: true });
    expect(await sim.control.count('ScheduleService', 'addAppointment')).toBe(0);
  });

  it('a second booking the same day hears DAILY_LIMIT; moving within the day does not count the moved one', async () => {
    const clinicId = await createSchedulingClinic(db.dataSource, kit, sim, { cancellationMinNoticeHours: 0 });
    const patient = establishedPatient();
    const search = await kit.scheduling.findEarliest(clinicId, { providerId: '101', demographicId: patient });
    const booked = await kit.scheduling.book(clinicId, { demographicId: patient, providerNo: '101', startTime: search.offer!.startTime });
    const later = search.alternatives[0]!;
    await expect(kit.scheduling.book(clinicId, { demographicId: patient, providerNo: '101', startTime: later.startTime })).rejects.toMatchObject({ schedulingCode: 'DAILY_LIMIT' });
    const sameDayLater = (await kit.scheduling.findEarliest(clinicId, { providerId: '101', demographicId: patient, movingAppointmentId: booked.appointmentId, startDate: search.offer!.startTime.slice(0, 10), excludeStartTimes: [search.offer!.startTime] })).offer!;
    const moved = await kit.scheduling.move(clinicId, { appointmentId: booked.appointmentId, newStartTime: sameDayLater.startTime });
    expect(moved).toMatchObject({ appointmentId: booked.appointmentId, startTime: sameDayLater.startTime, alreadyDone: false });
  });

  it('cancelling inside cancellationMinNoticeHours is refused; outside it the appointment becomes status C', async () => {
    const clinicId = await createSchedulingClinic(db.dataSource, kit, sim, { cancellationMinNoticeHours: 24 });
    const patient = establishedPatient();
    const soon = await kit.scheduling.findEarliest(clinicId, { providerId: '101', demographicId: patient, endDate: TODAY });
    const today = await kit.scheduling.book(clinicId, { demographicId: patient, providerNo: '101', startTime: soon.offer!.startTime });
    await expect(kit.scheduling.cancel(clinicId, { appointmentId: today.appointmentId })).rejects.toBeInstanceOf(TooLateToChangeError);
    await expect(kit.scheduling.move(clinicId, { appointmentId: today.appointmentId, newStartTime: at(7, '09:00')! })).rejects.toMatchObject({ schedulingCode: 'TOO_LATE_TO_CHANGE' });
    await db.dataSource.getRepository(ClinicConfig).update({ clinicId }, { cancellationMinNoticeHours: 1 });
    const cancelled = await kit.scheduling.cancel(clinicId, { appointmentId: today.appointmentId, reason: 'feeling better' });
    expect(cancelled).toMatchObject({ appointmentId: today.appointmentId, alreadyDone: false });
    const stored = await (await kit.factory.forClinic(clinicId)).getAppointment(today.appointmentId);
    expect(stored).toMatchObject({ status: 'C', cancelled: true, remarks: 'Cancelled by phone: feeling better' });
    expect(await kit.scheduling.cancel(clinicId, { appointmentId: today.appointmentId })).toMatchObject({ alreadyDone: true });
  });
});

describe('the buffer is held in OSCAR (SPEC §5: 15 + 5 min on a 5-minute grid takes four slots)', () => {
  let grid: TestOscarSim;
  beforeAll(async () => {
    grid = await startTestOscarSim({ today: TODAY, badPasswordDelayMs: 0, data: withFiveMinuteProvider(sim.data) });
  });
  afterAll(async () => {
    await grid?.close();
  });

  it('a booking writes its visit and its buffer to OSCAR, and the next caller is offered the slot after the buffer', async () => {
    const clinicId = await createSchedulingClinic(db.dataSource, kit, grid, { bufferTime: 5 });
    const patient = establishedPatient();
    const offer = (await kit.scheduling.findEarliest(clinicId, { providerId: '109', demographicId: patient })).offer!;
    expect(offer).toMatchObject({ providerId: '109', durationMinutes: 15 });
    const after = minutesAfter(offer.startTime);
    const booked = await kit.scheduling.book(clinicId, { demographicId: patient, providerNo: '109', startTime: offer.startTime });
    // the caller hears the visit; OSCAR holds the visit and its buffer
    expect(booked).toMatchObject({ startTime: offer.startTime, endTime: after(15), durationMinutes: 15, alreadyDone: false });
    const adapter = await kit.factory.forClinic(clinicId);
    expect(await adapter.getAppointment(booked.appointmentId)).toMatchObject({ start: offer.startTime, end: after(20), durationMinutes: 20 });
    const next = await kit.scheduling.findEarliest(clinicId, { providerId: '109', startDate: offer.startTime.slice(0, 10) });
    expect(next.offer).toMatchObject({ providerId: '109', startTime: after(20) });
    // a retried booking answers the visit too
    expect(await kit.scheduling.book(clinicId, { demographicId: patient, providerNo: '109', startTime: offer.startTime })).toMatchObject({ endTime: after(15), durationMinutes: 15, alreadyDone: true });
  });

  it('a moved appointment keeps its visit length and holds its buffer at the new time, however often it moves', async () => {
    const clinicId = await createSchedulingClinic(db.dataSource, kit, grid, { bufferTime: 5, cancellationMinNoticeHours: 0 });
    const patient = establishedPatient();
    const offer = (await kit.scheduling.findEarliest(clinicId, { providerId: '109', demographicId: patient })).offer!;
    const booked = await kit.scheduling.book(clinicId, { demographicId: patient, providerNo: '109', startTime: offer.startTime });
    const adapter = await kit.factory.forClinic(clinicId);
    for (const hours of [1, 2]) {
      const to = minutesAfter(offer.startTime)(hours * 60)!;
      const after = minutesAfter(to);
      const moved = await kit.scheduling.move(clinicId, { appointmentId: booked.appointmentId, newStartTime: to });
      expect(moved).toMatchObject({ appointmentId: booked.appointmentId, startTime: to, endTime: after(15), durationMinutes: 15, alreadyDone: false });
      expect(await adapter.getAppointment(booked.appointmentId)).toMatchObject({ start: to, end: after(20), durationMinutes: 20 });
    }
  });
});

/** The demo data plus Dr. Fraser (109), Mon–Fri 09:00–17:00 on a 5-minute grid of code `1`, nothing booked. */
function withFiveMinuteProvider(data: SimDataFile): SimDataFile {
  const timecode = Array.from({ length: 1440 / 5 }, (_, i) => (i * 5 >= 9 * 60 && i * 5 < 17 * 60 ? '1' : '_')).join('');
  const week = { 1: 'fraser-five', 2: 'fraser-five', 3: 'fraser-five', 4: 'fraser-five', 5: 'fraser-five' };
  return {
    ...data,
    templates: [...data.templates, { name: 'fraser-five', slotMinutes: 5, timecode }],
    providers: [...data.providers, { providerNo: '109', firstName: 'Ian', lastName: 'Fraser', specialty: 'Family Medicine', status: '1', providerType: 'doctor', week }],
  };
}

const minutesAfter = (startTime: string) => (minutes: number) =>
  DateTime.fromISO(startTime, { setZone: true }).plus({ minutes }).toISO({ suppressMilliseconds: true });

function offsetOf(startTime: string): number {
  return Math.round(DateTime.fromISO(startTime.slice(0, 10)).diff(DateTime.fromISO(TODAY), 'days').days);
}

/** Two charts with no appointment that day (so the daily limit does not decide the race). */
function patientsWithoutVisitsOn(date: string): [number, number] {
  const offset = offsetOf(date);
  const busy = new Set((sim.data.appointments ?? []).filter((a) => a.dayOffset === offset).map((a) => a.demographicNo));
  const free = sim.data.demographics.filter((d) => d.patientStatus === 'AC' && !busy.has(d.demographicNo)).map((d) => d.demographicNo);
  return [free[0]!, free[1]!];
}
