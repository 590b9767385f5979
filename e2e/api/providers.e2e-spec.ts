import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClinicProvider } from '../../apps/api/src/providers/clinic-provider.entity.js';
import { ProviderStatus } from '../../apps/api/src/database/enums.js';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';

describe('providers: list, voice-booking settings and effective config', () => {
  let s: ApiSuite;
  beforeAll(async () => {
    s = await startApiSuite();
  });
  afterAll(async () => {
    await s?.t.close();
  });

  /** providers arrive through the OSCAR sync; here they are made directly */
  let providerNo = 500;
  const addProvider = (clinicId: string, fields: Partial<ClinicProvider>) =>
    s.t.db.dataSource.getRepository(ClinicProvider).save({ clinicId, firstName: 'Amy', lastName: 'Chen', oscarProviderId: String(providerNo++), ...fields });

  it('lists a clinic’s providers by last name, filtered by status and voiceBookable', async () => {
    const clinic = await s.newClinic();
    await addProvider(clinic.id, { firstName: 'Zoe', lastName: 'Adams' });
    await addProvider(clinic.id, { firstName: 'Bob', lastName: 'Brown', voiceBookable: false });
    await addProvider(clinic.id, { firstName: 'Cal', lastName: 'Clark', status: ProviderStatus.OnLeave });
    const other = await s.newClinic();
    await addProvider(other.id, { lastName: 'Elsewhere' });

    const all = await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}/providers`);
    expect(all.status).toBe(200);
    expect(all.body.items.map((p: { lastName: string }) => p.lastName)).toEqual(['Adams', 'Brown', 'Clark']);
    expect(all.body.nextCursor).toBeNull();
    const bookable = await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}/providers?voiceBookable=false`);
    expect(bookable.body.items.map((p: { lastName: string }) => p.lastName)).toEqual(['Brown']);
    const onLeave = await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}/providers?status=on_leave`);
    expect(onLeave.body.items.map((p: { lastName: string }) => p.lastName)).toEqual(['Clark']);
    const page = await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}/providers?limit=2`);
    const next = await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}/providers?limit=2&cursor=${page.body.nextCursor}`);
    expect(next.body.items.map((p: { lastName: string }) => p.lastName)).toEqual(['Clark']);
    expect((await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}/providers?voiceBookable=maybe`)).status).toBe(400);
  });

  it('a manager toggles voice booking and sets overrides; another clinic’s provider is 404', async () => {
    const clinic = await s.newClinic();
    const provider = await addProvider(clinic.id, {});
    const manager = await s.managerOf(clinic.id);
    const path = `/api/clinics/${clinic.id}/providers/${provider.id}`;
    const changed = await s.as(manager.token, 'PATCH', path, {
      voiceBookable: false,
      acceptingNewPatients: false,
      displayName: 'Dr. Amy',
      languages: ['English', 'Mandarin'],
      visitMode: 'virtual',
      maxAdvanceBookingDays: 90,
      scheduleCodeConfig: { codes: ['A', 'B'] },
      appointmentTypeOverrides: { checkup: { code: 'C', durationMin: 20 } },
      status: 'on_leave',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      id: provider.id,
      voiceBookable: false,
      displayName: 'Dr. Amy',
      visitMode: 'virtual',
      maxAdvanceBookingDays: 90,
      scheduleCodeConfig: { codes: ['A', 'B'] },
      status: 'on_leave',
    });
    expect((await s.as(manager.token, 'GET', path)).body.languages).toEqual(['English', 'Mandarin']);
    const invalid = await s.as(manager.token, 'PATCH', path, { maxAdvanceBookingDays: 0, visitMode: 'home', firstName: 'Eve' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['firstName', 'maxAdvanceBookingDays', 'visitMode']);

    const other = await s.newClinic();
    const foreign = await addProvider(other.id, {});
    expect((await s.as(manager.token, 'GET', `/api/clinics/${clinic.id}/providers/${foreign.id}`)).status).toBe(404);
    expect((await s.as(manager.token, 'GET', `/api/clinics/${other.id}/providers`)).status).toBe(404);
    expect((await s.as(s.adminToken, 'PATCH', `/api/clinics/${clinic.id}/providers/${foreign.id}`, { voiceBookable: false })).status).toBe(404);
  });

  it('effective config: each value with where it came from (system → clinic → provider)', async () => {
    const clinic = await s.newClinic();
    await s.as(s.adminToken, 'PUT', `/api/clinics/${clinic.id}/config`, {
      scheduling: { maxAdvanceBookingDays: 45 },
      voiceBooking: { defaultVisitMode: 'in_person' },
      clinicalControl: { appointmentTypeMappings: { follow_up: { code: '2', durationMin: 20 } } },
    });
    const provider = await addProvider(clinic.id, { maxAdvanceBookingDays: 90, appointmentTypeOverrides: { checkup: { code: 'C', durationMin: 10 } } });
    const response = await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}/providers/${provider.id}/effective-config`);
    expect(response.status).toBe(200);
    const { settings, appointmentTypes } = response.body;
    expect(response.body).toMatchObject({ providerId: provider.id, clinicId: clinic.id });
    expect(settings.maxAdvanceBookingDays).toEqual({ value: 90, source: 'provider' });
    expect(settings.visitMode).toEqual({ value: 'in_person', source: 'clinic' });
    expect(settings.bufferTime).toEqual({ value: 5, source: 'system' });
    expect(settings.voiceBookable).toEqual({ value: true, source: 'provider' });
    expect(appointmentTypes.checkup).toEqual({ code: 'C', durationMin: 10, source: 'provider' });
    expect(appointmentTypes.follow_up).toEqual({ code: '2', durationMin: 20, source: 'clinic' });
    expect(appointmentTypes.prescription).toEqual({ code: 'P', source: 'system' });

    await s.as(s.adminToken, 'PATCH', `/api/clinics/${clinic.id}/providers/${provider.id}`, { maxAdvanceBookingDays: null });
    const inherited = await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}/providers/${provider.id}/effective-config`);
    expect(inherited.body.settings.maxAdvanceBookingDays).toEqual({ value: 45, source: 'clinic' });
  });
});
