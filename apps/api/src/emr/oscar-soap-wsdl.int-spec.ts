import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestOscarSim } from '../../../../libs/testing/src/oscar-sim.js';
import { EmrError } from './emr-errors.js';
import { OSCAR_SERVICES, OscarSoapClient, WsdlCache, type OscarService } from './oscar-soap-client.js';
import { KIT_TODAY, kitAdapter, startKitSim } from './testing/emr-test-kit.js';

const day = new Date(`${KIT_TODAY}T17:00:00Z`);
const later = new Date(`${KIT_TODAY}T17:15:00Z`);
const weekAgo = new Date(day.getTime() - 7 * 86_400_000);
const record = { demographicNo: 1, programId: 0, providerNo: '101', appointmentStartDateTime: day, appointmentEndDateTime: later, status: 't' };

/** Arguments for operations that need some; every other operation is called without any. */
const ARGS: Record<string, Record<string, unknown>> = {
  'LoginService.login': { arg0: 'oscardoc', arg1: 'mac2002' },
  'LoginService.login2': { arg0: 'oscardoc', arg1: 'mac2002' },
  'ScheduleService.getAllDemographicIdByProgramProvider': { arg0: 0, arg1: '101' },
  'ScheduleService.getAppointmentsForProvider': { arg0: '101', arg1: day },
  'ScheduleService.getAppointmentsByDemographicIdAfter': { lastUpdate: weekAgo, demographicId: 1, useGMTTime: true },
  'ScheduleService.getAppointmentsForPatient2': { arg0: 1, arg1: 0, arg2: 10, arg3: true },
  'ScheduleService.getAppointmentsForProvider2': { arg0: '101', arg1: day, arg2: true },
  'ScheduleService.getAppointmentArchivesUpdatedAfterDate': { arg0: weekAgo, arg1: 10, arg2: true },
  'ScheduleService.getAppointmentsForDateRangeAndProvider': { arg0: day, arg1: later, arg2: '101' },
  'ScheduleService.updateAppointment': { arg0: { ...record, id: 1 } },
  'ScheduleService.getDayWorkSchedule': { arg0: '101', arg1: day },
  'ScheduleService.testTimeZone_1492_05_12_18_26_32': { arg0: true },
  'ScheduleService.getAppointmentsByProgramProviderDemographicDate': { arg0: 0, arg1: '101', arg2: 1, arg3: weekAgo, arg4: 10, arg5: true },
  'ScheduleService.addAppointment': { arg0: record },
  'ScheduleService.getAppointment2': { arg0: 1, arg1: true },
  'ScheduleService.getAppointmentsForPatient': { arg0: 1, arg1: 0, arg2: 10 },
  'ScheduleService.getAppointment': { arg0: 1 },
  'ScheduleService.getAppointmentsForDateRangeAndProvider2': { arg0: day, arg1: later, arg2: '101', arg3: true },
  'ScheduleService.getAppointmentsUpdatedAfterDate': { arg0: weekAgo, arg1: 10, arg2: true },
  'DemographicService.isPhrVerifiedToSendMessages': { arg0: 1 },
  'DemographicService.writePHRId': { demographicNo: 1, phrId: 'phr-1' },
  'DemographicService.getLatestPhrVerificationByDemographic': { arg0: 1 },
  'DemographicService.isPhrVerifiedToSendMedicalData': { arg0: 1 },
  'DemographicService.getConsentedDemographicIdsAfter': { lastUpdate: weekAgo },
  'DemographicService.getActiveDemographicsAfter2': { lastUpdate: weekAgo },
  'DemographicService.getAdmittedDemographicIdsByProgramProvider': { arg0: 0, arg1: '101' },
  'DemographicService.getDemographic': { arg0: 1 },
  'DemographicService.getDemographicIdsWithMyOscarAccounts': { startDemographicIdExclusive: 0, itemsToReturn: 10 },
  'DemographicService.getActiveDemographicsAfter': { lastUpdate: weekAgo },
  'DemographicService.searchDemographicByName': { arg0: 'JONES', arg1: 0, arg2: 10 },
  'DemographicService.getDemographicByMyOscarUserName': { arg0: 'nobody' },
  'DemographicService.getDemographics': { arg0: [1, 2] },
  'DemographicService.getDemographic2': { arg0: 1 },
  'DemographicService.searchDemographicsByAttributes': { arg2: 'JONES', arg10: 0, arg11: 10 },
  'ProviderService.getProviders': { arg0: true },
  'ProviderService.getProviderProperties': { arg0: '101', arg1: 'color' },
};

