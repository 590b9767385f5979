import type { ClinicConfig } from '../clinics/clinic-config.entity.js';
import type { ClinicProvider } from './clinic-provider.entity.js';

/**
 * Booking rules inherited system defaults → clinic config → provider overrides (SPEC §5), as one
 * pure function so the scheduling search and `GET …/providers/{id}/effective-config` agree.
 *
 * Sources: `provider` when the provider overrides; `clinic` when the clinic's value differs from
 * the system default (a clinic column always holds a value, so "the same as the default" reads as
 * inherited); else `system`.
 */
export type ConfigSource = 'system' | 'clinic' | 'provider';

export interface Effective<T> {
  value: T;
  source: ConfigSource;
}

export interface AppointmentTypeMapping {
  code: string;
  durationMin?: number;
}

/** The system defaults: seed 000's column defaults, and seed 003's visit reason → type codes. */
export const SYSTEM_BOOKING_DEFAULTS = {
  appointmentDuration: 15,
  bufferTime: 5,
  maxAdvanceBookingDays: 30,
  minAdvanceBookingHours: 2,
  defaultSlotDuration: 15,
  defaultAppointmentTypeCode: 'B',
  defaultVisitMode: 'both',
  enabledVisitReasons: ['checkup', 'follow_up', 'sick_visit', 'consultation'],
  providerFallbackBehavior: 'best_available',
  maxFallbackProviders: 3,
  fallbackSearchWindowDays: 14,
  allowSameDayBooking: true,
  allowWeekendBooking: false,
  requireDOBVerification: true,
  maxApptsPerPatientPerDay: 1,
  cancellationMinNoticeHours: 24,
  newPatientRequiresLongerSlot: true,
  newPatientMinDuration: 30,
  askReasonBeforeSearch: false,
  acceptingNewPatients: true,
  waitlistEnabled: true,
  maxNewPatientsPerWeek: null as number | null,
  bookableScheduleCodes: [] as string[],
  blockedScheduleCodes: [] as string[],
  appointmentTypeMappings: {
    checkup: { code: 'B' },
    general: { code: 'B' },
    follow_up: { code: '2' },
    sick_visit: { code: '3' },
    complaint: { code: '3' },
    prescription: { code: 'P' },
  } as Record<string, AppointmentTypeMapping>,
};

export type SystemBookingDefaults = typeof SYSTEM_BOOKING_DEFAULTS;

/** Clinic settings that are inherited as they are (the clinic may change them; providers may not). */
export const CLINIC_INHERITED_KEYS = [
  'appointmentDuration',
  'bufferTime',
  'minAdvanceBookingHours',
  'defaultSlotDuration',
  'defaultAppointmentTypeCode',
  'enabledVisitReasons',
  'providerFallbackBehavior',
  'maxFallbackProviders',
  'fallbackSearchWindowDays',
  'allowSameDayBooking',
  'allowWeekendBooking',
  'requireDOBVerification',
  'maxApptsPerPatientPerDay',
  'cancellationMinNoticeHours',
  'newPatientRequiresLongerSlot',
  'newPatientMinDuration',
  'askReasonBeforeSearch',
  'waitlistEnabled',
  'maxNewPatientsPerWeek',
  'blockedScheduleCodes',
] as const satisfies readonly (keyof SystemBookingDefaults & keyof ClinicConfig)[];

type ClinicInheritedKey = (typeof CLINIC_INHERITED_KEYS)[number];

export type ClinicBookingConfig = Pick<
  ClinicConfig,
  ClinicInheritedKey | 'maxAdvanceBookingDays' | 'defaultVisitMode' | 'acceptingNewPatients' | 'bookableScheduleCodes' | 'appointmentTypeMappings'
>;

export type ProviderBookingOverrides = Pick<
  ClinicProvider,
  'maxAdvanceBookingDays' | 'visitMode' | 'acceptingNewPatients' | 'voiceBookable' | 'status' | 'scheduleCodeConfig' | 'appointmentTypeOverrides'
