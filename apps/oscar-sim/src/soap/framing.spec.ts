import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestOscarSim, type TestOscarSim } from '../../../../libs/testing/src/oscar-sim.js';
import { FIXTURE_TODAY, fixtureData } from '../test-support/fixture-data.js';
import { envelope, operation, postSoap, validSecurityHeader } from '../test-support/soap-clients.js';

let sim: TestOscarSim;
beforeAll(async () => { sim = await startTestOscarSim({ data: fixtureData(), today: FIXTURE_TODAY }); });
afterAll(async () => sim?.close());

const secured = (body: string) => envelope(body, validSecurityHeader(sim));

describe('responses are framed like CXF', () => {
  it('answers 200 text/xml;charset=UTF-8 with no XML declaration, a soap: envelope and an ns2: wrapper', async () => {
    const res = await postSoap(sim, 'SystemInfoService', envelope(operation('isAlive')));
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('text/xml;charset=UTF-8');
    expect(res.text).toBe('<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
      + '<ns2:isAliveResponse xmlns:ns2="http://ws.oscarehr.org/"><return>alive</return></ns2:isAliveResponse></soap:Body></soap:Envelope>');
  });

  it('repeats <return> for arrays and writes unqualified children in alphabetical order, leaving out nulls', async () => {
    const res = await postSoap(sim, 'ProviderService', secured(operation('getProviders2', '<arg0>true</arg0>')));
    expect(res.text.match(/<return>/g)?.length).toBe(3);
    expect(res.text).toContain('<return><firstName>Ben</firstName><lastName>Abbott</lastName><providerNo>202</providerNo><providerType>doctor</providerType><specialty>Pediatrics</specialty><status>1</status></return>');
  });

  it('answers an empty wrapper when the method returns null', async () => {
    const res = await postSoap(sim, 'ScheduleService', secured(operation('getAppointment2', '<arg0>99999</arg0><arg1>false</arg1>')));
    expect(res.status).toBe(200);
    expect(res.text).toContain('<ns2:getAppointment2Response xmlns:ns2="http://ws.oscarehr.org/"/>');
  });

  it('prints schedule codes as character codes', async () => {
    const res = await postSoap(sim, 'ScheduleService', secured(operation('getScheduleTemplateCodes')));
    expect(res.text).toContain('<code>49</code>');
    expect(res.text).toContain('<code>80</code>');
    expect(res.text).not.toContain('<code>1</code>');
  });

  it('gzips the answer when the client accepts gzip', async () => {
    const res = await fetch(`${sim.wsUrl}/SystemInfoService`, {
      method: 'POST', headers: { 'Content-Type': 'text/xml', 'Accept-Encoding': 'gzip' }, body: envelope(operation('isAlive')),
    });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(await res.text()).toContain('<return>alive</return>');
    const raw = await new Promise<Buffer>((resolve) => {
      import('node:http').then(({ request }) => {
        const req = request(`${sim.wsUrl}/SystemInfoService`, { method: 'POST', headers: { 'Content-Type': 'text/xml', 'Accept-Encoding': 'gzip' } }, (r) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks)));
        });
        req.end(envelope(operation('isAlive')));
      });
    });
    expect(gunzipSync(raw).toString()).toContain('alive');
  });
});

describe('faults are CXF SOAP 1.1 faults with HTTP 500', () => {
  it('refuses an unknown child element with a soap:Client unmarshalling error listing the expected elements', async () => {
    const res = await postSoap(sim, 'ScheduleService', secured(operation('updateAppointment', '<arg0><appointmentNo>1</appointmentNo></arg0>')));
    expect(res.status).toBe(500);
    expect(res.contentType).toBe('text/xml;charset=UTF-8');
    expect(res.text).toContain('<faultcode>soap:Client</faultcode>');
    expect(res.text).toContain('<faultstring>Unmarshalling Error: unexpected element (uri:"", local:"appointmentNo"). Expected elements are &lt;{}appointmentEndDateTime&gt;,&lt;{}appointmentStartDateTime&gt;,');
  });

  it('refuses a namespace-qualified child', async () => {
    const res = await postSoap(sim, 'ScheduleService', secured(operation('getAppointment2', '<ns1:arg0>1</ns1:arg0><arg1>false</arg1>')));
    expect(res.status).toBe(500);
    expect(res.text).toContain('unexpected element (uri:"http://ws.oscarehr.org/", local:"arg0"). Expected elements are &lt;{}arg0&gt;,&lt;{}arg1&gt;');
  });

  it('accepts the children of a wrapper in any order', async () => {
    const res = await postSoap(sim, 'ScheduleService', secured(operation('getAppointment2', '<arg1>true</arg1><arg0>1</arg0>')));
    expect(res.status).toBe(200);
    expect(res.text).toContain('<id>1</id>');
  });

  it('says an unknown operation was not recognized', async () => {
    const res = await postSoap(sim, 'ScheduleService', secured(operation('deleteAppointment', '<arg0>1</arg0>')));
    expect(res.status).toBe(500);
    expect(res.text).toContain('<faultcode>soap:Client</faultcode><faultstring>Message part {http://ws.oscarehr.org/}deleteAppointment was not recognized.  (Does it exist in service WSDL?)</faultstring>');
  });

  it('faults soap:Client on a number that is not one', async () => {
    const res = await postSoap(sim, 'ScheduleService', secured(operation('getAppointment2', '<arg0>abc</arg0><arg1>false</arg1>')));
    expect(res.status).toBe(500);
    expect(res.text).toContain('Unmarshalling Error: Not a number: abc');
  });

  it('faults soap:Client on XML it cannot read, and on a DTD', async () => {
    const broken = await postSoap(sim, 'SystemInfoService', '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>');
    expect(broken.status).toBe(500);
    expect(broken.text).toContain('<faultcode>soap:Client</faultcode><faultstring>Error reading XMLStreamReader');
    const dtd = await postSoap(sim, 'SystemInfoService', `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${envelope(operation('isAlive'))}`);
    expect(dtd.status).toBe(500);
    expect(dtd.text).toContain('Received event DTD');
  });

  it('answers a SOAP 1.2 envelope with VersionMismatch', async () => {
    const res = await postSoap(sim, 'SystemInfoService', '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body/></env:Envelope>');
    expect(res.status).toBe(500);
    expect(res.text).toContain('<faultcode>soap:VersionMismatch</faultcode>');
  });

  it('answers a GET on an endpoint without ?wsdl with a fault', async () => {
    const res = await fetch(`${sim.wsUrl}/ScheduleService`);
    expect(res.status).toBe(500);
    expect(await res.text()).toContain('No binding operation info while invoking unknown method with params unknown.');
  });

  it('reports a runtime error as soap:Server with the exception message', async () => {
    const res = await postSoap(sim, 'DemographicService', secured(operation('searchDemographicsByAttributes', '<arg10>0</arg10><arg11>10</arg11>')));
    expect(res.status).toBe(500);
    expect(res.text).toContain('<faultcode>soap:Server</faultcode><faultstring>at least one parameter must be present</faultstring>');
  });
});
