import strongSoap from 'strong-soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestOscarSim, type TestOscarSim } from '../../../../libs/testing/src/oscar-sim.js';
import { FIXTURE_TODAY, fixtureData } from '../test-support/fixture-data.js';
import {
  PASSWORD_DIGEST, call, envelope, operation, postSoap, securityHeader, soapClient, validSecurityHeader,
} from '../test-support/soap-clients.js';

let sim: TestOscarSim;
beforeAll(async () => { sim = await startTestOscarSim({ data: fixtureData(), today: FIXTURE_TODAY }); });
afterAll(async () => sim?.close());

const WSSE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const isAlive = operation('getScheduleTemplateCodes');

async function callWith(header: string | undefined, body = isAlive) {
  return postSoap(sim, 'ScheduleService', envelope(body, header));
}

function expectWsseFault(text: string, code: string, message: string): void {
  expect(text).toContain(`<faultcode xmlns:ns1="${WSSE}">ns1:${code}</faultcode>`);
  expect(text).toContain(`<faultstring>${message}</faultstring>`);
}

const INVALID_SECURITY = 'An error was discovered processing the &lt;wsse:Security&gt; header.';
const FAILED = 'The security token could not be authenticated or authorized';

describe('WS-Security UsernameToken on the secured services', () => {
  it('accepts the security number and the password as PasswordText', async () => {
    const res = await callWith(validSecurityHeader(sim));
    expect(res.status).toBe(200);
  });

  it('refuses a call without a Security header with InvalidSecurity', async () => {
    const res = await callWith(undefined);
    expect(res.status).toBe(500);
    expectWsseFault(res.text, 'InvalidSecurity', INVALID_SECURITY);
  });

  it('refuses a token that carries a Timestamp with InvalidSecurity', async () => {
    const res = await callWith(validSecurityHeader(sim, { timestamp: true }));
    expectWsseFault(res.text, 'InvalidSecurity', INVALID_SECURITY);
  });

  it('refuses strong-soap with its default options (Timestamp on)', async () => {
    const client = await soapClient(sim, 'ScheduleService', null);
    client.setSecurity(new strongSoap.WSSecurity(String(sim.securityNo), sim.password));
    await expect(call(client, 'getScheduleTemplateCodes')).rejects.toThrow(/ns1:InvalidSecurity/);
  });

  it('refuses a wrong password with FailedAuthentication after OSCAR\'s 250 ms pause', async () => {
    const started = Date.now();
    const res = await callWith(securityHeader({ username: String(sim.securityNo), password: 'wrong' }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    expectWsseFault(res.text, 'FailedAuthentication', FAILED);
  });

  it('refuses the login name in place of the security number', async () => {
    const res = await callWith(securityHeader({ username: sim.userName, password: sim.password }));
    expectWsseFault(res.text, 'FailedAuthentication', FAILED);
  });

  it('refuses an unknown security number and an expired security record', async () => {
    expectWsseFault((await callWith(securityHeader({ username: '999', password: sim.password }))).text, 'FailedAuthentication', FAILED);
    expectWsseFault((await callWith(securityHeader({ username: '130', password: 'old' }))).text, 'FailedAuthentication', FAILED);
  });

  it('refuses PasswordDigest', async () => {
    const res = await callWith(securityHeader({ username: String(sim.securityNo), password: sim.password, type: PASSWORD_DIGEST }));
    expectWsseFault(res.text, 'FailedAuthentication', FAILED);
  });

  it('refuses a password without Type, or a token without Username, as an invalid token', async () => {
    const noType = await callWith(securityHeader({ username: String(sim.securityNo), password: sim.password, type: null }));
    expectWsseFault(noType.text, 'InvalidSecurityToken', 'An invalid security token was provided');
    const noUser = await callWith(securityHeader({ password: sim.password }));
    expectWsseFault(noUser.text, 'InvalidSecurityToken', 'An invalid security token was provided');
  });

  it('refuses a Created older than 300 s or more than 60 s ahead with MessageExpired', async () => {
    const old = new Date(Date.now() - 301_000).toISOString();
    const ahead = new Date(Date.now() + 120_000).toISOString();
    expectWsseFault((await callWith(validSecurityHeader(sim, { created: old }))).text, 'MessageExpired', 'The message has expired');
    expectWsseFault((await callWith(validSecurityHeader(sim, { created: ahead }))).text, 'MessageExpired', 'The message has expired');
    expect((await callWith(validSecurityHeader(sim, { created: new Date().toISOString() }))).status).toBe(200);
  });

  it('detects a replayed nonce', async () => {
    const header = validSecurityHeader(sim, { nonce: `n-${Math.random()}`, created: new Date().toISOString() });
    expect((await callWith(header)).status).toBe(200);
    const replay = await callWith(header);
    expect(replay.text).toContain('ns1:InvalidSecurity');
    expect(replay.text).toContain('A replay attack has been detected');
  });

  it('authenticates before reading the body: bad credentials win over an unknown operation', async () => {
    const res = await callWith(securityHeader({ username: '1', password: 'x' }), operation('noSuchOperation'));
    expect(res.text).toContain('ns1:FailedAuthentication');
  });

  it('accepts login2\'s securityTokenKey as the password until the server restarts', async () => {
    const login = await soapClient(sim, 'LoginService', null);
    const { return: result } = await call<{ return: { securityId: number; securityTokenKey: string } }>(login, 'login2', { arg0: sim.userName, arg1: sim.password });
    const withToken = securityHeader({ username: String(result.securityId), password: result.securityTokenKey });
    expect((await callWith(withToken)).status).toBe(200);
    await sim.control.reset({ rotateTokens: true });
    expect((await callWith(withToken)).text).toContain('ns1:FailedAuthentication');
  });
});

describe('the open services', () => {
  it('answer Login and SystemInfo without a Security header', async () => {
    const res = await postSoap(sim, 'SystemInfoService', envelope(operation('isAlive')));
    expect(res.status).toBe(200);
  });

  it('do not understand a mustUnderstand Security header', async () => {
    const res = await postSoap(sim, 'LoginService', envelope(operation('login2', '<arg0>oscardoc</arg0><arg1>mac2002</arg1>'),
      validSecurityHeader(sim, { mustUnderstand: true })));
    expect(res.status).toBe(500);
    expect(res.text).toContain('<faultcode>soap:MustUnderstand</faultcode>');
  });
});
