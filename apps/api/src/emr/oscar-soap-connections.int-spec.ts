import { beforeEach, describe, expect, it } from 'vitest';
import type { TestOscarSim } from '../../../../libs/testing/src/oscar-sim.js';
import { isReadOperation } from './oscar-soap-client.js';
import type { OscarSoapAdapter } from './oscar-soap-adapter.js';
import { KIT_TODAY, kitAdapter, useKitSim } from './testing/emr-test-kit.js';

let sim: TestOscarSim;
let adapter: OscarSoapAdapter;

useKitSim((started) => (sim = started));
beforeEach(async () => {
  adapter = kitAdapter(sim).adapter;
  // the WSDLs and the first connection: what every later call starts from
  await adapter.getDaySchedule('101', KIT_TODAY);
  await sim.control.resetCounters();
});

const soapConnections = async () => (await sim.control.counters()).connections;

/**
 * To a hosted OSCAR every new connection costs one to three round trips before the SOAP call
 * (TCP, then TLS): reads reuse the clinic's kept-alive connections, writes open their own.
 */
describe('OscarSoapClient: connections', () => {
  it('reads one after another travel on one kept-alive connection', async () => {
    for (let day = 0; day < 5; day++) await adapter.getDaySchedule('101', KIT_TODAY);
    await adapter.getAppointmentsForProvider('101', KIT_TODAY, KIT_TODAY);
    await adapter.findPatientsByPhone('604-555-0187');
    expect((await sim.control.counters()).total).toBe(7);
    expect(await soapConnections()).toBe(1);
  });

  it('a wave of reads at once opens at most one connection per read, and the next wave reuses them', async () => {
    const wave = () => Promise.all(['101', '102', '101', '102'].map((p) => adapter.getAppointmentsForProvider(p, KIT_TODAY, KIT_TODAY)));
    await wave();
    const first = await soapConnections();
    expect(first).toBeLessThanOrEqual(4);
    await wave();
    await wave();
    expect(await soapConnections()).toBe(first);
  });

  it('each write opens a connection of its own (a write cut on a reused one could not tell whether OSCAR ran it)', async () => {
    const id = await adapter.addAppointment({ providerNo: '101', demographicNo: 4, start: `${KIT_TODAY}T15:00`, durationMinutes: 15, type: 'B' });
    await adapter.cancelAppointment(id);
    // the two writes: two connections; the reads around them: the kept-alive one
    expect(await soapConnections()).toBe(3);
  });

  it('a read that meets a connection OSCAR dropped is answered all the same (retried on a new connection)', async () => {
    await adapter.getDaySchedule('101', KIT_TODAY);
    await sim.control.addFault({ service: 'ScheduleService', operation: 'getDayWorkSchedule', resetRate: 1, times: 1 });
    const day = await adapter.getDaySchedule('101', KIT_TODAY);
    expect(day).not.toBeNull();
  });

  it('says which operations are reads', () => {
    for (const read of ['getAppointment', 'getDayWorkSchedule', 'searchDemographicsByAttributes', 'getProviders2', 'isAlive']) expect(isReadOperation(read)).toBe(true);
    for (const write of ['addAppointment', 'updateAppointment', 'login2', 'getting', 'issue']) expect(isReadOperation(write)).toBe(false);
  });
});
