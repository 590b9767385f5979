import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestOscarSim, type TestOscarSim } from '../../../../libs/testing/src/oscar-sim.js';
import { FIXTURE_TODAY, fixtureData } from '../test-support/fixture-data.js';
import { call, envelope, operation, postSoap, returned, soapClient, validSecurityHeader } from '../test-support/soap-clients.js';

let sim: TestOscarSim;
beforeAll(async () => { sim = await startTestOscarSim({ data: fixtureData(), today: FIXTURE_TODAY }); });
afterAll(async () => sim?.close());

type Day = { holiday: boolean; timeSlotDurationMin?: number; timeSlots?: Array<{ date: Date; scheduleCode: number }> } | undefined;

async function day(providerNo: string, when: string): Promise<Day> {
  const client = await soapClient(sim, 'ScheduleService');
  return (await call<{ return?: Day }>(client, 'getDayWorkSchedule', { arg0: providerNo, arg1: when }))?.return;
}

describe('getDayWorkSchedule', () => {
  it('gives the coded slots of the provider\'s template, "_" slots left out', async () => {
    const result = await day('201', '2027-03-01T12:00:00-07:00');
    expect(result?.holiday).toBe(false);
    expect(result?.timeSlotDurationMin).toBe(15);
    expect(result?.timeSlots).toHaveLength(12 + 4);
    expect(result?.timeSlots?.[0]).toEqual({ date: new Date('2027-03-01T16:00:00Z'), scheduleCode: 49 });
    expect(result?.timeSlots?.at(-1)).toEqual({ date: new Date('2027-03-01T20:45:00Z'), scheduleCode: 'P'.charCodeAt(0) });
  });

  it('prints slot times from server-local midnight with the server offset', async () => {
    const res = await postSoap(sim, 'ScheduleService', envelope(
      operation('getDayWorkSchedule', '<arg0>201</arg0><arg1>2027-03-01T12:00:00-07:00</arg1>'), validSecurityHeader(sim)));
    expect(res.text).toContain('<timeSlots><date>2027-03-01T09:00:00-07:00</date><scheduleCode>49</scheduleCode></timeSlots>');
  });

  it('truncates the date to a day in the server zone: 02:00 UTC is still the previous day in Vancouver', async () => {
    const sunday = await day('201', '2027-03-01T02:00:00Z'); // = Feb 28, 19:00 local: before the schedule starts
    expect(sunday).toBeUndefined();
    const tuesday = await day('201', '2027-03-03T06:59:00Z'); // = Mar 2, 23:59 local
    expect(tuesday?.timeSlots?.[0]?.date).toEqual(new Date('2027-03-02T16:00:00Z'));
  });

  it('answers an empty wrapper on a day without a schedule', async () => {
    expect(await day('201', '2027-03-07T12:00:00-07:00')).toBeUndefined(); // Sunday
    expect(await day('203', '2027-03-01T12:00:00-07:00')).toBeUndefined(); // no week at all
    expect(await day('201', '2027-02-26T12:00:00-07:00')).toBeUndefined(); // before today
  });

  it('schedules the weekly template for 12 weeks from today', async () => {
    expect(await day('201', '2027-05-21T12:00:00-07:00')).toBeDefined(); // Friday of week 12
    expect(await day('201', '2027-05-24T12:00:00-07:00')).toBeUndefined(); // Monday of week 13
  });

  it('keeps the slots of a holiday and flags it', async () => {
    const holiday = await day('201', '2027-03-03T12:00:00-07:00');
    expect(holiday?.holiday).toBe(true);
    expect(holiday?.timeSlots).toHaveLength(16);
  });

  it('answers only the holiday flag when the scheduled template is missing', async () => {
    expect(await day('201', '2027-03-06T12:00:00-07:00')).toEqual({ holiday: false });
  });

  it('derives the slot length from the timecode length', async () => {
    const hourly = await day('202', '2027-03-01T12:00:00-07:00');
    expect(hourly?.timeSlotDurationMin).toBe(60);
    expect(hourly?.timeSlots?.map((s) => s.scheduleCode)).toEqual([65, 65]);
  });
});

describe('template codes and appointment types', () => {
  it('lists every code, duplicates included, with the duration as a string', async () => {
    const client = await soapClient(sim, 'ScheduleService');
    const codes = returned<{ code: number; duration?: string; bookinglimit: number; id: number }>(await call(client, 'getScheduleTemplateCodes'));
    expect(codes.map((c) => String.fromCharCode(c.code))).toEqual(['1', 'P', 'A', 'C', 'C']);
    expect(codes[0]?.duration).toBe('15');
    expect(codes[2]).toMatchObject({ bookinglimit: 0, id: 3 });
    expect(codes[2]?.duration).toBeUndefined(); // "" is dropped by strong-soap
    const raw = await postSoap(sim, 'ScheduleService', envelope(operation('getScheduleTemplateCodes'), validSecurityHeader(sim)));
    expect(raw.text).toContain('<duration></duration>');
  });

  it('lists the appointment types', async () => {
    const client = await soapClient(sim, 'ScheduleService');
    expect(returned(await call(client, 'getAppointmentTypes'))).toEqual([{ duration: 15, id: 1, name: 'Office Visit' }]);
  });
});
