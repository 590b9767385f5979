import type {
  AgreementsSectionDto, ClinicalControlSectionDto, EmrSectionDto, FaxExtractionVendor, FaxSectionDto, UpdateFaxSectionDto, RegistrationSectionDto, EmrType, Language, PrivacyOfficerSectionDto, ProviderFallbackBehavior, RetentionSectionDto,
  SchedulingSectionDto, SmsSectionDto, UpdateAgreementsSectionDto, UpdateClinicConfigDto, UpdateEmrSectionDto, UpdateSmsSectionDto,
  UpdateVoiceSectionDto, VoiceBookingSectionDto, VoiceSectionDto,
} from '@voicedesk/api-client';
import { numberOrNull, textOrNull } from '../../shared/forms/field-errors';
import { SMS_KINDS, SMS_LANGUAGES, type SmsTemplateKey, templateKey } from './sms-preview';
import { phoneOrNull, showPhone } from '../../shared/phone';

/*
 * Each settings section: the form's value from the config GET answers, and the body of the PUT
 * that saves only that section (SPEC §12: only what is sent changes). Secrets are write-only:
 * their field starts empty and is sent only when something new was typed.
 */

// ---- EMR connection ----
export interface EmrForm {
  emrType: EmrType;
  oscarUrl: string;
  oscarSoapUsername: string;
  oscarSoapPassword: string;
  oscarTlsVerify: boolean;
  oscarAdmissionProgramId: string;
}

export function emrForm(emr: EmrSectionDto): EmrForm {
  return {
    emrType: emr.emrType,
    oscarUrl: emr.oscarUrl ?? '',
    oscarSoapUsername: emr.oscarSoapUsername ?? '',
    oscarSoapPassword: '',
    oscarTlsVerify: emr.oscarTlsVerify,
    oscarAdmissionProgramId: emr.oscarAdmissionProgramId === null ? '' : String(emr.oscarAdmissionProgramId),
  };
}

export function toEmrUpdate(value: EmrForm): UpdateClinicConfigDto {
  const emr: UpdateEmrSectionDto = {
    emrType: value.emrType,
    oscarUrl: textOrNull(value.oscarUrl),
    oscarSoapUsername: textOrNull(value.oscarSoapUsername),
    oscarTlsVerify: value.oscarTlsVerify,
    oscarAdmissionProgramId: numberOrNull(value.oscarAdmissionProgramId),
  };
  // empty: keep the stored password (it is never shown, only its mask)
  if (value.oscarSoapPassword !== '') emr.oscarSoapPassword = value.oscarSoapPassword;
  return { emr };
}

// ---- Voice ----
export interface VoiceForm {
  voiceAgentEnabled: boolean;
  supportsEnglish: boolean;
  supportsChinese: boolean;
  defaultLanguage: Language;
  vapiAssistantId: string;
  vapiPhoneNumberId: string;
  vapiSquadId: string;
  customGreeting: string;
  customGreetingZh: string;
  transferPhoneNumber: string;
}

export function voiceForm(voice: VoiceSectionDto, control: ClinicalControlSectionDto): VoiceForm {
  return {
    customGreeting: control.customGreeting ?? '',
    customGreetingZh: control.customGreetingZh ?? '',
    transferPhoneNumber: showPhone(control.transferPhoneNumber),
    voiceAgentEnabled: voice.voiceAgentEnabled,
    supportsEnglish: voice.supportedLanguages.includes('en'),
    supportsChinese: voice.supportedLanguages.includes('zh'),
    defaultLanguage: voice.defaultLanguage,
    vapiAssistantId: voice.vapiAssistantId ?? '',
    vapiPhoneNumberId: voice.vapiPhoneNumberId ?? '',
    vapiSquadId: voice.vapiSquadId ?? '',
  };
}

/**
 * The voice tab saves the voice section and the greeting / transfer number of the clinical
 * control section. A clinic manager's save leaves the Vapi ids out: they are the platform
 * admin's (403 otherwise).
 */
