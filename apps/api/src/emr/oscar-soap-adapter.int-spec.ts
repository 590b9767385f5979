import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestOscarSim } from '../../../../libs/testing/src/oscar-sim.js';
import { EmrConflictError, EmrInvalidError } from './emr-errors.js';
import type { OscarSoapAdapter } from './oscar-soap-adapter.js';
import { KIT_TODAY, kitAdapter, startKitSim, useKitSim } from './testing/emr-test-kit.js';

// KIT_TODAY is Friday 2027-03-12 in America/Toronto (UTC−5); DST starts Sunday 14 March (UTC−4).
let sim: TestOscarSim;
let adapter: OscarSoapAdapter;

useKitSim((started) => (sim = started));
beforeEach(async () => {
  adapter = kitAdapter(sim).adapter;
});

describe('OscarSoapAdapter: patients', () => {
  it('finds every chart on a phone number however the chart writes it, and only those', async () => {
    const shared = await adapter.findPatientsByPhone('604.555.0187');
    expect(shared.map((p) => p.demographicNo).sort()).toEqual([2, 3]);
    // 250-555-0142 shares its last four digits with Harriet's 604-555-0142: compared as E.164, not as text
    const harriet = await adapter.findPatientsByPhone('+1 (604) 555-0142');
    expect(harriet.map((p) => p.demographicNo)).toEqual([1]);
    const second = await adapter.findPatientsByPhone('236-555-0175');
    expect(second).toMatchObject([{ demographicNo: 4, phone: null, phone2E164: '+12365550175' }]);
    expect(await adapter.findPatientsByPhone('604-555-0000')).toEqual([]);
  });

  it('refuses a number it cannot read instead of searching everyone', async () => {
    await expect(adapter.findPatientsByPhone('')).rejects.toBeInstanceOf(EmrInvalidError);
    expect(await sim.control.count('DemographicService', 'searchDemographicsByAttributes')).toBe(0);
  });

  it('matches name and date of birth exactly, not by prefix', async () => {
    const found = await adapter.findPatientsByNameAndDob({ firstName: 'harriet', lastName: 'Jones', dateOfBirth: '1948-03-14' });
    // JONESTON (same DOB) and the other HARRIET JONES (other DOB) are left out
    expect(found.map((p) => p.demographicNo)).toEqual([1]);
    expect(found[0]).toMatchObject({ firstName: 'HARRIET', lastName: 'JONES', dateOfBirth: '1948-03-14', healthNumber: '9698658215' });
    expect(await adapter.findPatientsByNameAndDob({ firstName: 'Harriet', lastName: 'Jones', dateOfBirth: '1948-03-15' })).toEqual([]);
  });

  it('finds charts by name alone (searchDemographicByName): the same last name with another first name is left out', async () => {
    expect((await adapter.findPatientsByName({ firstName: 'Mei', lastName: 'wong' })).map((p) => p.demographicNo)).toEqual([2]);
    expect((await adapter.findPatientsByName({ firstName: 'Harriet', lastName: 'Jones' })).map((p) => p.demographicNo)).toContain(1);
    expect(await adapter.findPatientsByName({ firstName: 'Nobody', lastName: 'Wong' })).toEqual([]);
  });

  it('finds a chart by health number, ignoring spaces', async () => {
    expect((await adapter.findPatientsByHealthNumber('9698 658 215')).map((p) => p.demographicNo)).toEqual([1]);
    expect(await adapter.findPatientsByHealthNumber('969865821')).toEqual([]);
  });

  it('reads a chart with empty values as null, and an unknown chart as null', async () => {
    const mei = await adapter.getPatient(2);
    expect(mei).toMatchObject({ demographicNo: 2, email: null, healthNumber: null, phone2: '778-555-0131', status: 'AC' });
    expect(await adapter.getPatient(999)).toBeNull();
  });
});

