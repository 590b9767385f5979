import { ApiProperty, ApiPropertyOptional, OmitType, PartialType, getSchemaPath, ApiExtraModels } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Allow, IsIn, IsNumber, IsObject, IsOptional, Max, Min, ValidateIf, ValidateNested, registerDecorator } from 'class-validator';
import {
  APPOINTMENT_TYPE_MAP_SCHEMA,
  BoolField,
  DateTimeField,
  EmailField,
  EnumField,
  EnumListField,
  IntField,
  IsAppointmentTypeMap,
  PhoneField,
  ReadOnlyField,
  SmsTemplateField,
  TextField,
  TextListField,
} from './config-fields.decorators.js';

/**
 * The clinic configuration as the API shows it: seed 000's `ClinicConfig` in its sections, with
 * the seed's camelCase field names. Secrets (`*Enc` columns, the Vapi webhook secret) are never
 * shown: GET answers `{set: true, masked: "••••"}` (only that one is set) or null; PUT takes a
 * new plain secret, null to clear, or the mask back unchanged (kept as it is).
 */

export const EMR_TYPES = ['oscar-universal', 'oscar-pro', 'telus-health', 'juno'] as const;
export const LANGUAGES = ['en', 'zh'] as const;
export const VISIT_MODES = ['in_person', 'virtual', 'both'] as const;
export const FALLBACK_BEHAVIORS = ['best_available', 'same_specialty', 'ask_patient', 'waitlist_only'] as const;
const CODE = /^[A-Za-z0-9]{1,8}$/;
const REASON = /^[a-z0-9_]{1,40}$/;

export class SecretMaskDto {
  @ApiProperty({ type: Boolean, example: true, description: 'always true (an unset secret is null)' })
  set: boolean;
  @ApiProperty({ type: String, nullable: true, example: '••••', description: '`••••`: a secret is stored (no character of it is shown)' })
  masked: string | null;
}

/** A secret in a PUT: a new plain value, null (clear), or the mask as GET showed it (unchanged). */
export type SecretInput = string | null | SecretMaskDto;

export function isSecretInput(value: unknown): value is SecretInput {
  if (value === null) return true;
  if (typeof value === 'string') return value.length <= 500;
  if (typeof value !== 'object' || Array.isArray(value) || !('masked' in value)) return false;
  const masked = (value as { masked: unknown }).masked;
  return masked === null || typeof masked === 'string';
}

function IsSecretInput() {
  return (target: object, propertyName: string) => {
    IsOptional()(target, propertyName);
    registerDecorator({
      name: 'isSecretInput',
      target: target.constructor,
      propertyName,
      options: {},
      validator: { validate: (value: unknown) => isSecretInput(value) },
    });
  };
}

const secretDoc = (description: string) =>
  ApiPropertyOptional({
    description: `${description}. Write-only: send a new value, null to clear, or the mask back unchanged.`,
    oneOf: [{ type: 'string', maxLength: 500, example: 's3cret-value' }, { $ref: getSchemaPath(SecretMaskDto) }],
    nullable: true,
  });

const secretResponse = (description: string) =>
  ApiProperty({ type: () => SecretMaskDto, nullable: true, description: `${description} (masked; null when not set)` });

// ---------------------------------------------------------------- sections (GET shapes)

/** EMR connection (platform admin only). */
export class EmrSectionDto {
  @EnumField(EMR_TYPES, 'EmrType', 'oscar-universal')
  emrType: string;
  @TextField(500, 'https://oscar.example.ca/oscar', { pattern: /^https?:\/\/\S+$/, patternMessage: 'OSCAR address must start with https:// or http://, e.g. https://oscar.example.ca/oscar' })
  oscarUrl: string | null;
  @TextField(200, null, { description: 'OAuth 1.0a consumer key' })
  oscarConsumerKey: string | null;
  @secretResponse('OAuth 1.0a consumer secret')
  oscarConsumerSecret: SecretMaskDto | null;
  @TextField(200, null, { description: 'OAuth 1.0a token key' })
  oscarTokenKey: string | null;
  @secretResponse('OAuth 1.0a token secret')
  oscarTokenSecret: SecretMaskDto | null;
  @TextField(200, '128', { description: 'SOAP WS-Security username (OSCAR security number)' })
  oscarSoapUsername: string | null;
  @secretResponse('SOAP WS-Security password')
  oscarSoapPassword: SecretMaskDto | null;
  @BoolField(true, { description: 'verify the EMR\'s TLS certificate' })
  oscarTlsVerify: boolean;
  @IntField(0, 2_147_483_647, null, { nullable: true, description: 'OSCAR program id for patient registration' })
  oscarAdmissionProgramId: number | null;
  @BoolField(false, { description: 'use OAuth REST over SOAP' })
  oscarPreferRest: boolean;
  @ReadOnlyField({ type: Boolean, example: false, description: 'set by the connection test; reset when a connection field changes' })
  oscarConnectionVerified: boolean;
  @ReadOnlyField({ type: String, format: 'date-time', nullable: true, example: null })
  oscarLastVerifiedAt: string | null;
  @ReadOnlyField({ type: String, nullable: true, example: '19.0' })
  oscarVersion: string | null;
  @ReadOnlyField({ type: String, format: 'date-time', nullable: true, example: null, description: 'last provider/schedule sync' })
  oscarLastSync: string | null;
  @ReadOnlyField({ type: String, format: 'date-time', nullable: true, example: null })
  oscarOauthTokenExpiresAt: string | null;
}

