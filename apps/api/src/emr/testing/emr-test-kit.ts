import { afterAll, beforeAll, beforeEach } from 'vitest';
import { timecode } from '../../../../oscar-sim/src/data/demo/demo-clinic.js';
import { startTestOscarSim, type SimDataFile, type TestOscarSim } from '../../../../../libs/testing/src/oscar-sim.js';
import { DEFAULT_EMR_POLICY, EmrResilience, type EmrPolicyOptions } from '../emr-resilience.js';
import { OscarSoapAdapter } from '../oscar-soap-adapter.js';
import { OscarSoapClient, WsdlCache } from '../oscar-soap-client.js';
import { withSharedReads, type SharedReadsAdapter } from '../shared-reads-adapter.js';

/** Friday before North America's 2027 spring-forward (Sunday 14 March): DST runs through the week. */
export const KIT_TODAY = '2027-03-12';
export const KIT_ZONE = 'America/Toronto';

/**
 * A small, fully known clinic for the EMR tests: a shared family phone written two ways, a number
 * that shares only its last four digits with another, two charts with the same name, a duplicate
 * template code, system providers, a holiday, and appointments on both sides of a DST change.
 */
export function emrKitData(timezone = KIT_ZONE): SimDataFile {
  return {
    timezone,
    logins: [
      { securityNo: 128, userName: 'oscardoc', password: 'mac2002', providerNo: '999998' },
      { securityNo: 129, userName: 'frontdesk', password: 'desk', providerNo: '101', demographicAccess: false },
    ],
    scheduleTemplateCodes: [
      { code: '1', description: '15 min appointment', duration: 15, bookinglimit: 1, confirm: 'No', color: '#BFEFFF' },
      { code: 'P', description: 'Phone time', duration: 15, bookinglimit: 1, confirm: 'No' },
      { code: 'A', description: 'Academic', duration: '', bookinglimit: 0, confirm: 'No' },
      { code: 'C', description: 'Clinic', duration: 15, bookinglimit: 1 },
      { code: 'C', description: 'Counselling', duration: 30, bookinglimit: 1 },
    ],
    templates: [
      { name: 'std', slotMinutes: 15, timecode: timecode(15, [['09:00', '12:00', '1'], ['13:00', '14:00', 'P']]) },
    ],
    providers: [
      { providerNo: '101', firstName: 'Amy', lastName: 'Chen', specialty: 'Family Medicine', status: '1', providerType: 'doctor',
        week: { 1: 'std', 2: 'std', 3: 'std', 4: 'std', 5: 'std' } },
      { providerNo: '102', firstName: 'Ben', lastName: 'Abbott', specialty: 'Pediatrics', status: '0', providerType: 'doctor' },
      { providerNo: '103', firstName: 'Nora', lastName: 'Patel', status: '1', providerType: 'nurse', week: { 1: 'std' } },
      { providerNo: '999998', firstName: 'doctor', lastName: 'oscardoc', status: '1' },
      { providerNo: '-1', firstName: 'system', lastName: 'system', status: '1' },
    ],
    holidays: [{ dayOffset: 4, name: 'Closed' }],
    demographics: [
      { demographicNo: 1, firstName: 'HARRIET', lastName: 'JONES', dateOfBirth: '1948-03-14', sex: 'F', phone: '604-555-0142',
        hin: '9698658215', hcType: 'BC', patientStatus: 'AC', city: 'Vancouver', province: 'BC', email: 'harriet@example.com' },
      { demographicNo: 2, firstName: 'MEI', lastName: 'WONG', dateOfBirth: '1980-07-22', sex: 'F', phone: '(604) 555-0187',
        phone2: '778-555-0131', patientStatus: 'AC', province: 'BC' },
      { demographicNo: 3, firstName: 'DAVID', lastName: 'WONG', dateOfBirth: '1978-11-02', sex: 'M', phone: '1 604 555 0187',
        patientStatus: 'AC', province: 'BC' },
      { demographicNo: 4, firstName: 'JASPREET', lastName: 'SIDHU', dateOfBirth: '1991-01-09', sex: 'F', phone: null,
        phone2: '236.555.0175', patientStatus: 'AC', province: 'BC' },
      { demographicNo: 5, firstName: 'ALICE', lastName: 'JONESTON', dateOfBirth: '1948-03-14', sex: 'F', phone: '250-555-0199',
        patientStatus: 'IN', province: 'BC' },
      { demographicNo: 6, firstName: 'HARRIET', lastName: 'JONES', dateOfBirth: '1975-05-05', sex: 'F', phone: '604-555-0999',
        patientStatus: 'AC', province: 'BC' },
      { demographicNo: 7, firstName: 'KIM', lastName: 'LEE', dateOfBirth: '1966-06-06', sex: 'M', phone: '250-555-0142',
        patientStatus: 'AC', province: 'BC' },
    ],
    appointments: [
      { providerNo: '101', demographicNo: 1, dayOffset: 0, startTime: '09:00', durationMin: 15, status: 't', type: 'B',
        reason: 'Check-up', notes: 'bring glasses', location: 'Room 2', remarks: 'first visit' },
      { providerNo: '101', demographicNo: 2, dayOffset: 0, startTime: '09:30', durationMin: 15, status: 'C', type: 'B' },
      { providerNo: '101', demographicNo: 3, dayOffset: 3, startTime: '10:00', durationMin: 30, status: 't', type: '2' },
      { providerNo: '101', demographicNo: 1, dayOffset: -7, startTime: '11:00', durationMin: 15, status: 'B', type: '3' },
    ],
    appointmentTypes: [{ name: 'Office Visit', duration: 15 }, { name: 'Long Visit', duration: 30, location: 'Room 1' }],
  };
}

