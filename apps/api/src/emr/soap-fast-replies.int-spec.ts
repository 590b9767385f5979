import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestOscarSim } from '../../../../libs/testing/src/oscar-sim.js';
import { WsdlCache } from './oscar-soap-client.js';
import { readEnvelope, readRepliesFast, replyElement } from './soap-fast-replies.js';
import { soap, type SoapClient, type XsdDescriptor } from './strong-soap.js';
import { KIT_TODAY, emrKitData, kitAdapter, startKitSim } from './testing/emr-test-kit.js';

// Appointments whose text a parser could get wrong: markup characters, entities, non-ASCII,
// surrounding spaces, empty strings, a long note; and many of them, as a booked month has.
const data = emrKitData();
data.appointments = [
  ...(data.appointments ?? []),
  { providerNo: '101', demographicNo: 1, dayOffset: 1, startTime: '09:00', durationMin: 15, status: 'HS', type: '',
    reason: '  Rx & <refill> "urgent" ', notes: 'Café – naïve 😀\nsecond line', location: '', remarks: 'a > b' },
  { providerNo: '101', demographicNo: 0, dayOffset: 2, startTime: '12:00', durationMin: 60, status: 'N', type: 'Meeting',
    reason: null, notes: 'x'.repeat(255), name: 'Staff & meeting' },
  ...Array.from({ length: 120 }, (_, i) => ({
    providerNo: '101', demographicNo: (i % 7) + 1, dayOffset: 7 + Math.floor(i / 12), startTime: `${String(9 + Math.floor((i % 12) / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`,
    durationMin: 15, status: i % 9 === 0 ? 'C' : 't', type: String(i % 3), reason: `visit ${i}`,
  })),
];

let sim: TestOscarSim;
let plain: SoapClient;
let fast: SoapClient;
/** replies the fast client left to strong-soap's own parser */
let strongReads = 0;

async function scheduleClient(): Promise<SoapClient> {
  const endpoint = `${sim.wsUrl}/ScheduleService`;
  const wsdl = await new WsdlCache().get(`${endpoint}?wsdl`, { tlsVerify: true });
  const client = new soap.Client(wsdl, endpoint);
  client.setSecurity(new soap.WSSecurity(String(sim.securityNo), sim.password, { hasTimeStamp: false, hasTokenCreated: false }));
  return client;
}

