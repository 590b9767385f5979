import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestOscarSim, type TestOscarSim } from '../../../../libs/testing/src/oscar-sim.js';
import { FIXTURE_TODAY, fixtureData } from '../test-support/fixture-data.js';
import { call, envelope, operation, postSoap, soapClient } from '../test-support/soap-clients.js';

let sim: TestOscarSim;
beforeAll(async () => { sim = await startTestOscarSim({ data: fixtureData(), today: FIXTURE_TODAY }); });
afterAll(async () => sim?.close());

describe('LoginService', () => {
  it('login2 gives the provider, the security number and a token for the login name and password', async () => {
    const client = await soapClient(sim, 'LoginService', null);
    const { return: r } = await call<{ return: { provider: { providerNo: string }; securityId: number; securityTokenKey: string } }>(
      client, 'login2', { arg0: 'oscardoc', arg1: 'mac2002' });
    expect(r.securityId).toBe(128);
    expect(r.provider.providerNo).toBe('999998');
    expect(r.securityTokenKey).toMatch(/^\d+$/);
    const again = await call<{ return: { securityId: number } }>(client, 'login2', { arg0: 'oscardoc', arg1: r.securityTokenKey });
    expect(again.return.securityId).toBe(128);
  });

  it('refuses a wrong password with NotAuthorisedException', async () => {
    const res = await postSoap(sim, 'LoginService', envelope(operation('login2', '<arg0>oscardoc</arg0><arg1>nope</arg1>')));
    expect(res.status).toBe(500);
    expect(res.text).toContain('<faultcode>soap:Server</faultcode><faultstring>Invalid Username/Password</faultstring>'
      + '<detail><ns2:NotAuthorisedException xmlns:ns2="http://ws.oscarehr.org/"><message>Invalid Username/Password</message></ns2:NotAuthorisedException></detail>');
  });

  it('refuses the security number in place of the login name', async () => {
    const client = await soapClient(sim, 'LoginService', null);
    await expect(call(client, 'login2', { arg0: '128', arg1: 'mac2002' })).rejects.toThrow(/Invalid Username\/Password/);
  });

  it('keeps the deprecated login answering only the id and token', async () => {
    const client = await soapClient(sim, 'LoginService', null);
    const r = await call<{ return: Record<string, unknown> }>(client, 'login', { arg0: 'oscardoc', arg1: 'mac2002' });
    expect(Object.keys(r.return).sort()).toEqual(['securityId', 'securityTokenKey']);
  });
});

describe('SystemInfoService', () => {
  it('says it is alive and caps lists at 5000', async () => {
    const client = await soapClient(sim, 'SystemInfoService', null);
    expect((await call(client, 'isAlive')).return).toBe('alive');
    expect((await call(client, 'getMaxListReturnSize')).return).toBe(5000);
  });

  it('runs on Node time-zone data where British Columbia is on permanent UTC−7', () => {
    expect((process.versions.tz ?? '') >= '2026b').toBe(true);
    expect(DateTime.fromISO('2027-07-01T12:00', { zone: 'America/Vancouver' }).offset).toBe(-420);
  });

  it('gives the server offset in milliseconds and the server time with that offset', async () => {
    const client = await soapClient(sim, 'SystemInfoService', null);
    expect((await call(client, 'getServerTimeGmtOffset')).return).toBe(-25_200_000);
    const raw = await postSoap(sim, 'SystemInfoService', envelope(operation('getServerTime')));
    expect(raw.text).toMatch(/<return>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?-07:00<\/return>/);
  });

  it('prints Z on a server whose JVM runs in UTC', async () => {
    const utc = await startTestOscarSim({ data: fixtureData(), today: FIXTURE_TODAY, timezone: 'UTC' });
    try {
      const raw = await postSoap(utc, 'SystemInfoService', envelope(operation('getServerTime')));
      expect(raw.text).toMatch(/<return>[^<]+Z<\/return>/);
      const offset = await postSoap(utc, 'SystemInfoService', envelope(operation('getServerTimeGmtOffset')));
      expect(offset.text).toContain('<return>0</return>');
    } finally {
      await utc.close();
    }
  });
});
