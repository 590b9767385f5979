import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { SoapClient } from 'strong-soap';
import { startTestOscarSim, type TestOscarSim } from '../../../../libs/testing/src/oscar-sim.js';
import { FIXTURE_TODAY, fixtureData } from '../test-support/fixture-data.js';
import { call, envelope, operation, postSoap, returned, soapClient, validSecurityHeader } from '../test-support/soap-clients.js';

let sim: TestOscarSim;
let client: SoapClient;
beforeAll(async () => {
  sim = await startTestOscarSim({ data: fixtureData(), today: FIXTURE_TODAY });
  client = await soapClient(sim, 'ScheduleService');
});
afterEach(async () => sim.control.reset());
afterAll(async () => sim?.close());

type Appt = Record<string, unknown> & { id: number; status?: string; appointmentStartDateTime: Date; appointmentEndDateTime: Date };

const booking = (over: Record<string, unknown> = {}) => ({
  appointmentStartDateTime: '2027-03-02T09:00:00-07:00', appointmentEndDateTime: '2027-03-02T09:15:00-07:00',
  demographicNo: 4, programId: 0, providerNo: '201', status: 't', name: 'SIDHU,JASPREET', type: 'B', reason: 'Sore throat',
  notes: 'booked by phone', ...over,
});

async function add(over: Record<string, unknown> = {}): Promise<number> {
  return (await call<{ return: number }>(client, 'addAppointment', { arg0: booking(over) })).return;
}
async function get(id: number, gmt = true): Promise<Appt> {
  return (await call<{ return: Appt }>(client, 'getAppointment2', { arg0: id, arg1: gmt })).return;
}
async function forProvider(date: string): Promise<Appt[]> {
  return returned<Appt>(await call(client, 'getAppointmentsForProvider2', { arg0: '201', arg1: date, arg2: true }));
}
async function range(from: string, to: string): Promise<Appt[]> {
  return returned<Appt>(await call(client, 'getAppointmentsForDateRangeAndProvider2', { arg0: from, arg1: to, arg2: '201', arg3: true }));
}
const raw = (body: string) => postSoap(sim, 'ScheduleService', envelope(body, validSecurityHeader(sim)));

describe('addAppointment', () => {
  it('returns the new id and stores the end one second short (09:00–09:15 reads back 09:14:59)', async () => {
    const id = await add();
    const appt = await get(id);
    expect(appt.appointmentStartDateTime).toEqual(new Date('2027-03-02T16:00:00Z'));
    expect(appt.appointmentEndDateTime).toEqual(new Date('2027-03-02T16:14:59Z'));
    expect(appt).toMatchObject({ creator: 'oscardoc', demographicNo: 4, status: 't', reason: 'Sore throat', programId: 0 });
    expect(appt.lastUpdateUser).toBeUndefined();
  });

  it('validates nothing: overlaps, unknown charts and unscheduled days are all booked', async () => {
    await add();
    const overlap = await add();
    const stranger = await add({ demographicNo: 424242, appointmentStartDateTime: '2027-03-07T03:00:00-07:00', appointmentEndDateTime: '2027-03-07T03:10:00-07:00' });
    expect(overlap).toBeGreaterThan(0);
    expect((await get(stranger)).demographicNo).toBe(424242);
  });

  it('ignores a sent id', async () => {
    const id = await add({ id: 1 });
    expect(id).not.toBe(1);
    expect((await get(1)).demographicNo).toBe(1);
  });

  it('fails with a database error when the start or end is missing', async () => {
    const { appointmentEndDateTime: _drop, ...noEnd } = booking();
    await expect(call(client, 'addAppointment', { arg0: noEnd })).rejects.toThrow(/soap:Server/);
  });

  it('refuses a reason longer than its column', async () => {
    await expect(add({ reason: 'x'.repeat(81) })).rejects.toThrow(/Data too long for column 'reason'/);
  });

  it('refuses an appointmentNo element: the id element is "id"', async () => {
    const res = await raw(operation('addAppointment', '<arg0><appointmentNo>5</appointmentNo></arg0>'));
    expect(res.status).toBe(500);
    expect(res.text).toContain('local:"appointmentNo"');
  });
});

