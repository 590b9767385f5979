import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../libs/testing/src/database.js';
import type { TestOscarSim } from '../../../../libs/testing/src/oscar-sim.js';
import { ClinicConfig } from '../clinics/clinic-config.entity.js';
import { ProviderStatus } from '../database/enums.js';
import { ClinicProvider } from '../providers/clinic-provider.entity.js';
import { createSimClinic, emrServices, encryptPassword, type EmrServices } from './testing/emr-db-kit.js';
import { KIT_TODAY, emrKitData, startKitSim } from './testing/emr-test-kit.js';

let db: TestDatabase;
let sim: TestOscarSim;
let s: EmrServices;

beforeAll(async () => {
  [db, sim] = await Promise.all([createTestDatabase(), startKitSim()]);
  s = emrServices(db.dataSource);
});
afterAll(async () => {
  await Promise.all([db?.drop(), sim?.close()]);
});
beforeEach(async () => {
  await sim.control.reset();
});

const config = (clinicId: string) => db.dataSource.getRepository(ClinicConfig).findOneByOrFail({ clinicId });
const providerRows = (clinicId: string) => db.dataSource.getRepository(ClinicProvider).find({ where: { clinicId }, order: { oscarProviderId: 'ASC' } });

describe('EmrAdapterFactory', () => {
  it('builds a clinic’s adapter from its config, decrypting the password, and reuses it', async () => {
    const clinicId = await createSimClinic(db.dataSource, s.box, sim);
    const adapter = await s.factory.forClinic(clinicId);
    expect((await adapter.listProviders()).length).toBe(3);
    expect(await s.factory.forClinic(clinicId)).toBe(adapter);
    s.factory.invalidate(clinicId);
    expect(await s.factory.forClinic(clinicId)).not.toBe(adapter);
  });

  it('hands every consumer the shared reads: callers of one clinic asking at once cost OSCAR one call, another clinic its own', async () => {
    const clinicId = await createSimClinic(db.dataSource, s.box, sim);
    const other = await createSimClinic(db.dataSource, s.box, sim);
    await Promise.all([s.factory.forClinic(clinicId), s.factory.forClinic(other)]);
    await sim.control.setFaults({ service: 'ProviderService', latencyMs: 150 });
    await sim.control.resetCounters();
    const lists = await Promise.all([
      ...Array.from({ length: 5 }, async () => (await s.factory.forClinic(clinicId)).listProviders()),
      (await s.factory.forClinic(other)).listProviders(),
    ]);
    expect(lists.map((l) => l.length)).toEqual([3, 3, 3, 3, 3, 3]);
    expect(await sim.control.count('ProviderService', 'getProviders2')).toBe(2);
  });

  it('answers a new adapter with fresh policies once the EMR settings change', async () => {
    const clinicId = await createSimClinic(db.dataSource, s.box, sim);
    const before = await s.factory.resilienceFor(clinicId);
    await db.dataSource.getRepository(ClinicConfig).update({ clinicId }, { oscarSoapPasswordEnc: encryptPassword(s.box, clinicId, 'changed') });
    s.factory.invalidate(clinicId);
    expect(await s.factory.resilienceFor(clinicId)).not.toBe(before);
    await expect((await s.factory.forClinic(clinicId)).listProviders()).rejects.toMatchObject({ code: 'UPSTREAM_AUTH' });
  });

  it.each([
    [{ emrType: 'telus-health' }, /EMR type "telus-health" is not supported/],
    [{ emrType: 'juno' }, /EMR type "juno" is not supported/],
    [{ emrType: 'oscar-pro', oscarPreferRest: true }, /REST\/OAuth mode is not supported yet for "oscar-pro"/],
  ])('refuses %o as NOT_SUPPORTED, naming it', async (settings, message) => {
    const clinicId = await createSimClinic(db.dataSource, s.box, sim, settings);
    await expect(s.factory.forClinic(clinicId)).rejects.toMatchObject({ code: 'NOT_SUPPORTED', message: expect.stringMatching(message) });
  });

  it('says what is missing or unreadable in the connection settings', async () => {
    const noUrl = await createSimClinic(db.dataSource, s.box, sim, { oscarUrl: null });
    await expect(s.factory.forClinic(noUrl)).rejects.toMatchObject({ code: 'INVALID', message: 'The EMR connection is not set up: the OSCAR URL is missing.' });
    const garbled = await createSimClinic(db.dataSource, s.box, sim, { oscarSoapPasswordEnc: 'v1:k9:AAAA:AAAA:AAAA' });
    await expect(s.factory.forClinic(garbled)).rejects.toThrow(/cannot be decrypted/);
    await expect(s.factory.forClinic('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('EmrService.testConnection', () => {
  it('verifies the connection and records it on the clinic', async () => {
    const clinicId = await createSimClinic(db.dataSource, s.box, sim);
    const result = await s.emr.testConnection(clinicId);
    expect(result).toMatchObject({ verified: true, oscarVersion: null, serverTimeOffsetMinutes: -300, clinicTimeOffsetMinutes: -300, warnings: [] });
    expect(result.problem).toBeUndefined();
    const row = await config(clinicId);
    expect(row.oscarConnectionVerified).toBe(true);
    expect(row.oscarLastVerifiedAt?.toISOString()).toBe(result.lastVerifiedAt);
  });

  it('says in plain words why it failed, without the credentials', async () => {
    const clinicId = await createSimClinic(db.dataSource, s.box, sim, { oscarConnectionVerified: true });
    await db.dataSource.getRepository(ClinicConfig).update({ clinicId }, { oscarSoapPasswordEnc: encryptPassword(s.box, clinicId, 'S3cret-wrong') });
    const result = await s.emr.testConnection(clinicId);
    expect(result.verified).toBe(false);
    expect(result.problem).toBe('The EMR refused the web-service credentials. Check the OSCAR security number and password in the EMR settings.');
    expect(JSON.stringify(result)).not.toContain('S3cret');
    expect((await config(clinicId)).oscarConnectionVerified).toBe(false);
    const unsupported = await createSimClinic(db.dataSource, s.box, sim, { emrType: 'telus-health' });
    expect((await s.emr.testConnection(unsupported)).problem).toMatch(/not supported/);
  });

  it('warns when the EMR server’s clock runs in another zone than the clinic', async () => {
    const utcSim = await startKitSim({ timezone: 'UTC' });
    try {
      const clinicId = await createSimClinic(db.dataSource, s.box, utcSim);
      const result = await s.emr.testConnection(clinicId);
      expect(result).toMatchObject({ verified: true, serverTimeOffsetMinutes: 0, clinicTimeOffsetMinutes: -300 });
      expect(result.warnings[0]).toMatch(/UTC\+0 while the clinic is at UTC−5/);
    } finally {
      await utcSim.close();
    }
  });
});

describe('EmrService.syncProviders', () => {
  it('adds the EMR’s providers, skipping system accounts, and records the sync', async () => {
    const clinicId = await createSimClinic(db.dataSource, s.box, sim);
    const result = await s.emr.syncProviders(clinicId);
    expect(result).toMatchObject({ total: 3, created: 3, updated: 0, deactivated: 0 });
    const rows = await providerRows(clinicId);
    expect(rows.map((r) => [r.oscarProviderId, r.lastName, r.status, r.title])).toEqual([
      ['101', 'Chen', ProviderStatus.Active, 'Dr.'],
      ['102', 'Abbott', ProviderStatus.Inactive, 'Dr.'],
      ['103', 'Patel', ProviderStatus.Active, ''],
    ]);
    expect(rows.every((r) => r.lastSyncedAt?.toISOString() === result.syncedAt)).toBe(true);
    expect((await config(clinicId)).oscarLastSync?.toISOString()).toBe(result.syncedAt);
  });

  it('updates known providers by OSCAR number, keeps local settings, and never deletes one that vanished', async () => {
    const clinicId = await createSimClinic(db.dataSource, s.box, sim);
    await s.emr.syncProviders(clinicId);
    const repo = db.dataSource.getRepository(ClinicProvider);
    await repo.update({ clinicId, oscarProviderId: '101' }, { voiceBookable: false, displayName: 'Dr. Amy', status: ProviderStatus.OnLeave });
    await repo.insert({ clinicId, firstName: 'Local', lastName: 'Only', oscarProviderId: null });
    const data = emrKitData();
    data.providers = data.providers.filter((p) => p.providerNo !== '103').map((p) => (p.providerNo === '102' ? { ...p, lastName: 'Abbott-Smith', status: '1' } : p));
    await sim.control.loadData(data, KIT_TODAY);

    const result = await s.emr.syncProviders(clinicId);
    expect(result).toMatchObject({ total: 2, created: 0, updated: 2, deactivated: 1 });
    const rows = await providerRows(clinicId);
    expect(rows).toHaveLength(4);
    const by = (no: string | null) => rows.find((r) => r.oscarProviderId === no)!;
    expect(by('101')).toMatchObject({ voiceBookable: false, displayName: 'Dr. Amy', status: ProviderStatus.OnLeave });
    expect(by('102')).toMatchObject({ lastName: 'Abbott-Smith', status: ProviderStatus.Active });
    expect(by('103')).toMatchObject({ status: ProviderStatus.Inactive });
    expect(by(null)).toMatchObject({ lastName: 'Only', status: ProviderStatus.Active, lastSyncedAt: null });
  });
});

describe('EmrService.pullConfig', () => {
  it('stores the schedule codes with their bookability, OSCAR’s default statuses and no sites', async () => {
    const clinicId = await createSimClinic(db.dataSource, s.box, sim, { blockedScheduleCodes: ['P'] });
    const summary = await s.emr.pullConfig(clinicId);
    expect(summary).toMatchObject({ scheduleCodes: 4, bookableScheduleCodes: ['1', 'C'], appointmentStatuses: 13, statusesSource: 'oscar-defaults', sites: 0 });
    expect(summary.notes.join(' ')).toMatch(/no appointment statuses.*no sites/);
    const row = await config(clinicId);
    expect(row.scheduleTemplateCodes).toEqual({
      codes: [
        { code: '1', description: '15 min appointment', duration: 15, bookinglimit: 1, confirm: 'No', bookable: true },
        { code: 'A', description: 'Academic', duration: 15, bookinglimit: 0, confirm: 'No', bookable: false },
        { code: 'C', description: 'Clinic', duration: 15, bookinglimit: 1, confirm: '', bookable: true },
        { code: 'P', description: 'Phone time', duration: 15, bookinglimit: 1, confirm: 'No', bookable: false },
      ],
      pulledAt: summary.pulledAt,
    });
    expect(row.appointmentStatuses?.statuses.find((st) => st.code === 'C')).toEqual({ code: 'C', description: 'Cancelled', active: true });
    expect(row.clinicSites).toEqual({ sites: [], pulledAt: summary.pulledAt });
    expect(row.oscarConfigPulledAt?.toISOString()).toBe(summary.pulledAt);
  });
});
