import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestOscarSim, type TestOscarSim } from '../../../../libs/testing/src/oscar-sim.js';
import { FIXTURE_TODAY, fixtureData } from '../test-support/fixture-data.js';
import { call, returned, soapClient } from '../test-support/soap-clients.js';

let sim: TestOscarSim;
beforeAll(async () => { sim = await startTestOscarSim({ data: fixtureData(), today: FIXTURE_TODAY }); });
afterAll(async () => sim?.close());

type Provider = { providerNo: string; lastName: string; status: string };

describe('ProviderService', () => {
  it('lists every provider ordered by last name (case-insensitive), system provider 999998 included', async () => {
    const client = await soapClient(sim, 'ProviderService');
    const list = returned<Provider>(await call(client, 'getProviders2', {}));
    expect(list.map((p) => p.lastName)).toEqual(['Abbott', 'Moss', 'oscardoc', 'Zhou']);
    expect(list.map((p) => p.providerNo)).toContain('999998');
  });

  it('filters on status "1" for true and "0" for false', async () => {
    const client = await soapClient(sim, 'ProviderService');
    expect(returned<Provider>(await call(client, 'getProviders2', { arg0: true })).map((p) => p.providerNo)).toEqual(['202', '999998', '201']);
    expect(returned<Provider>(await call(client, 'getProviders2', { arg0: false })).map((p) => p.providerNo)).toEqual(['203']);
    expect(returned<Provider>(await call(client, 'getProviders', { arg0: false })).map((p) => p.providerNo)).toEqual(['203']);
  });

  it('names the provider of the authenticated security record', async () => {
    const client = await soapClient(sim, 'ProviderService', { username: '129', password: 'desk' });
    expect((await call<{ return: Provider }>(client, 'getLoggedInProviderTransfer')).return.providerNo).toBe('201');
  });

  it('returns a provider\'s properties, optionally one by name', async () => {
    const client = await soapClient(sim, 'ProviderService');
    expect(returned(await call(client, 'getProviderProperties', { arg0: '201' }))).toHaveLength(2);
    expect(returned(await call(client, 'getProviderProperties', { arg0: '201', arg1: 'room' }))).toEqual([{ id: 2, name: 'room', value: '3' }]);
  });
});