export function toVoiceUpdate(value: VoiceForm, isAdmin: boolean): UpdateClinicConfigDto {
  const supportedLanguages: Language[] = [...(value.supportsEnglish ? (['en'] as const) : []), ...(value.supportsChinese ? (['zh'] as const) : [])];
  const voice: UpdateVoiceSectionDto = { voiceAgentEnabled: value.voiceAgentEnabled, supportedLanguages, defaultLanguage: value.defaultLanguage };
  if (isAdmin) {
    voice.vapiAssistantId = textOrNull(value.vapiAssistantId);
    voice.vapiPhoneNumberId = textOrNull(value.vapiPhoneNumberId);
    voice.vapiSquadId = textOrNull(value.vapiSquadId);
  }
  const clinicalControl = {
    customGreeting: textOrNull(value.customGreeting),
    customGreetingZh: textOrNull(value.customGreetingZh),
    transferPhoneNumber: phoneOrNull(value.transferPhoneNumber),
  };
  return { voice, clinicalControl };
}

// ---- Scheduling rules ----
export interface SchedulingForm {
  appointmentDuration: number | null;
  bufferTime: number | null;
  maxAdvanceBookingDays: number | null;
  minAdvanceBookingHours: number | null;
  offerHoldMinutes: number | null;
  allowSameDayBooking: boolean;
  allowWeekendBooking: boolean;
  cancellationMinNoticeHours: number | null;
  maxApptsPerPatientPerDay: number | null;
  providerFallbackBehavior: ProviderFallbackBehavior;
  maxFallbackProviders: number | null;
  fallbackSearchWindowDays: number | null;
  requireDOBVerification: boolean;
  askReasonBeforeSearch: boolean;
  newPatientRequiresLongerSlot: boolean;
  newPatientMinDuration: number | null;
  acceptingNewPatients: boolean;
  waitlistEnabled: boolean;
  /** empty: no weekly cap */
  maxNewPatientsPerWeek: number | null;
}

export const SCHEDULING_FIELDS = ['appointmentDuration', 'bufferTime', 'maxAdvanceBookingDays', 'minAdvanceBookingHours', 'offerHoldMinutes'] as const;
export const VOICE_BOOKING_FIELDS = [
  'allowSameDayBooking', 'allowWeekendBooking', 'cancellationMinNoticeHours', 'maxApptsPerPatientPerDay', 'providerFallbackBehavior',
  'maxFallbackProviders', 'fallbackSearchWindowDays', 'requireDOBVerification', 'askReasonBeforeSearch', 'newPatientRequiresLongerSlot',
  'newPatientMinDuration',
] as const;

export function schedulingForm(scheduling: SchedulingSectionDto, booking: VoiceBookingSectionDto, registration: RegistrationSectionDto): SchedulingForm {
  const picked = Object.fromEntries(VOICE_BOOKING_FIELDS.map((key) => [key, booking[key]])) as Pick<SchedulingForm, (typeof VOICE_BOOKING_FIELDS)[number]>;
  return { ...scheduling, ...picked, ...registration };
}

/**
 * The scheduling tab saves the scheduling, voice booking and registration sections. Numbers left
 * blank are not sent (the API keeps the stored value; the form marks them required first), except
 * the weekly new-patient cap, where blank means "no cap" (null).
 */
export function toSchedulingUpdate(value: SchedulingForm): UpdateClinicConfigDto {
  const pick = <K extends keyof SchedulingForm>(keys: readonly K[]) =>
    Object.fromEntries(keys.filter((key) => value[key] !== null && value[key] !== undefined).map((key) => [key, value[key]]));
  return {
    scheduling: pick(SCHEDULING_FIELDS),
    voiceBooking: pick(VOICE_BOOKING_FIELDS),
    registration: {
      acceptingNewPatients: value.acceptingNewPatients,
      waitlistEnabled: value.waitlistEnabled,
      maxNewPatientsPerWeek: value.maxNewPatientsPerWeek ?? null,
    },
  };
}

// ---- SMS ----
export type SmsForm = { smsEnabled: boolean; smsSenderNumber: string } & Record<SmsTemplateKey, string>;

export const SMS_TEMPLATE_KEYS: readonly SmsTemplateKey[] = SMS_KINDS.flatMap(({ kind }) => SMS_LANGUAGES.map(({ language }) => templateKey(kind, language)));

export function smsForm(sms: SmsSectionDto): SmsForm {
  const form = { smsEnabled: sms.smsEnabled, smsSenderNumber: showPhone(sms.smsSenderNumber) } as SmsForm;
  for (const key of SMS_TEMPLATE_KEYS) form[key] = sms[key] ?? '';
  return form;
}