let sim: TestOscarSim;
let client: OscarSoapClient;
const operations = new Map<OscarService, string[]>();
const signal = new AbortController().signal;

beforeAll(async () => {
  sim = await startKitSim();
  client = new OscarSoapClient({
    baseUrl: sim.url,
    credentials: { username: String(sim.securityNo), password: sim.password },
    tlsVerify: true,
    wsdlCache: new WsdlCache(),
  });
  for (const service of OSCAR_SERVICES) operations.set(service, await client.operations(service, signal));
});
afterAll(async () => {
  await sim?.close();
});

describe('the five OSCAR WSDLs in strong-soap', () => {
  it.each(OSCAR_SERVICES)('%s loads and declares its operations', (service) => {
    expect(operations.get(service)!.length).toBeGreaterThan(0);
  });

  it('declares the operations the adapter uses', () => {
    expect(operations.get('ScheduleService')).toEqual(
      expect.arrayContaining(['getDayWorkSchedule', 'getAppointmentsForDateRangeAndProvider2', 'getAppointmentsForPatient2', 'getAppointment2', 'addAppointment', 'updateAppointment', 'getScheduleTemplateCodes', 'getAppointmentTypes']),
    );
    expect(operations.get('DemographicService')).toEqual(expect.arrayContaining(['getDemographic', 'searchDemographicByName', 'searchDemographicsByAttributes']));
    expect(operations.get('ProviderService')).toContain('getProviders2');
    expect(operations.get('SystemInfoService')).toEqual(expect.arrayContaining(['isAlive', 'getServerTime', 'getServerTimeGmtOffset']));
  });

  it('can call every operation of every service with WS-Security as configured', async () => {
    const failures: string[] = [];
    let called = 0;
    for (const service of OSCAR_SERVICES) {
      for (const operation of operations.get(service)!) {
        try {
          await client.call(service, operation, ARGS[`${service}.${operation}`] ?? {}, signal);
        } catch (error) {
          failures.push(`${service}.${operation}: ${error instanceof EmrError ? error.constructor.name : String(error)}`);
        }
        called += 1;
      }
    }
    expect(failures).toEqual([]);
    const counters = await sim.control.counters();
    expect(called).toBeGreaterThanOrEqual(40);
    expect(counters.authFailures).toBe(0);
  });
});

describe('WSDL loading', () => {
  it('loads each WSDL once per URL however many clinics and calls use it', async () => {
    await sim.control.resetCounters();
    const shared = new WsdlCache();
    const clinics = [kitAdapter(sim, { wsdlCache: shared }), kitAdapter(sim, { wsdlCache: shared })];
    for (const { adapter } of clinics) {
      await Promise.all([adapter.listProviders(), adapter.listProviders(), adapter.getPatient(1), adapter.getDaySchedule('101', KIT_TODAY)]);
      await adapter.getAppointmentsForProvider('101', KIT_TODAY, KIT_TODAY);
    }
    const { wsdl } = await sim.control.counters();
    expect(wsdl).toEqual({ SystemInfoService: 1, ProviderService: 1, DemographicService: 1, ScheduleService: 1 });
  });

  it('only ever calls the Login, SystemInfo, Schedule, Demographic and Provider services', async () => {
    const { operations: called } = await sim.control.counters();
    const services = new Set(Object.keys(called).map((key) => key.split('.')[0]));
    for (const service of services) expect(OSCAR_SERVICES).toContain(service);
    expect(OSCAR_SERVICES).toEqual(['LoginService', 'SystemInfoService', 'ScheduleService', 'DemographicService', 'ProviderService']);
  });
});