export interface KitOptions {
  timezone?: string;
  today?: string;
  data?: SimDataFile;
}

export function startKitSim(options: KitOptions = {}): Promise<TestOscarSim> {
  return startTestOscarSim({
    data: options.data ?? emrKitData(),
    today: options.today ?? KIT_TODAY,
    timezone: options.timezone,
    badPasswordDelayMs: 0,
  });
}

/**
 * The kit's simulator for one test file: started once (`use` receives it), reset — data,
 * counters, faults — before each test, closed at the end.
 */
export function useKitSim(use: (sim: TestOscarSim) => void, options: KitOptions = {}): void {
  let sim: TestOscarSim | undefined;
  beforeAll(async () => {
    sim = await startKitSim(options);
    use(sim);
  });
  afterAll(async () => {
    await sim?.close();
  });
  beforeEach(async () => {
    await sim?.control.reset();
  });
}

/** Fast policies for tests: same shape as production, shorter waits. */
export function testPolicy(overrides: Partial<EmrPolicyOptions> = {}): EmrPolicyOptions {
  return { ...DEFAULT_EMR_POLICY, retryInitialDelayMs: 20, retryMaxDelayMs: 50, ...overrides };
}

export interface KitAdapter {
  adapter: OscarSoapAdapter;
  client: OscarSoapClient;
  resilience: EmrResilience;
}

export function kitAdapter(
  sim: TestOscarSim,
  options: { zone?: string; policy?: EmrPolicyOptions; password?: string; username?: string; wsdlCache?: WsdlCache } = {},
): KitAdapter {
  const client = new OscarSoapClient({
    baseUrl: sim.url,
    credentials: { username: options.username ?? String(sim.securityNo), password: options.password ?? sim.password },
    tlsVerify: true,
    wsdlCache: options.wsdlCache ?? new WsdlCache(),
  });
  const resilience = new EmrResilience('test-clinic', options.policy ?? testPolicy());
  const adapter = new OscarSoapAdapter({ emrType: 'oscar-universal', clinicZone: options.zone ?? KIT_ZONE, client, resilience });
  return { adapter, client, resilience };
}

export interface SharedKitAdapter extends Omit<KitAdapter, 'adapter'> {
  /** what `EmrAdapterFactory` hands out: the OSCAR adapter behind shared reads */
  adapter: SharedReadsAdapter;
  oscar: OscarSoapAdapter;
}

/** The kit adapter as the factory wraps it (`recentReadMs` comes from the policy). */
export function sharedKitAdapter(sim: TestOscarSim, options: Parameters<typeof kitAdapter>[1] = {}): SharedKitAdapter {
  const { adapter: oscar, ...rest } = kitAdapter(sim, options);
  return { ...rest, oscar, adapter: withSharedReads(oscar, rest.resilience) };
}