export class RegistrationSectionDto {
  @BoolField(true)
  acceptingNewPatients: boolean;
  @BoolField(true)
  waitlistEnabled: boolean;
  @IntField(0, 10_000, null, { nullable: true, description: 'weekly cap on new-patient registrations; null = no cap' })
  maxNewPatientsPerWeek: number | null;
}

export class SchedulingSectionDto {
  @IntField(5, 240, 15, { description: 'default appointment length, minutes' })
  appointmentDuration: number;
  @IntField(0, 120, 5, { description: 'minutes between appointments' })
  bufferTime: number;
  @IntField(1, 365, 30, { description: 'how far ahead patients can book, days' })
  maxAdvanceBookingDays: number;
  @IntField(0, 720, 2, { description: 'minimum notice for a booking, hours' })
  minAdvanceBookingHours: number;
  @IntField(1, 15, 3, { description: 'how long the voice agent holds the slot it offered a caller (nobody else is offered it meanwhile), minutes' })
  offerHoldMinutes: number;
}

export class VoiceSectionDto {
  @EnumField(LANGUAGES, 'Language', 'en', { description: 'must be one of supportedLanguages' })
  defaultLanguage: string;
  @EnumListField(LANGUAGES, 'Language', ['en', 'zh'])
  supportedLanguages: string[];
  @BoolField(true, { description: 'master switch of the voice agent' })
  voiceAgentEnabled: boolean;
  @TextField(100, '3f9c1a52-8d2e-4b6f-a1c7-5e0d9b2f4a11', { description: 'platform admin only' })
  vapiAssistantId: string | null;
  @TextField(100, null, { description: 'platform admin only' })
  vapiSquadId: string | null;
  @TextField(100, null, { description: 'Vapi id of the clinic\'s phone number; platform admin only' })
  vapiPhoneNumberId: string | null;
  @secretResponse('per-clinic webhook secret; platform admin only')
  vapiWebhookSecret: SecretMaskDto | null;
  @ReadOnlyField({ type: Boolean, example: false })
  vapiConnectionVerified: boolean;
  @ReadOnlyField({ type: String, format: 'date-time', nullable: true, example: null })
  vapiLastVerifiedAt: string | null;
}

export class PrivacyOfficerSectionDto {
  @TextField(200, 'Dana Whitfield')
  privacyOfficerName: string | null;
  @EmailField('privacy@harbourview.example')
  privacyOfficerEmail: string | null;
  @PhoneField('+16045550199')
  privacyOfficerPhone: string | null;
}

export class RetentionSectionDto {
  @IntField(1, 3650, null, { nullable: true, description: 'days transcripts are kept; null = system default (90)' })
  transcriptRetentionDays: number | null;
  @IntField(1, 3650, null, { nullable: true, description: 'days call logs are kept; null = system default (365)' })
  callLogRetentionDays: number | null;
}

/** BAA / DPA status (platform admin only). Signing without a date records now. */
export class AgreementsSectionDto {
  @BoolField(false)
  baaVapiSigned: boolean;
  @DateTimeField(null)
  baaVapiSignedAt: string | null;
  @BoolField(false)
  baaHostingSigned: boolean;
  @DateTimeField(null)
  baaHostingSignedAt: string | null;
}

