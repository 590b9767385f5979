import { create } from 'xmlbuilder2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestOscarSim, type TestOscarSim } from '../../../../libs/testing/src/oscar-sim.js';
import { soapClient } from '../test-support/soap-clients.js';
import { allServices } from './services.js';

let sim: TestOscarSim;
beforeAll(async () => { sim = await startTestOscarSim(); });
afterAll(async () => sim?.close());

const XS = 'http://www.w3.org/2001/XMLSchema';
const WSDL = 'http://schemas.xmlsoap.org/wsdl/';

interface El { localName: string; namespaceURI: string | null; getAttribute(n: string): string | null; childNodes: ArrayLike<El>; nodeType: number }
const kids = (el: El, local?: string): El[] => Array.from(el.childNodes).filter((c) => c.nodeType === 1 && (!local || c.localName === local));

async function fetchWsdl(path: string): Promise<{ status: number; type: string | null; doc: El; text: string }> {
  const res = await fetch(`${sim.wsUrl}/${path}`);
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), doc: create(text).root().node as unknown as El, text };
}

function schemaTypes(doc: El): Map<string, El> {
  const schema = kids(kids(doc, 'types')[0] as El, 'schema')[0] as El;
  return new Map(kids(schema, 'complexType').map((t) => [t.getAttribute('name') as string, t]));
}

const sequenceNames = (type: El): string[] => kids(kids(type, 'sequence')[0] as El, 'element').map((e) => e.getAttribute('name') as string);

describe.each(allServices.map((s) => [s.path, s] as const))('%s?wsdl', (path, service) => {
  it('is served without authentication, as text/xml, with the CXF names of the service', async () => {
    const { status, type, doc } = await fetchWsdl(`${path}?wsdl`);
    expect(status).toBe(200);
    expect(type).toBe('text/xml;charset=UTF-8');
    expect(doc.namespaceURI).toBe(WSDL);
    expect(doc.getAttribute('targetNamespace')).toBe('http://ws.oscarehr.org/');
    expect(doc.getAttribute('name')).toBe(`${service.className}Service`);
    expect(kids(doc, 'portType')[0]?.getAttribute('name')).toBe(service.className);
    expect(kids(doc, 'binding')[0]?.getAttribute('name')).toBe(`${service.className}ServiceSoapBinding`);
    const port = kids(kids(doc, 'service')[0] as El, 'port')[0] as El;
    expect(port.getAttribute('name')).toBe(`${service.className}Port`);
  });

  it('echoes the request URL in soap:address', async () => {
    const { doc } = await fetchWsdl(`${path}/?wsdl`);
    const port = kids(kids(doc, 'service')[0] as El, 'port')[0] as El;
    expect(kids(port, 'address')[0]?.getAttribute('location')).toBe(`${sim.wsUrl}/${path}/`);
  });

  it('declares unqualified elements and alphabetical transfer-object sequences', async () => {
    const { doc } = await fetchWsdl(`${path}?wsdl`);
    const schema = kids(kids(doc, 'types')[0] as El, 'schema')[0] as El;
    expect(schema.namespaceURI).toBe(XS);
    expect(schema.getAttribute('elementFormDefault')).toBe('unqualified');
    for (const [, type] of schemaTypes(doc)) {
      if (type.getAttribute('final') !== 'extension restriction') continue;
      const names = sequenceNames(type);
      expect(names).toEqual([...names].sort());
    }
  });

  it('loads in strong-soap with every operation of the contract', async () => {
    const client = await soapClient(sim, path, null);
    const described = client.describe();
    const ops = Object.keys(Object.values(Object.values(described)[0] ?? {})[0] ?? {});
    expect(ops.sort()).toEqual(service.operations.map((o) => o.name).sort());
  });
});

describe('the ScheduleService WSDL', () => {
  it('names parameters arg0..argN and @WebParam names, codes as unsignedShort, bookingSource as an enum', async () => {
    const { doc, text } = await fetchWsdl('ScheduleService?wsdl');
    const types = schemaTypes(doc);
    expect(sequenceNames(types.get('getAppointmentsForDateRangeAndProvider2') as El)).toEqual(['arg0', 'arg1', 'arg2', 'arg3']);
    expect(sequenceNames(types.get('getAppointmentsByDemographicIdAfter') as El)).toEqual(['lastUpdate', 'demographicId', 'useGMTTime']);
    expect(text).toContain('<xs:element minOccurs="0" name="scheduleCode" type="xs:unsignedShort"/>');
    expect(text).toContain('<xs:element name="demographicNo" type="xs:int"/>');
    expect(text).toContain('<xs:enumeration value="MYOSCAR_SELF_BOOKING"/>');
    expect(text).toContain('<xs:element maxOccurs="unbounded" minOccurs="0" name="timeSlots" nillable="true" type="tns:calendarScheduleCodePairTransfer"/>');
    expect(sequenceNames(types.get('appointmentTransfer') as El)).not.toContain('appointmentNo');
  });

  it('has no operation that deletes or cancels an appointment', async () => {
    const { doc } = await fetchWsdl('ScheduleService?wsdl');
    const ops = kids(kids(doc, 'portType')[0] as El, 'operation').map((o) => o.getAttribute('name') as string);
    expect(ops.filter((o) => /delete|cancel|remove|status/i.test(o))).toEqual([]);
  });
});

describe('the DemographicService WSDL', () => {
  it('offers no operation that creates or updates a patient', async () => {
    const { doc } = await fetchWsdl('DemographicService?wsdl');
    const ops = kids(kids(doc, 'portType')[0] as El, 'operation').map((o) => o.getAttribute('name') as string);
    expect(ops.filter((o) => /^(add|create|update|save|insert)/i.test(o))).toEqual([]);
    expect(ops).toContain('searchDemographicsByAttributes');
  });

  it('types the gender argument with the M F T O U enumeration', async () => {
    const { text } = await fetchWsdl('DemographicService?wsdl');
    expect(text).toContain('name="arg3" type="tns:gender"');
    for (const g of ['M', 'F', 'T', 'O', 'U']) expect(text).toContain(`<xs:enumeration value="${g}"/>`);
  });
});

describe('the LoginService WSDL', () => {
  it('declares the NotAuthorisedException fault on login and login2', async () => {
    const { text } = await fetchWsdl('LoginService?wsdl');
    expect(text).toContain('<wsdl:fault message="tns:NotAuthorisedException" name="NotAuthorisedException"/>');
    expect(text).toContain('<soap:fault name="NotAuthorisedException" use="literal"/>');
    expect(text).toContain('<xs:element name="NotAuthorisedException" type="tns:NotAuthorisedException"/>');
  });
});

describe('the servlet', () => {
  it('lists the services like CXF at GET /oscar/ws/', async () => {
    const res = await fetch(`${sim.wsUrl}/`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('Available SOAP services:');
    for (const s of allServices) expect(html).toContain(`${sim.wsUrl}/${s.path}?wsdl`);
  });

  it('answers 404 for a service OSCAR does not publish here', async () => {
    const res = await fetch(`${sim.wsUrl}/BookingService?wsdl`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('No service was found.');
  });
});
