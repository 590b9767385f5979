import { XMLValidator } from 'fast-xml-parser';
import type { SoapClient } from 'strong-soap';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestOscarSim, type TestOscarSim } from '../../../../libs/testing/src/oscar-sim.js';
import { FIXTURE_TODAY, fixtureData } from '../test-support/fixture-data.js';
import { call, envelope, operation, postSoap, soapClient } from '../test-support/soap-clients.js';
import { faultRuleFromEnv } from './fault-rules.js';

let sim: TestOscarSim;
let schedule: SoapClient;
beforeAll(async () => {
  sim = await startTestOscarSim({ data: fixtureData(), today: FIXTURE_TODAY });
  schedule = await soapClient(sim, 'ScheduleService');
});
afterEach(async () => sim.control.reset());
afterAll(async () => sim?.close());

const isAlive = () => postSoap(sim, 'SystemInfoService', envelope(operation('isAlive')));
const booking = {
  appointmentStartDateTime: '2027-03-02T09:00:00-07:00', appointmentEndDateTime: '2027-03-02T09:15:00-07:00',
  demographicNo: 4, programId: 0, providerNo: '201', status: 't',
};
const bookingsOnTuesday = async () => (await sim.control.status()).appointments;

describe('fault knobs', () => {
  it('adds fixed latency plus jitter', async () => {
    await sim.control.setFaults({ latencyMs: 150, jitterMs: 50 });
    const started = Date.now();
    expect((await isAlive()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('answers SOAP faults at the error rate', async () => {
    await sim.control.setFaults({ errorRate: 1, errorMessage: 'Database is down' });
    const res = await isAlive();
    expect(res.status).toBe(500);
    expect(res.text).toContain('<faultcode>soap:Server</faultcode><faultstring>Database is down</faultstring>');
  });

  it('answers a bare HTTP 500 page at the http500 rate', async () => {
    await sim.control.setFaults({ http500Rate: 1 });
    const res = await isAlive();
    expect(res.status).toBe(500);
    expect(res.contentType).toContain('text/html');
  });

  it('answers unreadable XML after running the operation (the booking exists, the answer is lost)', async () => {
    const before = await bookingsOnTuesday();
    await sim.control.setFaults({ service: 'ScheduleService', malformedRate: 1 });
    // strong-soap's lenient parser may resolve a truncated body as null instead of rejecting: no id either way.
    const outcome = await call<{ return?: number } | null>(schedule, 'addAppointment', { arg0: booking }).catch((e: Error) => e);
    expect(outcome instanceof Error || typeof outcome?.return !== 'number').toBe(true);
    expect(await bookingsOnTuesday()).toBe(before + 1);
    const res = await postSoap(sim, 'ScheduleService', envelope(operation('getAppointmentTypes')));
    expect(res.status).toBe(200);
    expect(XMLValidator.validate(res.text)).not.toBe(true);
  });

  it('can fail after the change is made (afterEffect) or before it', async () => {
    const before = await bookingsOnTuesday();
    await sim.control.setFaults({ operation: 'addAppointment', errorRate: 1 });
    await expect(call(schedule, 'addAppointment', { arg0: booking })).rejects.toThrow(/soap:Server/);
    expect(await bookingsOnTuesday()).toBe(before);
    await sim.control.setFaults({ operation: 'addAppointment', errorRate: 1, afterEffect: true });
    await expect(call(schedule, 'addAppointment', { arg0: booking })).rejects.toThrow(/soap:Server/);
    expect(await bookingsOnTuesday()).toBe(before + 1);
  });

  it('hangs without answering', async () => {
    await sim.control.setFaults({ hangRate: 1 });
    await expect(fetch(`${sim.wsUrl}/SystemInfoService`, {
      method: 'POST', body: envelope(operation('isAlive')), signal: AbortSignal.timeout(300),
    })).rejects.toThrow(/timeout|aborted/i);
  });

  it('resets the connection', async () => {
    await sim.control.setFaults({ resetRate: 1 });
    await expect(isAlive()).rejects.toThrow(/fetch failed/);
  });

  it('refuses every credential', async () => {
    await sim.control.setFaults({ refuseCredentials: true });
    await expect(call(schedule, 'getScheduleTemplateCodes')).rejects.toThrow(/ns1:FailedAuthentication/);
    const login = await soapClient(sim, 'LoginService', null);
    await expect(call(login, 'login2', { arg0: 'oscardoc', arg1: 'mac2002' })).rejects.toThrow(/Invalid Username\/Password/);
    expect((await sim.control.counters()).authFailures).toBe(2);
  });

  it('scopes a rule to one service or operation', async () => {
    await sim.control.setFaults({ service: 'ScheduleService', operation: 'getDayWorkSchedule', errorRate: 1 });
    await expect(call(schedule, 'getScheduleTemplateCodes')).resolves.toBeDefined();
    await expect(call(schedule, 'getDayWorkSchedule', { arg0: '201', arg1: '2027-03-02T12:00:00-07:00' })).rejects.toThrow(/soap:Server/);
    expect((await isAlive()).status).toBe(200);
  });

  it('applies a rule with times to the next N matching calls only', async () => {
    await sim.control.addFault({ errorRate: 1, times: 2 });
    expect((await isAlive()).status).toBe(500);
    expect((await isAlive()).status).toBe(500);
    expect((await isAlive()).status).toBe(200);
    expect(await sim.control.faults()).toEqual([]);
  });

  it('can slow the WSDL documents too (operation "wsdl")', async () => {
    await sim.control.setFaults({ service: 'ProviderService', operation: 'wsdl', http500Rate: 1 });
    expect((await fetch(`${sim.wsUrl}/ProviderService?wsdl`)).status).toBe(500);
    expect((await fetch(`${sim.wsUrl}/LoginService?wsdl`)).status).toBe(200);
  });
});

describe('the control endpoint', () => {
  it('counts calls per operation, faulted ones included, and resets the counters', async () => {
    await isAlive();
    await sim.control.setFaults({ errorRate: 1 });
    await isAlive();
    const counters = await sim.control.counters();
    expect(counters.operations['SystemInfoService.isAlive']).toBe(2);
    expect(counters.faultsInjected).toBe(1);
    expect(counters.faultsByKind).toEqual({ soapFault: 1 });
    await sim.control.resetCounters();
    expect((await sim.control.counters()).total).toBe(0);
    expect((await sim.control.counters()).faultsByKind).toEqual({});
  });

  it('counts injected faults per kind', async () => {
    await sim.control.setFaults({ resetRate: 1 });
    await isAlive().catch(() => undefined);
    await sim.control.setFaults({ malformedRate: 1 });
    await isAlive();
    await isAlive();
    expect((await sim.control.counters()).faultsByKind).toEqual({ reset: 1, malformed: 2 });
  });

  it('lists the appointments held now, with the notes a booking wrote', async () => {
    await call(schedule, 'addAppointment', { arg0: { ...booking, notes: 'Booked by phone (VoiceDesk call c-42)' } });
    const rows = await sim.control.appointments();
    expect(rows).toHaveLength((await sim.control.status()).appointments);
    expect(rows.filter((a) => a.notes === 'Booked by phone (VoiceDesk call c-42)')).toEqual([
      expect.objectContaining({ providerNo: '201', demographicNo: 4, date: '2027-03-02', startTime: '09:00:00', status: 't' }),
    ]);
  });

  it('resets the data: a booking made during a test is gone', async () => {
    const before = await bookingsOnTuesday();
    await call(schedule, 'addAppointment', { arg0: booking });
    await sim.control.reset();
    expect(await bookingsOnTuesday()).toBe(before);
  });

  it('rejects a rule with an unknown knob with 400', async () => {
    const res = await fetch(`${sim.url.replace('/oscar', '')}/__control/faults`, {
      method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ errorRat: 1 }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain('unknown key "errorRat"');
  });

  it('replaces the data file and fixes "today" again', async () => {
    const data = fixtureData();
    data.demographics = data.demographics.slice(0, 2);
    data.appointments = [];
    await sim.control.loadData(data, '2027-04-05');
    expect(await sim.control.status()).toMatchObject({ demographics: 2, appointments: 0, today: '2027-04-05' });
    expect((await sim.control.data()).demographics).toHaveLength(2);
    await sim.control.loadData(fixtureData(), FIXTURE_TODAY);
  });

  it('refuses an invalid data file and lists its problems', async () => {
    const res = await fetch(`${sim.url.replace('/oscar', '')}/__control/data`, {
      method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...fixtureData(), timezone: 'Mars/Olympus' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { problems: string[] }).problems).toEqual(['timezone "Mars/Olympus" is not an IANA zone']);
  });
});

describe('knobs from the environment', () => {
  it('build one rule, optionally scoped by OSCAR_SIM_FAULT_SCOPE', () => {
    expect(faultRuleFromEnv({})).toBeUndefined();
    expect(faultRuleFromEnv({ OSCAR_SIM_LATENCY_MS: '200', OSCAR_SIM_ERROR_RATE: '0.1', OSCAR_SIM_REFUSE_CREDENTIALS: 'true', OSCAR_SIM_FAULT_SCOPE: 'ScheduleService.addAppointment' }))
      .toEqual({ id: 'env', latencyMs: 200, errorRate: 0.1, refuseCredentials: true, service: 'ScheduleService', operation: 'addAppointment' });
    expect(() => faultRuleFromEnv({ OSCAR_SIM_HANG_RATE: '2' })).toThrow(/between 0 and 1/);
  });
});