export class ClinicalControlSectionDto {
  @TextField(1000, 'Thank you for calling Harbourview Family Practice. How can I help you today?')
  customGreeting: string | null;
  @TextField(1000, '感谢您致电港景家庭诊所。请问有什么可以帮您？')
  customGreetingZh: string | null;
  @PhoneField('+16045550199', { description: 'where calls are handed to staff (E.164)' })
  transferPhoneNumber: string | null;
  @TextField(100, null, { description: 'provider used when the caller asks for "any doctor"' })
  defaultProviderId: string | null;
  @TextField(200, null)
  preferredPharmacy: string | null;
  @TextField(300, null)
  preferredPharmacyAddr: string | null;
  @PhoneField(null)
  preferredPharmacyFax: string | null;
  @ApiProperty({ ...APPOINTMENT_TYPE_MAP_SCHEMA, description: 'visit reason → OSCAR appointment type code and duration' })
  @ValidateIf((_o, v) => v !== null)
  @IsAppointmentTypeMap()
  appointmentTypeMappings: Record<string, { code: string; durationMin?: number }> | null;
}

export class ScheduleTemplateCodeDto {
  @ApiProperty({ type: String, example: 'B' }) code: string;
  @ApiProperty({ type: String, example: 'Booked 15' }) description: string;
  @ApiProperty({ type: Number, example: 15 }) duration: number;
  @ApiProperty({ type: Number, example: 1 }) bookinglimit: number;
  @ApiProperty({ type: String, example: 'No' }) confirm: string;
  @ApiProperty({ type: Boolean, example: true }) bookable: boolean;
}

/** OSCAR config pull (platform admin only). The pulled lists are written by the pull itself. */
export class OscarConfigSectionDto {
  @TextListField(50, CODE, ['B', '1'], { itemWords: 'a schedule code of 1–8 letters or digits', description: 'schedule codes that allow voice booking; empty = every code with a booking limit above 0' })
  bookableScheduleCodes: string[];
  @TextListField(50, CODE, ['L'], { itemWords: 'a schedule code of 1–8 letters or digits', description: 'schedule codes never booked by voice' })
  blockedScheduleCodes: string[];
  @ReadOnlyField({ type: [ScheduleTemplateCodeDto], nullable: true, description: 'schedule template codes pulled from OSCAR' })
  scheduleTemplateCodes: ScheduleTemplateCodeDto[] | null;
  @ReadOnlyField({ type: 'array', nullable: true, items: { type: 'object' }, example: [{ code: 't', description: 'To Do', active: true }] })
  appointmentStatuses: { code: string; description: string; active: boolean }[] | null;
  @ReadOnlyField({ type: 'array', nullable: true, items: { type: 'object' }, example: [] })
  clinicSites: { id: string; name: string; address: string; phone: string; active: boolean }[] | null;
  @ReadOnlyField({ type: String, format: 'date-time', nullable: true, example: null })
  oscarConfigPulledAt: string | null;
}

/** Clinic level of the booking rules inherited system defaults → clinic → provider (SPEC §5). */
export class VoiceBookingSectionDto {
  @BoolField(false)
  askReasonBeforeSearch: boolean;
  @TextField(8, 'B', { nullable: false, pattern: CODE, patternMessage: 'Default appointment type must be a code of 1–8 letters or digits, e.g. B' })
  defaultAppointmentTypeCode: string;
  @IntField(5, 240, 15, { description: 'slot length when a schedule code has none, minutes' })
  defaultSlotDuration: number;
  @EnumField(VISIT_MODES, 'VisitMode', 'both')
  defaultVisitMode: string;
  @TextListField(30, REASON, ['checkup', 'follow_up', 'sick_visit', 'consultation'], { itemWords: 'a reason of lower-case letters, digits and _, e.g. follow_up' })
  enabledVisitReasons: string[];
  @EnumField(FALLBACK_BEHAVIORS, 'ProviderFallbackBehavior', 'best_available')
  providerFallbackBehavior: string;
  @IntField(0, 20, 3)
  maxFallbackProviders: number;
  @IntField(1, 90, 14, { description: 'days searched for fallback slots' })
  fallbackSearchWindowDays: number;
  @BoolField(true)
  allowSameDayBooking: boolean;
  @BoolField(false)
  allowWeekendBooking: boolean;
  @BoolField(true)
  requireDOBVerification: boolean;
  @IntField(1, 10, 1)
  maxApptsPerPatientPerDay: number;
  @IntField(0, 168, 24, { description: 'minimum notice to cancel or move, hours' })
  cancellationMinNoticeHours: number;
  @BoolField(true)
  newPatientRequiresLongerSlot: boolean;
  @IntField(5, 240, 30, { description: 'minimum length of a new patient\'s first appointment, minutes' })
  newPatientMinDuration: number;
}