>;

export type EffectiveBookingConfig = { [K in ClinicInheritedKey]: Effective<SystemBookingDefaults[K]> } & {
  maxAdvanceBookingDays: Effective<number>;
  visitMode: Effective<string>;
  acceptingNewPatients: Effective<boolean>;
  voiceBookable: Effective<boolean>;
  /** empty = every schedule code with a booking limit above 0 that is not blocked */
  bookableScheduleCodes: Effective<string[]>;
  /** visit reason → appointment type, each with where it came from */
  appointmentTypes: Record<string, AppointmentTypeMapping & { source: ConfigSource }>;
};

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function fromClinic<T>(clinicValue: T | null | undefined, systemValue: T): Effective<T> {
  if (clinicValue === null || clinicValue === undefined || same(clinicValue, systemValue)) return { value: systemValue, source: 'system' };
  return { value: clinicValue, source: 'clinic' };
}

function override<T>(providerValue: T | null | undefined, inherited: Effective<T>): Effective<T> {
  return providerValue === null || providerValue === undefined ? inherited : { value: providerValue, source: 'provider' };
}

export function effectiveBookingConfig(
  clinic: ClinicBookingConfig,
  provider: ProviderBookingOverrides,
  system: SystemBookingDefaults = SYSTEM_BOOKING_DEFAULTS,
): EffectiveBookingConfig {
  const inherited = Object.fromEntries(
    CLINIC_INHERITED_KEYS.map((key) => [key, fromClinic<unknown>(clinic[key], system[key])]),
  ) as { [K in ClinicInheritedKey]: Effective<SystemBookingDefaults[K]> };

  const clinicVisitMode = fromClinic(clinic.defaultVisitMode, system.defaultVisitMode);
  const clinicAccepting = fromClinic(clinic.acceptingNewPatients, system.acceptingNewPatients);
  const providerCodes = provider.scheduleCodeConfig?.codes;

  return {
    ...inherited,
    maxAdvanceBookingDays: override(provider.maxAdvanceBookingDays, fromClinic(clinic.maxAdvanceBookingDays, system.maxAdvanceBookingDays)),
    // `both` is the provider column's default: it restricts nothing, so the clinic's mode stands
    visitMode: provider.visitMode && provider.visitMode !== 'both' ? { value: provider.visitMode, source: 'provider' } : clinicVisitMode,
    // a clinic that takes no new patients closes every provider; a provider can only narrow it
    acceptingNewPatients: !clinicAccepting.value ? clinicAccepting : { value: provider.acceptingNewPatients, source: provider.acceptingNewPatients ? clinicAccepting.source : 'provider' },
    voiceBookable: { value: provider.voiceBookable && provider.status === 'active', source: 'provider' },
    bookableScheduleCodes: override(providerCodes?.length ? providerCodes : null, fromClinic(clinic.bookableScheduleCodes, system.bookableScheduleCodes)),
    appointmentTypes: mergeAppointmentTypes(system.appointmentTypeMappings, clinic.appointmentTypeMappings, provider.appointmentTypeOverrides),
  };
}

/** Per visit reason: provider override → clinic mapping → system default. */
function mergeAppointmentTypes(
  system: Record<string, AppointmentTypeMapping>,
  clinic: Record<string, AppointmentTypeMapping> | null,
  provider: Record<string, AppointmentTypeMapping> | null,
): Record<string, AppointmentTypeMapping & { source: ConfigSource }> {
  const merged: Record<string, AppointmentTypeMapping & { source: ConfigSource }> = {};
  for (const [source, layer] of [['system', system], ['clinic', clinic], ['provider', provider]] as const) {
    for (const [reason, mapping] of Object.entries(layer ?? {})) merged[reason] = { ...mapping, source };
  }
  return merged;
}
