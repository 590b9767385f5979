import type { SoapClient } from 'strong-soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestOscarSim, type TestOscarSim } from '../../../../libs/testing/src/oscar-sim.js';
import { FIXTURE_TODAY, fixtureData } from '../test-support/fixture-data.js';
import { call, returned, soapClient } from '../test-support/soap-clients.js';

let sim: TestOscarSim;
let client: SoapClient;
beforeAll(async () => {
  sim = await startTestOscarSim({ data: fixtureData(), today: FIXTURE_TODAY });
  client = await soapClient(sim, 'DemographicService');
});
afterAll(async () => sim?.close());

type Chart = Record<string, unknown> & { demographicNo: number };
const ids = (result: unknown) => returned<Chart>(result).map((c) => c.demographicNo).sort((a, b) => a - b);
const byPhone = (phone: string) => call(client, 'searchDemographicsByAttributes', { arg7: phone, arg10: 0, arg11: 50 });
const byName = (name: string, start = 0, n = 50) => call(client, 'searchDemographicByName', { arg0: name, arg1: start, arg2: n });

describe('getDemographic', () => {
  it('splits the birth date into year, month and day strings and names the chart "LAST, FIRST"', async () => {
    const chart = (await call<{ return: Chart }>(client, 'getDemographic', { arg0: 1 })).return;
    expect(chart).toMatchObject({
      demographicNo: 1, firstName: 'HARRIET', lastName: 'JONES', displayName: 'JONES, HARRIET',
      yearOfBirth: '1948', monthOfBirth: '03', dateOfBirth: '14', hin: '9698658215', hcType: 'BC', patientStatus: 'AC',
      phone: '604-555-0142', sex: 'F', activeCount: 1, hsAlertCount: 0,
    });
  });

  it('answers an empty wrapper for an unknown chart', async () => {
    expect(await call(client, 'getDemographic', { arg0: 999 })).toBeUndefined();
  });
});

describe('phone search (searchDemographicsByAttributes arg7)', () => {
  it('matches a substring of the raw phone text, whatever its format', async () => {
    expect(ids(await byPhone('0187'))).toEqual([2, 3]);
    expect(ids(await byPhone('604-555'))).toEqual([1, 3]); // "(604) 555-0187" does not contain it
  });

  it('also matches phone2', async () => {
    expect(ids(await byPhone('0175'))).toEqual([4]);
    expect(ids(await byPhone('0131'))).toEqual([2]);
  });

  it('treats "" as a criterion that matches everyone', async () => {
    expect(ids(await byPhone(''))).toHaveLength(6);
  });
});

describe('name search (searchDemographicByName)', () => {
  it('finds LAST as a prefix, case-insensitively, inactive charts included', async () => {
    expect(ids(await byName('jones'))).toEqual([1, 5]);
  });

  it('finds LAST,FIRST with both as prefixes', async () => {
    expect(ids(await byName('WONG,MEI'))).toEqual([2]);
    expect(ids(await byName('Wong, D'))).toEqual([3]);
    expect(ids(await byName("O'BRIEN"))).toEqual([6]);
  });

  it('matches everyone with "" and pages with startIndex and itemsToReturn', async () => {
    expect(ids(await byName(''))).toHaveLength(6);
    expect(ids(await byName('', 2, 2))).toEqual([3, 4]);
  });
});

describe('attribute search', () => {
  it('ANDs the criteria it is given', async () => {
    expect(ids(await call(client, 'searchDemographicsByAttributes', { arg2: 'WONG', arg3: 'M', arg10: 0, arg11: 10 }))).toEqual([3]);
    expect(ids(await call(client, 'searchDemographicsByAttributes', { arg6: 'on', arg10: 0, arg11: 10 }))).toEqual([6]);
  });

  it('compares the date of birth as sent, in the client\'s own offset', async () => {
    const dob = (arg4: string) => call(client, 'searchDemographicsByAttributes', { arg4, arg10: 0, arg11: 10 });
    expect(ids(await dob('1948-03-14'))).toEqual([1]); // sent as 1948-03-14T00:00:00.000Z
    expect(ids(await dob('1948-03-14T00:00:00-07:00'))).toEqual([1]); // sent as 1948-03-14T07:00:00.000Z
    // strong-soap rewrites every dateTime to UTC: a late-evening local time arrives as the next day.
    expect(ids(await dob('1948-03-14T20:00:00-07:00'))).toEqual([]);
  });

  it('faults when no criterion is given', async () => {
    await expect(call(client, 'searchDemographicsByAttributes', { arg10: 0, arg11: 10 })).rejects.toThrow(/at least one parameter must be present/);
  });
});

describe('privileges', () => {
  it('refuses demographic reads to a security record without _demographic', async () => {
    const desk = await soapClient(sim, 'DemographicService', { username: '129', password: 'desk' });
    await expect(call(desk, 'getDemographic', { arg0: 1 })).rejects.toThrow(/missing required security object \(_demographic\)/);
  });
});
