import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestOscarSim, type TestOscarSim } from '../../../../libs/testing/src/oscar-sim.js';
import { FIXTURE_TODAY, fixtureData } from '../test-support/fixture-data.js';
import { call, soapClient } from '../test-support/soap-clients.js';
import type { OperationDef } from '../wsdl/model.js';
import { allServices } from '../wsdl/services.js';

let sim: TestOscarSim;
beforeAll(async () => { sim = await startTestOscarSim({ data: fixtureData(), today: FIXTURE_TODAY }); });
afterAll(async () => sim?.close());

const noonTomorrow = '2027-03-02T12:00:00-07:00';
const appointment = {
  appointmentStartDateTime: '2027-03-02T13:00:00-07:00', appointmentEndDateTime: '2027-03-02T13:15:00-07:00',
  demographicNo: 1, programId: 0, providerNo: '201', status: 't', name: 'JONES,HARRIET', type: 'B',
};

/** Arguments a client would send; required primitives filled from the model when not listed. */
const ARGS: Record<string, Record<string, unknown>> = {
  login: { arg0: 'oscardoc', arg1: 'mac2002' },
  login2: { arg0: 'oscardoc', arg1: 'mac2002' },
  getProviders: { arg0: true },
  getProviderProperties: { arg0: '201' },
  getDemographic: { arg0: 1 },
  getDemographic2: { arg0: 1 },
  getDemographics: { arg0: [1, 2] },
  searchDemographicByName: { arg0: 'WONG', arg1: 0, arg2: 10 },
  searchDemographicsByAttributes: { arg2: 'WONG', arg10: 0, arg11: 10 },
  getDemographicIdsWithMyOscarAccounts: { itemsToReturn: 10 },
  getDayWorkSchedule: { arg0: '201', arg1: noonTomorrow },
  getAppointment: { arg0: 1 },
  getAppointment2: { arg0: 1, arg1: true },
  getAppointmentsForProvider: { arg0: '201', arg1: noonTomorrow },
  getAppointmentsForProvider2: { arg0: '201', arg1: noonTomorrow, arg2: false },
  getAppointmentsForDateRangeAndProvider: { arg0: '2027-03-01T12:00:00-07:00', arg1: '2027-03-05T12:00:00-07:00', arg2: '201' },
  getAppointmentsForDateRangeAndProvider2: { arg0: '2027-03-01T12:00:00-07:00', arg1: '2027-03-05T12:00:00-07:00', arg2: '201', arg3: false },
  getAppointmentsForPatient: { arg0: 1, arg1: 0, arg2: 10 },
  getAppointmentsForPatient2: { arg0: 1, arg1: 0, arg2: 10, arg3: false },
  addAppointment: { arg0: appointment },
  updateAppointment: { arg0: { ...appointment, id: 3 } },
  getAppointmentsUpdatedAfterDate: { arg0: '2020-01-01T00:00:00Z', arg1: 10, arg2: false },
  getAppointmentArchivesUpdatedAfterDate: { arg0: '2020-01-01T00:00:00Z', arg1: 10, arg2: false },
  getAppointmentsByDemographicIdAfter: { lastUpdate: '2020-01-01T00:00:00Z', demographicId: 1, useGMTTime: false },
  getAppointmentsByProgramProviderDemographicDate: { arg0: 0, arg1: '201', arg2: 1, arg3: '2020-01-01T00:00:00Z', arg4: 10, arg5: false },
  getAllDemographicIdByProgramProvider: { arg0: 0, arg1: '201' },
};

function argsFor(op: OperationDef): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const p of op.params) if (!p.optional) args[p.name] = p.type === 'boolean' ? false : 0;
  return { ...args, ...ARGS[op.name] };
}

const cases = allServices.flatMap((s) => s.operations.map((o) => [s.path, o.name, s.secured, o] as const));

describe('every operation of every WSDL called through strong-soap (UsernameToken PasswordText, no Timestamp)', () => {
  it.each(cases)('%s.%s answers without a fault', async (service, name, secured, op) => {
    const client = await soapClient(sim, service, secured ? undefined : null);
    const before = await sim.control.count(service, name);
    await call(client, name, argsFor(op)); // rejects on any fault or unreadable answer
    expect(await sim.control.count(service, name)).toBe(before + 1);
  });
});