describe('OscarSoapAdapter: providers and schedules', () => {
  it('lists real providers only, with their status', async () => {
    const providers = await adapter.listProviders();
    expect(providers.map((p) => p.providerNo).sort()).toEqual(['101', '102', '103']);
    expect(providers.find((p) => p.providerNo === '102')).toMatchObject({ active: false, lastName: 'Abbott' });
    expect(providers.find((p) => p.providerNo === '103')).toMatchObject({ active: true, providerType: 'nurse' });
  });

  it('gives a day schedule as coded slots in the clinic zone, on both sides of a DST change', async () => {
    const friday = await adapter.getDaySchedule('101', KIT_TODAY);
    expect(friday).toMatchObject({ holiday: false, slotMinutes: 15 });
    expect(friday!.slots).toHaveLength(16);
    expect(friday!.slots[0]).toEqual({ start: '2027-03-12T09:00:00-05:00', end: '2027-03-12T09:15:00-05:00', code: '1' });
    expect(friday!.slots[12]).toEqual({ start: '2027-03-12T13:00:00-05:00', end: '2027-03-12T13:15:00-05:00', code: 'P' });
    const monday = await adapter.getDaySchedule('101', '2027-03-15');
    expect(monday!.slots[0].start).toBe('2027-03-15T09:00:00-04:00');
  });

  it('marks a holiday but keeps its slots, and gives null for a day without schedule', async () => {
    const holiday = await adapter.getDaySchedule('101', '2027-03-16');
    expect(holiday).toMatchObject({ holiday: true });
    expect(holiday!.slots.length).toBeGreaterThan(0);
    expect(await adapter.getDaySchedule('101', '2027-03-13')).toBeNull();
  });

  it('collapses duplicate template codes and reads character codes and empty durations', async () => {
    const codes = await adapter.getScheduleTemplateCodes();
    expect(codes.map((c) => c.code)).toEqual(['1', 'A', 'C', 'P']);
    expect(codes.find((c) => c.code === 'C')).toMatchObject({ description: 'Clinic', durationMinutes: 15 });
    expect(codes.find((c) => c.code === 'A')).toMatchObject({ durationMinutes: null, bookingLimit: 0, color: null });
  });

  it('lists appointment types', async () => {
    expect(await adapter.getAppointmentTypes()).toEqual([
      expect.objectContaining({ name: 'Office Visit', durationMinutes: 15, location: null }),
      expect.objectContaining({ name: 'Long Visit', durationMinutes: 30, location: 'Room 1' }),
    ]);
  });

  it('reports the server clock and its offset against the clinic zone', async () => {
    const info = await adapter.getSystemInfo();
    expect(info).toMatchObject({ alive: true, version: null, serverGmtOffsetMinutes: -300, clinicGmtOffsetMinutes: -300 });
    expect(Math.abs(info.clockSkewSeconds)).toBeLessThan(5);
    expect(info.serverTime).toMatch(/-05:00$/);
  });
});