export class SmsSectionDto {
  @BoolField(false)
  smsEnabled: boolean;
  @PhoneField('+16045550101', { description: 'sender number (E.164); platform admin only' })
  smsSenderNumber: string | null;
  @SmsTemplateField(640, null)
  smsTemplateBookEn: string | null;
  @SmsTemplateField(640, null)
  smsTemplateBookZh: string | null;
  @SmsTemplateField(640, null)
  smsTemplateCancelEn: string | null;
  @SmsTemplateField(640, null)
  smsTemplateCancelZh: string | null;
  @SmsTemplateField(640, null)
  smsTemplateRescheduleEn: string | null;
  @SmsTemplateField(640, null)
  smsTemplateRescheduleZh: string | null;
  @BoolField(false)
  smsInboundWebhookEnabled: boolean;
}

export const FAX_EXTRACTION_VENDORS = ['anthropic', 'openai', 'google'] as const;

/** The fax inbox: the clinic's fax number, how long documents stay, when a match needs no review, and the outside AI vendor the clinic allows. */
export class FaxSectionDto {
  @PhoneField('+16045550188', { description: 'inbound fax number (E.164): Telnyx faxes to it land in this clinic; platform admin only' })
  faxNumber: string | null;
  @IntField(1, 3650, null, { nullable: true, description: 'days a verified document stays in the inbox before it is archived; null = 30' })
  faxArchiveDays: number | null;
  @IntField(1, 3650, null, { nullable: true, description: 'days a document is kept at all; null = 365' })
  faxRetentionDays: number | null;
  @ApiProperty({ type: Number, minimum: 0.6, maximum: 1, example: 0.9, nullable: true, description: 'a patient match at or above this confidence needs no review; null = 0.9 (a match on the name alone never reaches 0.6)' })
  @ValidateIf((_o, v) => v !== null)
  @IsNumber()
  @Min(0.6)
  @Max(1)
  faxAutoMatchThreshold: number | null;
  @ApiProperty({
    enum: FAX_EXTRACTION_VENDORS as unknown as string[],
    enumName: 'FaxExtractionVendor',
    nullable: true,
    example: null,
    description: 'outside AI vendor fax documents may be sent to for extraction (also needs the vendor key on the server); null = offline reading only. Platform admin only',
  })
  @ValidateIf((_o, v) => v !== null)
  @IsIn(FAX_EXTRACTION_VENDORS as unknown as string[], { message: `Outside reader must be one of: ${FAX_EXTRACTION_VENDORS.join(', ')}, or none` })
  faxExtractionVendor: string | null;
}

@ApiExtraModels(SecretMaskDto)
export class ClinicConfigDto {
  @ApiProperty({ type: String, format: 'uuid', readOnly: true, example: '6f1c2a8e-3b7d-4c55-9f0e-2d7a1b9c4e10' })
  clinicId: string;
  @ApiProperty({ type: String, format: 'date-time', readOnly: true, example: '2026-01-28T21:28:04.000Z' })
  updatedAt: string;
  @ApiProperty({ type: EmrSectionDto }) emr: EmrSectionDto;
  @ApiProperty({ type: RegistrationSectionDto }) registration: RegistrationSectionDto;
  @ApiProperty({ type: SchedulingSectionDto }) scheduling: SchedulingSectionDto;
  @ApiProperty({ type: VoiceSectionDto }) voice: VoiceSectionDto;
  @ApiProperty({ type: PrivacyOfficerSectionDto }) privacyOfficer: PrivacyOfficerSectionDto;
  @ApiProperty({ type: RetentionSectionDto }) retention: RetentionSectionDto;
  @ApiProperty({ type: AgreementsSectionDto }) agreements: AgreementsSectionDto;
  @ApiProperty({ type: ClinicalControlSectionDto }) clinicalControl: ClinicalControlSectionDto;
  @ApiProperty({ type: OscarConfigSectionDto }) oscarConfig: OscarConfigSectionDto;
  @ApiProperty({ type: VoiceBookingSectionDto }) voiceBooking: VoiceBookingSectionDto;
  @ApiProperty({ type: SmsSectionDto }) sms: SmsSectionDto;
  @ApiProperty({ type: FaxSectionDto }) fax: FaxSectionDto;
}

