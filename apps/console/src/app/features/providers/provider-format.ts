import { codeWords, FALLBACK_LABELS, VISIT_MODE_LABELS } from '../../shared/format/words';
import type { ConfigSource, EffectiveSettingDto, ProviderDto, ProviderStatus, ProviderSyncDto } from '@voicedesk/api-client';

export const PROVIDER_STATUS_LABELS: Readonly<Record<ProviderStatus, string>> = { active: 'Active', inactive: 'Inactive', on_leave: 'On leave' };

export const SOURCE_LABELS: Readonly<Record<ConfigSource, string>> = { system: 'VoiceDesk default', clinic: 'Clinic setting', provider: 'This provider' };

/** How the settings of the effective configuration read, in the order a manager thinks of them. */
export const SETTING_LABELS: Readonly<Record<string, string>> = {
  voiceBookable: 'Bookable by voice',
  acceptingNewPatients: 'Accepts new patients',
  visitMode: 'Visit mode',
  bookableScheduleCodes: 'Bookable schedule codes',
  blockedScheduleCodes: 'Blocked schedule codes',
  maxAdvanceBookingDays: 'Book up to (days ahead)',
  minAdvanceBookingHours: 'Minimum notice to book (hours)',
  appointmentDuration: 'Appointment length (minutes)',
  bufferTime: 'Buffer between appointments (minutes)',
  defaultSlotDuration: 'Slot length without a code length (minutes)',
  defaultAppointmentTypeCode: 'Default appointment type',
  enabledVisitReasons: 'Visit reasons',
  providerFallbackBehavior: 'When this provider has no time',
  maxFallbackProviders: 'Other providers offered',
  fallbackSearchWindowDays: 'Days searched for other providers',
  allowSameDayBooking: 'Same-day booking',
  allowWeekendBooking: 'Weekend booking',
  requireDOBVerification: 'Date of birth checked',
  maxApptsPerPatientPerDay: 'Appointments per patient per day',
  cancellationMinNoticeHours: 'Notice to cancel or move (hours)',
  newPatientRequiresLongerSlot: 'New patients get a longer slot',
  newPatientMinDuration: 'New patient minimum (minutes)',
  askReasonBeforeSearch: 'Ask the reason before searching',
  waitlistEnabled: 'Waitlist',
  maxNewPatientsPerWeek: 'New patients per week',
};

export function providerName(provider: Pick<ProviderDto, 'displayName' | 'title' | 'firstName' | 'lastName'>): string {
  return provider.displayName ?? [provider.title, provider.firstName, provider.lastName].filter(Boolean).join(' ');
}

/** What an empty list means for the settings where empty is not "none". */
const EMPTY_MEANS: Readonly<Record<string, string>> = {
  // the receptionist books every schedule code with a booking limit above 0 that is not blocked
  bookableScheduleCodes: 'All codes with a booking limit',
};

/** The words of the codes a setting holds (`both` → "In person or virtual"); schedule codes stay codes. */
const CODE_WORDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  visitMode: VISIT_MODE_LABELS,
  defaultVisitMode: VISIT_MODE_LABELS,
  providerFallbackBehavior: FALLBACK_LABELS,
  enabledVisitReasons: {},
};

/** A setting's value in words: yes/no, lists joined, "not set" for null, codes as a clinic says them; `key` also says what an empty list means. */
export function settingValue(value: EffectiveSettingDto['value'], key = ''): string {
  if (value === null || value === undefined) return 'Not set';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  const words = (item: unknown) => (key in CODE_WORDS ? codeWords(String(item), CODE_WORDS[key]) : String(item));
  if (Array.isArray(value)) return value.length ? value.map(words).join(', ') : (EMPTY_MEANS[key] ?? 'None');
  return typeof value === 'string' ? words(value) : String(value);
}

/**
 * Whether the receptionist books this provider, as it really does: only an active provider with
 * voice booking on (the provider's own switch alone is not the answer), and why not.
 */
export function bookableByVoice(provider: Pick<ProviderDto, 'voiceBookable' | 'status'>): string {
  if (provider.status !== 'active') return `No: the provider is ${PROVIDER_STATUS_LABELS[provider.status].toLowerCase()}`;
  return provider.voiceBookable ? 'Yes' : 'No';
}

/** The settings in the order of SETTING_LABELS, then any the API adds later. */
export function orderedSettings(settings: Readonly<Record<string, EffectiveSettingDto>>): Array<{ key: string; label: string } & EffectiveSettingDto> {
  const known = Object.keys(SETTING_LABELS).filter((key) => key in settings);
  const others = Object.keys(settings).filter((key) => !(key in SETTING_LABELS)).sort();
  return [...known, ...others].map((key) => ({ key, label: SETTING_LABELS[key] ?? key, ...settings[key] }));
}

/** "Synced 4 providers from OSCAR: 1 new, 3 updated, 0 made inactive." */
export function syncSummary(sync: ProviderSyncDto): string {
  const providers = sync.total === 1 ? 'provider' : 'providers';
  return `Synced ${sync.total} ${providers} from OSCAR: ${sync.created} new, ${sync.updated} updated, ${sync.deactivated} made inactive.`;
}