/** An empty template is null: the built-in message is sent. The sender number is the admin's. */
export function toSmsUpdate(value: SmsForm, isAdmin: boolean): UpdateClinicConfigDto {
  const sms: UpdateSmsSectionDto = { smsEnabled: value.smsEnabled };
  for (const key of SMS_TEMPLATE_KEYS) sms[key] = textOrNull(value[key]);
  if (isAdmin) sms.smsSenderNumber = phoneOrNull(value.smsSenderNumber);
  return { sms };
}

// ---- Privacy officer and retention ----
export interface PrivacyForm {
  privacyOfficerName: string;
  privacyOfficerEmail: string;
  privacyOfficerPhone: string;
  transcriptRetentionDays: string;
  callLogRetentionDays: string;
}

export function privacyForm(officer: PrivacyOfficerSectionDto, retention: RetentionSectionDto): PrivacyForm {
  return {
    privacyOfficerName: officer.privacyOfficerName ?? '',
    privacyOfficerEmail: officer.privacyOfficerEmail ?? '',
    privacyOfficerPhone: officer.privacyOfficerPhone ?? '',
    transcriptRetentionDays: retention.transcriptRetentionDays === null ? '' : String(retention.transcriptRetentionDays),
    callLogRetentionDays: retention.callLogRetentionDays === null ? '' : String(retention.callLogRetentionDays),
  };
}

/** Blank retention means the system default (null). */
export function toPrivacyUpdate(value: PrivacyForm): UpdateClinicConfigDto {
  return {
    privacyOfficer: {
      privacyOfficerName: textOrNull(value.privacyOfficerName),
      privacyOfficerEmail: textOrNull(value.privacyOfficerEmail),
      privacyOfficerPhone: textOrNull(value.privacyOfficerPhone),
    },
    retention: {
      transcriptRetentionDays: numberOrNull(value.transcriptRetentionDays),
      callLogRetentionDays: numberOrNull(value.callLogRetentionDays),
    },
  };
}

// ---- Fax inbox ----
export interface FaxForm {
  faxNumber: string;
  faxArchiveDays: string;
  faxRetentionDays: string;
  faxAutoMatchThreshold: string;
  /** '' = offline only */
  faxExtractionVendor: FaxExtractionVendor | '';
}

export function faxForm(fax: FaxSectionDto): FaxForm {
  const text = (n: number | null) => (n === null ? '' : String(n));
  return {
    faxNumber: showPhone(fax.faxNumber),
    faxArchiveDays: text(fax.faxArchiveDays),
    faxRetentionDays: text(fax.faxRetentionDays),
    faxAutoMatchThreshold: text(fax.faxAutoMatchThreshold),
    faxExtractionVendor: fax.faxExtractionVendor ?? '',
  };
}

/** Blank numbers mean the defaults (null); the fax number and the vendor are sent by a platform admin only. */
export function toFaxUpdate(value: FaxForm, isAdmin: boolean): UpdateClinicConfigDto {
  const fax: UpdateFaxSectionDto = {
    faxArchiveDays: numberOrNull(value.faxArchiveDays),
    faxRetentionDays: numberOrNull(value.faxRetentionDays),
    faxAutoMatchThreshold: numberOrNull(value.faxAutoMatchThreshold),
  };
  if (isAdmin) {
    fax.faxNumber = phoneOrNull(value.faxNumber);
    fax.faxExtractionVendor = value.faxExtractionVendor || null;
  }
  return { fax };
}

// ---- Agreements ----
export interface AgreementsForm {
  baaHostingSigned: boolean;
  baaVapiSigned: boolean;
}

/** A newly signed agreement is dated now; an unsigned one loses its date; an unchanged one keeps it. */
export function toAgreementsUpdate(value: AgreementsForm, current: AgreementsSectionDto, now = new Date()): UpdateClinicConfigDto {
  const agreements: UpdateAgreementsSectionDto = {};
  for (const name of ['baaHosting', 'baaVapi'] as const) {
    const signed = value[`${name}Signed`];
    if (signed === current[`${name}Signed`]) continue;
    agreements[`${name}Signed`] = signed;
    agreements[`${name}SignedAt`] = signed ? now.toISOString() : null;
  }
  return { agreements };
}