function call(client: SoapClient, operation: string, args: Record<string, unknown>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    (client[operation] as (a: unknown, cb: (e: Error | null, r?: unknown) => void) => void)(args, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/** 12:00 on a day in the kit's zone (Toronto, UTC−5 before 14 March, UTC−4 after) */
const noon = (date: string, offset = '-05:00') => new Date(`${date}T12:00:00${offset}`);

beforeAll(async () => {
  sim = await startKitSim({ data });
  plain = await scheduleClient();
  fast = await scheduleClient();
  const handler = fast.xmlHandler as { xmlToJson: (...args: unknown[]) => unknown };
  const strong = handler.xmlToJson.bind(handler);
  handler.xmlToJson = (...args: unknown[]) => {
    strongReads += 1;
    return strong(...args);
  };
  readRepliesFast(fast);
});
afterAll(async () => {
  await sim?.close();
});

describe('appointment lists read by the fast reader', () => {
  it('a long reply OSCAR sends again is mapped once, yet every caller gets a list of its own (of frozen appointments), and a changed reply is read afresh', async () => {
    const { adapter } = kitAdapter(sim);
    const read = () => adapter.getAppointmentsForProvider('101', KIT_TODAY, '2027-04-10');
    const first = await read();
    expect(first.length).toBeGreaterThan(120);
    const asRead = structuredClone(first);
    // one caller reorders what it got: the next caller does not see it; nobody can edit an appointment
    expect(() => {
      first[0]!.status = 'edited';
    }).toThrow(TypeError);
    first.reverse();
    expect(await read()).toEqual(asRead);
    await adapter.addAppointment({ providerNo: '101', demographicNo: 2, start: '2027-04-09T16:00', durationMinutes: 15, reason: 'added' });
    const after = await read();
    expect(after).toHaveLength(asRead.length + 1);
    expect(after.at(-1)).toMatchObject({ date: '2027-04-09', reason: 'added', demographicNo: 2 });
  });


  it('give exactly what strong-soap gives for a provider’s range, a patient’s list and an empty range', async () => {
    const range = { arg0: noon('2027-03-05'), arg1: noon('2027-04-10', '-04:00'), arg2: '101', arg3: true };
    const fromStrong = await call(plain, 'getAppointmentsForDateRangeAndProvider2', range);
    const before = strongReads;
    const fromFast = await call(fast, 'getAppointmentsForDateRangeAndProvider2', range);
    expect(strongReads).toBe(before);
    expect(fromFast).toStrictEqual(fromStrong);
    const rows = (fromFast as { return: Record<string, unknown>[] }).return;
    expect(rows.length).toBeGreaterThan(120);
    // strong-soap's types: numbers for xs:int, Dates for xs:dateTime, empty strings dropped, text trimmed
    const tricky = rows.find((r) => r.status === 'HS')!;
    expect(tricky).toMatchObject({ reason: 'Rx & <refill> "urgent"', notes: 'Café – naïve 😀\nsecond line', remarks: 'a > b', demographicNo: 1 });
    expect(tricky.appointmentStartDateTime).toBeInstanceOf(Date);
    expect(tricky.type).toBeUndefined();

    for (const patient of [1, 3, 999]) {
      const args = { arg0: patient, arg1: 0, arg2: 200, arg3: true };
      expect(await call(fast, 'getAppointmentsForPatient2', args)).toEqual(await call(plain, 'getAppointmentsForPatient2', args));
    }
    const empty = { arg0: noon(KIT_TODAY), arg1: noon(KIT_TODAY), arg2: '101', arg3: true };
    expect(await call(fast, 'getAppointmentsForDateRangeAndProvider2', empty)).toEqual(await call(plain, 'getAppointmentsForDateRangeAndProvider2', empty));
    expect(strongReads).toBe(before);
  });

  it('spare reading a long reply identical to one read before, and read a changed one anew', async () => {
    const range = { arg0: noon('2027-03-05'), arg1: noon('2027-04-10', '-04:00'), arg2: '101', arg3: true };
    const first = (await call(fast, 'getAppointmentsForDateRangeAndProvider2', range)) as { return: unknown[] };
    const again = (await call(fast, 'getAppointmentsForDateRangeAndProvider2', range)) as { return: unknown[] };
    expect(again).toBe(first);
    // the front desk books meanwhile: OSCAR's answer changes, and so does what is read
    await call(plain, 'addAppointment', {
      arg0: { appointmentStartDateTime: new Date('2027-03-30T15:00:00-04:00'), appointmentEndDateTime: new Date('2027-03-30T15:15:00-04:00'),
        demographicNo: 2, programId: 0, providerNo: '101', status: 't', name: 'WONG,MEI' },
    });
    const changed = (await call(fast, 'getAppointmentsForDateRangeAndProvider2', range)) as { return: unknown[] };
    expect(changed).not.toBe(first);
    expect(changed.return).toHaveLength(first.return.length + 1);
    expect(changed).toStrictEqual(await call(plain, 'getAppointmentsForDateRangeAndProvider2', range));
  });

  it('leave other replies and faults to strong-soap, which answers them as before', async () => {
    const before = strongReads;
    const codes = await call(fast, 'getScheduleTemplateCodes', {});
    expect(codes).toEqual(await call(plain, 'getScheduleTemplateCodes', {}));
    expect(strongReads).toBe(before + 1);
    // an appointment list refused with a fault: the same error either way
    const denied = await scheduleClient();
    denied.setSecurity(new soap.WSSecurity(String(sim.securityNo), 'wrong password', { hasTimeStamp: false, hasTokenCreated: false }));
    readRepliesFast(denied);
    const range = { arg0: noon(KIT_TODAY), arg1: noon('2027-03-13'), arg2: '101', arg3: true };
    const unreadable = await scheduleClient();
    unreadable.setSecurity(new soap.WSSecurity(String(sim.securityNo), 'wrong password', { hasTimeStamp: false, hasTokenCreated: false }));
    const [fastError, strongError] = await Promise.all([
      call(denied, 'getAppointmentsForDateRangeAndProvider2', range).catch((e: Error) => e.message),
      call(unreadable, 'getAppointmentsForDateRangeAndProvider2', range).catch((e: Error) => e.message),
    ]);
    expect(typeof fastError).toBe('string');
    expect(fastError).toBe(strongError);
  });
});

describe('the fast reader declines what strong-soap would read differently', () => {
  const envelope = (inner: string) =>
    `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><ns2:getAppointmentsForPatient2Response xmlns:ns2="http://ws.oscarehr.org/">${inner}</ns2:getAppointmentsForPatient2Response></soap:Body></soap:Envelope>`;
  let descriptor: XsdDescriptor;
  beforeAll(async () => {
    const client = await scheduleClient();
    const wsdl = client.wsdl as { definitions: { bindings: Record<string, { operations: Record<string, { describe(d: unknown): { outputEnvelope: XsdDescriptor } }> }> } };
    const binding = Object.values(wsdl.definitions.bindings).find((b) => b.operations.getAppointmentsForPatient2)!;
    descriptor = binding.operations.getAppointmentsForPatient2.describe(wsdl.definitions).outputEnvelope;
  });

  it('reads a plain list, nil and empty elements as strong-soap does', () => {
    expect(replyElement(descriptor)).toBe('getAppointmentsForPatient2Response');
    const xml = envelope('<return><id>7</id><notes/><reason xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/><name> A &amp; B &#233; </name></return><return/>');
    const read = readEnvelope(xml, descriptor);
    expect(read).toEqual({ Body: { getAppointmentsForPatient2Response: { return: [{ id: 7, notes: undefined, reason: null, name: 'A & B é' }, undefined] } } });
    const strong = (plain.xmlHandler as { xmlToJson(ns: unknown, xml: string, d: XsdDescriptor): unknown }).xmlToJson(null, xml, descriptor);
    expect(read).toStrictEqual(strong);
  });

  it.each([
    ['an attribute', '<return><id kind="x">7</id></return>'],
    ['text beside elements', '<return>loose<id>7</id></return>'],
    ['CDATA', '<return><notes><![CDATA[<b>]]></notes></return>'],
    ['an unknown entity', '<return><notes>&nbsp;</notes></return>'],
    ['a mismatched end tag', '<return><id>7</notes></return>'],
  ])('%s', (_what, inner) => {
    expect(readEnvelope(envelope(inner), descriptor)).toBeUndefined();
  });

  it('a fault', () => {
    const fault = '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>x</faultstring></soap:Fault></soap:Body></soap:Envelope>';
    expect(readEnvelope(fault, descriptor)).toBeUndefined();
  });
});
