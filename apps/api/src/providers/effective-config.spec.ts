import { describe, expect, it } from 'vitest';
import { ProviderStatus } from '../database/enums.js';
import { SYSTEM_BOOKING_DEFAULTS, effectiveBookingConfig, type ClinicBookingConfig, type ProviderBookingOverrides } from './effective-config.js';

const clinicDefaults = (): ClinicBookingConfig => ({
  ...structuredClone(SYSTEM_BOOKING_DEFAULTS),
  appointmentTypeMappings: null,
});

const plainProvider = (): ProviderBookingOverrides => ({
  maxAdvanceBookingDays: null,
  visitMode: 'both',
  acceptingNewPatients: true,
  voiceBookable: true,
  status: ProviderStatus.Active,
  scheduleCodeConfig: null,
  appointmentTypeOverrides: null,
});

describe('effective booking config (system defaults → clinic → provider)', () => {
  it('a clinic left at the defaults and a provider without overrides read as system defaults', () => {
    const effective = effectiveBookingConfig(clinicDefaults(), plainProvider());
    expect(effective.maxAdvanceBookingDays).toEqual({ value: 30, source: 'system' });
    expect(effective.bufferTime).toEqual({ value: 5, source: 'system' });
    expect(effective.visitMode).toEqual({ value: 'both', source: 'system' });
    expect(effective.bookableScheduleCodes).toEqual({ value: [], source: 'system' });
    expect(effective.maxNewPatientsPerWeek).toEqual({ value: null, source: 'system' });
    expect(effective.appointmentTypes.checkup).toEqual({ code: 'B', source: 'system' });
  });

  it('a clinic value that differs from the default comes from the clinic', () => {
    const clinic = { ...clinicDefaults(), maxAdvanceBookingDays: 60, bufferTime: 0, enabledVisitReasons: ['checkup'], bookableScheduleCodes: ['B'], maxNewPatientsPerWeek: 5 };
    const effective = effectiveBookingConfig(clinic, plainProvider());
    expect(effective.maxAdvanceBookingDays).toEqual({ value: 60, source: 'clinic' });
    expect(effective.bufferTime).toEqual({ value: 0, source: 'clinic' });
    expect(effective.enabledVisitReasons).toEqual({ value: ['checkup'], source: 'clinic' });
    expect(effective.bookableScheduleCodes).toEqual({ value: ['B'], source: 'clinic' });
    expect(effective.maxNewPatientsPerWeek).toEqual({ value: 5, source: 'clinic' });
  });

  it('provider overrides win: booking horizon, schedule codes, visit mode, appointment types per reason', () => {
    const clinic = { ...clinicDefaults(), maxAdvanceBookingDays: 60, bookableScheduleCodes: ['B'], defaultVisitMode: 'in_person', appointmentTypeMappings: { follow_up: { code: '2', durationMin: 20 }, checkup: { code: 'B', durationMin: 15 } } };
    const provider = { ...plainProvider(), maxAdvanceBookingDays: 14, scheduleCodeConfig: { codes: ['A'] }, visitMode: 'virtual', appointmentTypeOverrides: { checkup: { code: 'C' } } };
    const effective = effectiveBookingConfig(clinic, provider);
    expect(effective.maxAdvanceBookingDays).toEqual({ value: 14, source: 'provider' });
    expect(effective.bookableScheduleCodes).toEqual({ value: ['A'], source: 'provider' });
    expect(effective.visitMode).toEqual({ value: 'virtual', source: 'provider' });
    expect(effective.appointmentTypes).toMatchObject({
      checkup: { code: 'C', source: 'provider' },
      follow_up: { code: '2', durationMin: 20, source: 'clinic' },
      prescription: { code: 'P', source: 'system' },
    });
  });

  it('a provider visit mode of "both" restricts nothing: the clinic mode stands', () => {
    const effective = effectiveBookingConfig({ ...clinicDefaults(), defaultVisitMode: 'in_person' }, plainProvider());
    expect(effective.visitMode).toEqual({ value: 'in_person', source: 'clinic' });
  });

  it('an empty provider code list inherits the clinic codes', () => {
    const effective = effectiveBookingConfig({ ...clinicDefaults(), bookableScheduleCodes: ['B'] }, { ...plainProvider(), scheduleCodeConfig: { codes: [] } });
    expect(effective.bookableScheduleCodes).toEqual({ value: ['B'], source: 'clinic' });
  });

  it('new patients: a clinic that takes none closes every provider; a provider can only narrow', () => {
    const closedClinic = effectiveBookingConfig({ ...clinicDefaults(), acceptingNewPatients: false }, plainProvider());
    expect(closedClinic.acceptingNewPatients).toEqual({ value: false, source: 'clinic' });
    const closedProvider = effectiveBookingConfig(clinicDefaults(), { ...plainProvider(), acceptingNewPatients: false });
    expect(closedProvider.acceptingNewPatients).toEqual({ value: false, source: 'provider' });
    expect(effectiveBookingConfig(clinicDefaults(), plainProvider()).acceptingNewPatients).toEqual({ value: true, source: 'system' });
  });

  it('a provider who is not active is not voice-bookable', () => {
    const onLeave = effectiveBookingConfig(clinicDefaults(), { ...plainProvider(), status: ProviderStatus.OnLeave });
    expect(onLeave.voiceBookable).toEqual({ value: false, source: 'provider' });
  });

  it('never changes its inputs', () => {
    const clinic = { ...clinicDefaults(), appointmentTypeMappings: { checkup: { code: 'X' } } };
    const before = structuredClone(clinic);
    effectiveBookingConfig(clinic, plainProvider());
    expect(clinic).toEqual(before);
  });
});