// ---------------------------------------------------------------- PUT shapes (every field optional)

const partial = { skipNullProperties: false } as const;

export class UpdateEmrSectionDto extends PartialType(
  OmitType(EmrSectionDto, ['oscarConsumerSecret', 'oscarTokenSecret', 'oscarSoapPassword'] as const),
  partial,
) {
  @secretDoc('OAuth 1.0a consumer secret')
  @IsSecretInput()
  oscarConsumerSecret?: SecretInput;
  @secretDoc('OAuth 1.0a token secret')
  @IsSecretInput()
  oscarTokenSecret?: SecretInput;
  @secretDoc('SOAP WS-Security password')
  @IsSecretInput()
  oscarSoapPassword?: SecretInput;
}
export class UpdateRegistrationSectionDto extends PartialType(RegistrationSectionDto, partial) {}
export class UpdateSchedulingSectionDto extends PartialType(SchedulingSectionDto, partial) {}
export class UpdateVoiceSectionDto extends PartialType(OmitType(VoiceSectionDto, ['vapiWebhookSecret'] as const), partial) {
  @secretDoc('per-clinic Vapi webhook secret; platform admin only')
  @IsSecretInput()
  vapiWebhookSecret?: SecretInput;
}
export class UpdatePrivacyOfficerSectionDto extends PartialType(PrivacyOfficerSectionDto, partial) {}
export class UpdateRetentionSectionDto extends PartialType(RetentionSectionDto, partial) {}
export class UpdateAgreementsSectionDto extends PartialType(AgreementsSectionDto, partial) {}
export class UpdateClinicalControlSectionDto extends PartialType(ClinicalControlSectionDto, partial) {}
export class UpdateOscarConfigSectionDto extends PartialType(OscarConfigSectionDto, partial) {}
export class UpdateVoiceBookingSectionDto extends PartialType(VoiceBookingSectionDto, partial) {}
export class UpdateSmsSectionDto extends PartialType(SmsSectionDto, partial) {}
export class UpdateFaxSectionDto extends PartialType(FaxSectionDto, partial) {}

function Section(type: Function) {
  return (target: object, propertyName: string) => {
    ApiPropertyOptional({ type })(target, propertyName);
    ValidateIf((_o, v) => v !== undefined)(target, propertyName);
    IsObject()(target, propertyName);
    ValidateNested()(target, propertyName);
    Type(() => type)(target, propertyName);
  };
}

/** PUT body: the sectioned object GET answers, whole or in part; only what is sent changes. */
@ApiExtraModels(SecretMaskDto)
export class UpdateClinicConfigDto {
  @ApiPropertyOptional({ type: String, format: 'uuid', readOnly: true, description: 'ignored (the route names the clinic)', example: '5d1e8a3b-2f4c-4b6d-9e7f-1a2b3c4d5e6f' })
  @Allow()
  clinicId?: unknown;
  @ApiPropertyOptional({ type: String, format: 'date-time', readOnly: true, description: 'ignored', example: '2026-11-23T17:45:00.000Z' })
  @Allow()
  updatedAt?: unknown;
  @Section(UpdateEmrSectionDto) emr?: UpdateEmrSectionDto;
  @Section(UpdateRegistrationSectionDto) registration?: UpdateRegistrationSectionDto;
  @Section(UpdateSchedulingSectionDto) scheduling?: UpdateSchedulingSectionDto;
  @Section(UpdateVoiceSectionDto) voice?: UpdateVoiceSectionDto;
  @Section(UpdatePrivacyOfficerSectionDto) privacyOfficer?: UpdatePrivacyOfficerSectionDto;
  @Section(UpdateRetentionSectionDto) retention?: UpdateRetentionSectionDto;
  @Section(UpdateAgreementsSectionDto) agreements?: UpdateAgreementsSectionDto;
  @Section(UpdateClinicalControlSectionDto) clinicalControl?: UpdateClinicalControlSectionDto;
  @Section(UpdateOscarConfigSectionDto) oscarConfig?: UpdateOscarConfigSectionDto;
  @Section(UpdateVoiceBookingSectionDto) voiceBooking?: UpdateVoiceBookingSectionDto;
  @Section(UpdateSmsSectionDto) sms?: UpdateSmsSectionDto;
  @Section(UpdateFaxSectionDto) fax?: UpdateFaxSectionDto;
}