describe('OscarSoapAdapter: appointments', () => {
  it('lists a provider’s appointments of every status, with exclusive whole-minute ends', async () => {
    const appointments = await adapter.getAppointmentsForProvider('101', KIT_TODAY, '2027-03-15');
    expect(appointments.map((a) => [a.start, a.end, a.status, a.cancelled])).toEqual([
      ['2027-03-12T09:00:00-05:00', '2027-03-12T09:15:00-05:00', 't', false],
      ['2027-03-12T09:30:00-05:00', '2027-03-12T09:45:00-05:00', 'C', true],
      ['2027-03-15T10:00:00-04:00', '2027-03-15T10:30:00-04:00', 't', false],
    ]);
    expect(appointments[0]).toMatchObject({ demographicNo: 1, type: 'B', reason: 'Check-up', durationMinutes: 15, date: KIT_TODAY });
    // the range query, never getAppointmentsForProvider2 (which hides cancelled ones)
    expect(await sim.control.count('ScheduleService', 'getAppointmentsForProvider2')).toBe(0);
  });

  it('lists a patient’s appointments newest first, and reads one by id', async () => {
    const mine = await adapter.getAppointmentsForPatient(1);
    expect(mine.map((a) => a.date)).toEqual([KIT_TODAY, '2027-03-05']);
    const one = await adapter.getAppointment(mine[0].id);
    expect(one).toEqual(mine[0]);
    expect(await adapter.getAppointment(9999)).toBeNull();
  });

  it('books across the DST change at the clinic’s wall-clock time and reads it back without losing a second', async () => {
    const id = await adapter.addAppointment({
      providerNo: '101', demographicNo: 4, start: '2027-03-15T11:00', durationMinutes: 15, name: 'SIDHU,JASPREET', type: 'B', reason: 'Sore throat',
    });
    const booked = await adapter.getAppointment(id);
    expect(booked).toMatchObject({ start: '2027-03-15T11:00:00-04:00', end: '2027-03-15T11:15:00-04:00', status: 't', demographicNo: 4 });
    const moved = await adapter.updateAppointment(id, { start: '2027-03-12T11:00:00-05:00' });
    expect(moved).toMatchObject({ start: '2027-03-12T11:00:00-05:00', end: '2027-03-12T11:15:00-05:00', reason: 'Sore throat' });
    expect(await adapter.getAppointment(id)).toEqual(moved);
  });

  it('cancels with status C and keeps every other field of the record', async () => {
    const [before] = await adapter.getAppointmentsForProvider('101', KIT_TODAY, KIT_TODAY);
    const cancelled = await adapter.cancelAppointment(before.id);
    const after = await adapter.getAppointment(before.id);
    expect({ ...after, updatedAt: null }).toEqual({ ...cancelled, updatedAt: null });
    const { status, cancelled: flag, updatedAt, ...rest } = after!;
    const { status: s0, cancelled: f0, updatedAt: u0, ...restBefore } = before;
    expect([status, flag, s0, f0]).toEqual(['C', true, 't', false]);
    expect(rest).toEqual(restBefore);
    expect(rest).toMatchObject({ notes: 'bring glasses', location: 'Room 2', remarks: 'first visit', reason: 'Check-up', type: 'B' });
    expect([updatedAt, u0].every(Boolean)).toBe(true);
    // a second cancel changes nothing and writes nothing
    await sim.control.resetCounters();
    await adapter.cancelAppointment(before.id);
    expect(await sim.control.count('ScheduleService', 'updateAppointment')).toBe(0);
  });

  it('changes only the fields asked for', async () => {
    const [before] = await adapter.getAppointmentsForProvider('101', '2027-03-15', '2027-03-15');
    const after = await adapter.updateAppointment(before.id, { reason: 'Follow-up on labs', status: 'H' });
    expect(after).toMatchObject({ ...before, reason: 'Follow-up on labs', status: 'H', updatedAt: after.updatedAt });
    expect(await adapter.getAppointment(before.id)).toMatchObject({ reason: 'Follow-up on labs', status: 'H', end: before.end, name: before.name });
  });

  it('says an appointment deleted in the EMR no longer exists', async () => {
    await expect(adapter.updateAppointment(4242, { status: 'C' })).rejects.toBeInstanceOf(EmrConflictError);
  });

  it('refuses bookings it cannot express before calling the EMR', async () => {
    await expect(adapter.addAppointment({ providerNo: '101', demographicNo: 1, start: '2027-03-15T23:50', durationMinutes: 30 })).rejects.toThrow(/midnight/);
    await expect(adapter.addAppointment({ providerNo: '101', demographicNo: 1, start: 'tomorrow', durationMinutes: 15 })).rejects.toBeInstanceOf(EmrInvalidError);
    expect(await sim.control.count('ScheduleService', 'addAppointment')).toBe(0);
  });
});

describe('OscarSoapAdapter: a server clock in another zone than the clinic', () => {
  let utcSim: TestOscarSim;
  beforeAll(async () => {
    // the JVM runs in UTC: OSCAR prints the wall-clock 09:00 of its database as 09:00Z
    utcSim = await startKitSim({ timezone: 'UTC' });
  });
  afterAll(async () => {
    await utcSim?.close();
  });

  it('reads and writes by wall clock, so 09:00 in OSCAR stays 09:00 at the clinic', async () => {
    const { adapter: a } = kitAdapter(utcSim);
    const info = await a.getSystemInfo();
    expect(info).toMatchObject({ serverGmtOffsetMinutes: 0, clinicGmtOffsetMinutes: -300 });
    const [first] = await a.getAppointmentsForProvider('101', KIT_TODAY, KIT_TODAY);
    expect(first.start).toBe('2027-03-12T09:00:00-05:00');
    const schedule = await a.getDaySchedule('101', KIT_TODAY);
    expect(schedule!.slots[0].start).toBe('2027-03-12T09:00:00-05:00');
    const id = await a.addAppointment({ providerNo: '101', demographicNo: 2, start: '2027-03-15T14:00:00-04:00', durationMinutes: 15 });
    expect((await a.getAppointment(id))!.start).toBe('2027-03-15T14:00:00-04:00');
  });
});
