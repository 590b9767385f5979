import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../libs/testing/src/database.js';
import type { TestOscarSim } from '../../../../libs/testing/src/oscar-sim.js';
import { PatientPhoneCache } from './patient-phone-cache.entity.js';
import { createSimClinic, emrServices, type EmrServices } from './testing/emr-db-kit.js';
import { KIT_TODAY, emrKitData, startKitSim } from './testing/emr-test-kit.js';

let db: TestDatabase;
let sim: TestOscarSim;
let s: EmrServices;
let clinicId: string;

beforeAll(async () => {
  [db, sim] = await Promise.all([createTestDatabase(), startKitSim()]);
  // these tests change the charts between lookups made milliseconds apart (a clinic does it over
  // minutes): recent phone searches are not kept, so each lookup that searches reaches OSCAR
  s = emrServices(db.dataSource, { recentReadMs: 0 });
});
afterAll(async () => {
  await Promise.all([db?.drop(), sim?.close()]);
});
beforeEach(async () => {
  await sim.control.reset();
  clinicId = await createSimClinic(db.dataSource, s.box, sim);
  await s.factory.forClinic(clinicId); // WSDLs and the adapter exist: counters below are EMR calls only
  await sim.control.resetCounters();
});

const rows = () => db.dataSource.getRepository(PatientPhoneCache).find({ where: { clinicId } });
const searches = () => sim.control.count('DemographicService', 'searchDemographicsByAttributes');
const reads = () => sim.control.count('DemographicService', 'getDemographic');

/** Replaces the simulator's charts (same clinic, same day). */
async function editCharts(edit: (data: ReturnType<typeof emrKitData>) => void): Promise<void> {
  const data = emrKitData();
  edit(data);
  await sim.control.loadData(data, KIT_TODAY);
  await sim.control.resetCounters();
}

describe('patient phone cache', () => {
  it('resolves a repeat caller by reading the cached chart, with no search', async () => {
    const first = await s.phoneCache.findByPhone(clinicId, '(604) 555-0142');
    expect(first).toMatchObject({ phoneE164: '+16045550142', source: 'emr', patients: [{ demographicNo: 1 }] });
    expect(await rows()).toMatchObject([{ phoneE164: '+16045550142', demographicNo: 1, patientName: null }]);
    expect(await searches()).toBe(1);

    await sim.control.resetCounters();
    const again = await s.phoneCache.findByPhone(clinicId, '+16045550142');
    expect(again).toMatchObject({ source: 'cache', patients: [{ demographicNo: 1, firstName: 'HARRIET' }] });
    expect(await searches()).toBe(0);
    expect(await reads()).toBe(1);
  });

  it('never caches a phone shared by several charts, and returns them all', async () => {
    for (let i = 0; i < 2; i++) {
      const lookup = await s.phoneCache.findByPhone(clinicId, '604-555-0187');
      expect(lookup.source).toBe('emr');
      expect(lookup.patients.map((p) => p.demographicNo).sort()).toEqual([2, 3]);
    }
    expect(await rows()).toEqual([]);
    expect(await searches()).toBe(2);
  });

  it('corrects a cached chart whose phone changed: the number now belongs to another chart', async () => {
    await s.phoneCache.findByPhone(clinicId, '604-555-0142');
    await editCharts((data) => {
      data.demographics[0].phone = '604-555-7777';
      data.demographics.find((d) => d.demographicNo === 7)!.phone = '604 555 0142';
    });
    const lookup = await s.phoneCache.findByPhone(clinicId, '604-555-0142');
    expect(lookup).toMatchObject({ source: 'emr', patients: [{ demographicNo: 7 }] });
    expect(await rows()).toMatchObject([{ phoneE164: '+16045550142', demographicNo: 7 }]);
    expect(await searches()).toBe(1);
  });

  it('drops a cached chart that vanished or whose number is now shared', async () => {
    await s.phoneCache.findByPhone(clinicId, '604-555-0142');
    await editCharts((data) => {
      data.demographics = data.demographics.filter((d) => d.demographicNo !== 1);
      data.appointments = data.appointments!.filter((a) => a.demographicNo !== 1);
    });
    expect(await s.phoneCache.findByPhone(clinicId, '604-555-0142')).toMatchObject({ source: 'emr', patients: [] });
    expect(await rows()).toEqual([]);

    await editCharts(() => undefined);
    await s.phoneCache.findByPhone(clinicId, '604-555-0142');
    expect(await rows()).toHaveLength(1);
    // a day later a second chart carries the same number: the daily re-check notices it
    await editCharts((data) => {
      data.demographics.find((d) => d.demographicNo === 6)!.phone2 = '6045550142';
    });
    await db.dataSource.getRepository(PatientPhoneCache).update({ clinicId }, { lastSeen: new Date(Date.now() - 25 * 3600_000) });
    const lookup = await s.phoneCache.findByPhone(clinicId, '604-555-0142');
    expect(lookup.patients.map((p) => p.demographicNo).sort()).toEqual([1, 6]);
    expect(await rows()).toEqual([]);
  });

  it('keeps clinics apart and ignores numbers it cannot read', async () => {
    const other = await createSimClinic(db.dataSource, s.box, sim);
    await s.phoneCache.findByPhone(other, '604-555-0142');
    expect(await rows()).toEqual([]);
    expect(await s.phoneCache.findByPhone(clinicId, 'anonymous')).toEqual({ phoneE164: null, patients: [], source: 'none' });
    await s.phoneCache.forget(other, '604-555-0142');
    expect(await db.dataSource.getRepository(PatientPhoneCache).countBy({ clinicId: other })).toBe(0);
  });
});