describe('reading appointments', () => {
  it('prints times with the server offset, or in UTC with useGMTTime: the same instant', async () => {
    const local = await raw(operation('getAppointment2', '<arg0>1</arg0><arg1>false</arg1>'));
    expect(local.text).toContain('<appointmentStartDateTime>2027-03-01T09:00:00-07:00</appointmentStartDateTime>');
    const gmt = await raw(operation('getAppointment2', '<arg0>1</arg0><arg1>true</arg1>'));
    expect(gmt.text).toContain('<appointmentStartDateTime>2027-03-01T16:00:00Z</appointmentStartDateTime>');
  });

  it('stores a UI booking\'s end as start + duration − 1 minute', async () => {
    expect((await get(1)).appointmentEndDateTime).toEqual(new Date('2027-03-01T16:14:00Z'));
  });

  it('getAppointmentsForProvider2 gives one server-local day ordered by start and hides status "C" only', async () => {
    const list = await forProvider('2027-03-01T12:00:00-07:00');
    expect(list.map((a) => a.status)).toEqual(['N', 't']);
    expect(list.map((a) => a.appointmentStartDateTime.toISOString())).toEqual(['2027-03-01T15:45:00.000Z', '2027-03-01T16:00:00.000Z']);
  });

  it('the range query includes the start day, excludes the end day, and keeps cancelled bookings', async () => {
    const monday = await range('2027-03-01T12:00:00-07:00', '2027-03-02T12:00:00-07:00');
    expect(monday.map((a) => a.status).sort()).toEqual(['C', 'N', 't']);
    expect(await range('2027-03-01T12:00:00-07:00', '2027-03-01T12:00:00-07:00')).toEqual([]);
    expect(await range('2027-03-01T12:00:00-07:00', '2027-03-03T12:00:00-07:00')).toHaveLength(4);
  });

  it('reads a UTC midnight as the previous server-local day', async () => {
    const list = await range('2027-03-02T00:00:00Z', '2027-03-03T00:00:00Z'); // Mar 1 17:00 → Mar 2 17:00 local
    expect(list).toHaveLength(3);
    expect(list.every((a) => a.appointmentStartDateTime.toISOString().startsWith('2027-03-01'))).toBe(true);
  });

  it('getAppointmentsForPatient2 gives every status, newest date first, paged', async () => {
    const list = returned<Appt>(await call(client, 'getAppointmentsForPatient2', { arg0: 1, arg1: 0, arg2: 10, arg3: true }));
    expect(list.map((a) => a.appointmentStartDateTime.toISOString().slice(0, 10))).toEqual(['2027-03-01', '2027-03-01', '2027-02-22']);
    const second = returned<Appt>(await call(client, 'getAppointmentsForPatient2', { arg0: 1, arg1: 2, arg2: 1, arg3: true }));
    expect(second.map((a) => a.status)).toEqual(['B']);
  });
});

describe('updateAppointment', () => {
  it('replaces the whole record: strings left out become null', async () => {
    const id = await add();
    await call(client, 'updateAppointment', { arg0: { id, demographicNo: 4, programId: 0, providerNo: '201', status: 'C' } });
    const after = await get(id);
    expect(after.status).toBe('C');
    expect(after.reason).toBeUndefined();
    expect(after.notes).toBeUndefined();
    expect(after.creator).toBe('oscardoc');
    expect(after.appointmentStartDateTime).toEqual(new Date('2027-03-02T16:00:00Z')); // null start keeps the old one
  });

  it('cancelling hides the booking from the day list only', async () => {
    const id = await add();
    const appt = await get(id, false);
    await call(client, 'updateAppointment', { arg0: { ...appt, status: 'C' } });
    expect((await forProvider('2027-03-02T12:00:00-07:00')).map((a) => a.id)).not.toContain(id);
    expect((await range('2027-03-02T12:00:00-07:00', '2027-03-03T12:00:00-07:00')).map((a) => a.id)).toContain(id);
  });

  it('loses one more second on each round trip that sends the read-back end', async () => {
    const id = await add();
    const appt = await get(id, false);
    await call(client, 'updateAppointment', { arg0: { ...appt } });
    expect((await get(id)).appointmentEndDateTime).toEqual(new Date('2027-03-02T16:14:58Z'));
  });

  it('writes an archive row of the previous version', async () => {
    const id = await add();
    await call(client, 'updateAppointment', { arg0: { ...booking({ reason: 'Changed' }), id } });
    const archived = returned<{ appointmentId: number; reason: string }>(await call(client, 'getAppointmentArchivesUpdatedAfterDate', { arg0: '2020-01-01T00:00:00Z', arg1: 10, arg2: true }));
    expect(archived).toEqual([expect.objectContaining({ appointmentId: id, reason: 'Sore throat' })]);
    expect((await get(id)).reason).toBe('Changed');
  });

  it('faults "Target must not be null" for an unknown id', async () => {
    await expect(call(client, 'updateAppointment', { arg0: { ...booking(), id: 987654 } })).rejects.toThrow(/Target must not be null/);
  });
});
