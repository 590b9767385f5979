import type { ClinicConfig } from '../clinics/clinic-config.entity.js';
import type { ClinicProvider } from '../providers/clinic-provider.entity.js';
import { effectiveBookingConfig } from '../providers/effective-config.js';
import type { AppointmentTypeRules } from './appointment-type.js';
import type { BookingLengthRules } from './booking-length.js';
import type { ScheduleCodeRules } from './day-slots.js';
import { voiceName } from './provider-names.js';

/**
 * One provider's booking rules as plain values: the effective config (system → clinic → provider,
 * through `effectiveBookingConfig`, the same function as the effective-config route) cut into the
 * pieces the slot maths take.
 */
export interface ProviderRules {
  provider: ClinicProvider;
  providerNo: string;
  name: string;
  voiceBookable: boolean;
  acceptingNewPatients: boolean;
  visitMode: string;
  maxAdvanceBookingDays: number;
  minAdvanceBookingHours: number;
  maxApptsPerPatientPerDay: number;
  cancellationMinNoticeHours: number;
  allowSameDayBooking: boolean;
  allowWeekendBooking: boolean;
  defaultSlotDuration: number;
  codes: ScheduleCodeRules;
  types: AppointmentTypeRules;
  length: BookingLengthRules;
}

export function providerRules(config: ClinicConfig, provider: ClinicProvider): ProviderRules {
  const e = effectiveBookingConfig(config, provider);
  return {
    provider,
    providerNo: provider.oscarProviderId ?? '',
    name: voiceName(provider),
    voiceBookable: e.voiceBookable.value && !!provider.oscarProviderId,
    acceptingNewPatients: e.acceptingNewPatients.value,
    visitMode: e.visitMode.value,
    maxAdvanceBookingDays: e.maxAdvanceBookingDays.value,
    minAdvanceBookingHours: e.minAdvanceBookingHours.value,
    maxApptsPerPatientPerDay: e.maxApptsPerPatientPerDay.value,
    cancellationMinNoticeHours: e.cancellationMinNoticeHours.value,
    allowSameDayBooking: e.allowSameDayBooking.value,
    allowWeekendBooking: e.allowWeekendBooking.value,
    defaultSlotDuration: e.defaultSlotDuration.value,
    codes: { bookable: e.bookableScheduleCodes.value, blocked: e.blockedScheduleCodes.value },
    types: {
      mappings: Object.fromEntries(Object.entries(e.appointmentTypes).map(([k, { code, durationMin }]) => [k, { code, durationMin }])),
      providerOverrides: provider.appointmentTypeOverrides,
      clinicMappings: config.appointmentTypeMappings,
      enabledVisitReasons: e.enabledVisitReasons.value,
      defaultAppointmentTypeCode: e.defaultAppointmentTypeCode.value,
      defaultDurationMinutes: e.appointmentDuration.value,
    },
    length: {
      newPatientRequiresLongerSlot: e.newPatientRequiresLongerSlot.value,
      newPatientMinDuration: e.newPatientMinDuration.value,
      bufferTime: e.bufferTime.value,
    },
  };
}

export type VisitMode = 'in_person' | 'virtual';

/** Why the voice agent may not search this provider for this caller, or null when it may. */
export function ineligibility(rules: ProviderRules, newPatient: boolean, visitMode?: VisitMode | null): 'not_voice_bookable' | 'visit_mode' | 'not_accepting' | null {
  if (!rules.voiceBookable) return 'not_voice_bookable';
  if (visitMode && rules.visitMode !== 'both' && rules.visitMode !== visitMode) return 'visit_mode';
  if (newPatient && !rules.acceptingNewPatients) return 'not_accepting';
  return null;
}
