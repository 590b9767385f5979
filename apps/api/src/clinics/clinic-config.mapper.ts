import type { ClinicSecretField } from '../common/crypto/clinic-secret-context.js';
import { SECRET_MASK, isMasked } from '../common/crypto/secret-box.js';
import { invalidFields, type FieldError } from '../common/errors/domain-error.js';
import type { ClinicConfig } from './clinic-config.entity.js';
import type { ClinicConfigDto, SecretMaskDto, UpdateClinicConfigDto } from './dto/clinic-config.dto.js';

/**
 * The one table between `clinic_config` columns and the sectioned API object: which section a
 * column is shown in, under which name, whether it is a secret, read-only, or the platform
 * admin's alone. `toClinicConfigDto` (GET) and `planConfigUpdate` (PUT) both read it, so a column
 * that is not listed here is never shown and never written.
 */

export type ConfigSection = Exclude<keyof ClinicConfigDto, 'clinicId' | 'updatedAt'>;

type Kind =
  | 'value' // shown and written as is
  | 'date' // timestamptz shown as ISO 8601
  | 'secret' // ciphertext column, shown masked, written encrypted
  | 'readonly' // shown, never written through the API (connection tests, syncs, pulls)
  | 'readonlyDate';

export interface ConfigField {
  section: ConfigSection;
  /** name in the API object */
  key: string;
  column: keyof ClinicConfig & string;
  kind: Kind;
  /** only a platform admin may change it (SPEC §12) */
  adminOnly: boolean;
  /** part of the EMR connection: a change resets `oscarConnectionVerified` and drops cached adapters */
  emr?: boolean;
  /** part of the Vapi connection: a change resets `vapiConnectionVerified` */
  vapi?: boolean;
}

type Entry = [key: string, kind?: Kind, column?: keyof ClinicConfig & string];

function section(name: ConfigSection, options: { adminOnly?: boolean | string[]; emr?: boolean; vapi?: string[] }, entries: Entry[]): ConfigField[] {
  return entries.map(([key, kind = 'value', column]) => ({
    section: name,
    key,
    column: column ?? (key as keyof ClinicConfig & string),
    kind,
    adminOnly:
      kind.startsWith('readonly') ? false : Array.isArray(options.adminOnly) ? options.adminOnly.includes(key) : Boolean(options.adminOnly),
    ...(options.emr && !kind.startsWith('readonly') ? { emr: true } : {}),
    ...(options.vapi?.includes(key) ? { vapi: true } : {}),
  }));
}

const VAPI_IDS = ['vapiAssistantId', 'vapiSquadId', 'vapiPhoneNumberId', 'vapiWebhookSecret'];

export const CONFIG_FIELDS: readonly ConfigField[] = [
  ...section('emr', { adminOnly: true, emr: true }, [
    ['emrType'],
    ['oscarUrl'],
    ['oscarConsumerKey'],
    ['oscarConsumerSecret', 'secret', 'oscarConsumerSecretEnc'],
    ['oscarTokenKey'],
    ['oscarTokenSecret', 'secret', 'oscarTokenSecretEnc'],
    ['oscarSoapUsername'],
    ['oscarSoapPassword', 'secret', 'oscarSoapPasswordEnc'],
    ['oscarTlsVerify'],
    ['oscarAdmissionProgramId'],
    ['oscarPreferRest'],
    ['oscarConnectionVerified', 'readonly'],
    ['oscarLastVerifiedAt', 'readonlyDate'],
    ['oscarVersion', 'readonly'],
    ['oscarLastSync', 'readonlyDate'],
    ['oscarOauthTokenExpiresAt', 'readonlyDate'],
  ]),
  ...section('registration', {}, [['acceptingNewPatients'], ['waitlistEnabled'], ['maxNewPatientsPerWeek']]),
  ...section('scheduling', {}, [['appointmentDuration'], ['bufferTime'], ['maxAdvanceBookingDays'], ['minAdvanceBookingHours'], ['offerHoldMinutes']]),
  ...section('voice', { adminOnly: VAPI_IDS, vapi: VAPI_IDS }, [
    ['defaultLanguage'],
    ['supportedLanguages'],
    ['voiceAgentEnabled'],
    ['vapiAssistantId'],
    ['vapiSquadId'],
    ['vapiPhoneNumberId'],
    ['vapiWebhookSecret', 'secret'],
    ['vapiConnectionVerified', 'readonly'],
    ['vapiLastVerifiedAt', 'readonlyDate'],
  ]),
  ...section('privacyOfficer', {}, [['privacyOfficerName'], ['privacyOfficerEmail'], ['privacyOfficerPhone']]),
  ...section('retention', {}, [['transcriptRetentionDays'], ['callLogRetentionDays']]),
  ...section('agreements', { adminOnly: true }, [
    ['baaVapiSigned'],
    ['baaVapiSignedAt', 'date'],
    ['baaHostingSigned'],
    ['baaHostingSignedAt', 'date'],
  ]),
  ...section('clinicalControl', {}, [
    ['customGreeting'],
    ['customGreetingZh'],
    ['transferPhoneNumber'],
    ['defaultProviderId'],
    ['preferredPharmacy'],
    ['preferredPharmacyAddr'],
    ['preferredPharmacyFax'],
    ['appointmentTypeMappings'],
  ]),
  ...section('oscarConfig', { adminOnly: true }, [
    ['bookableScheduleCodes'],
    ['blockedScheduleCodes'],
    ['scheduleTemplateCodes', 'readonly'],
    ['appointmentStatuses', 'readonly'],
    ['clinicSites', 'readonly'],
    ['oscarConfigPulledAt', 'readonlyDate'],
  ]),
  ...section('voiceBooking', {}, [
    ['askReasonBeforeSearch'],
    ['defaultAppointmentTypeCode'],
    ['defaultSlotDuration'],
    ['defaultVisitMode'],
    ['enabledVisitReasons'],
    ['providerFallbackBehavior'],
    ['maxFallbackProviders'],
    ['fallbackSearchWindowDays'],
    ['allowSameDayBooking'],
    ['allowWeekendBooking'],
    ['requireDOBVerification'],
    ['maxApptsPerPatientPerDay'],
    ['cancellationMinNoticeHours'],
    ['newPatientRequiresLongerSlot'],
    ['newPatientMinDuration'],
  ]),
  ...section('sms', { adminOnly: ['smsSenderNumber'] }, [
    ['smsEnabled'],
    ['smsSenderNumber'],
    ['smsTemplateBookEn'],
    ['smsTemplateBookZh'],
    ['smsTemplateCancelEn'],
    ['smsTemplateCancelZh'],
    ['smsTemplateRescheduleEn'],
    ['smsTemplateRescheduleZh'],
    ['smsInboundWebhookEnabled'],
  ]),
  ...section('fax', { adminOnly: ['faxNumber', 'faxExtractionVendor'] }, [
    ['faxNumber'],
    ['faxArchiveDays'],
    ['faxRetentionDays'],
    ['faxAutoMatchThreshold'],
    ['faxExtractionVendor'],
  ]),
];

export const CONFIG_SECTIONS: readonly ConfigSection[] = [...new Set(CONFIG_FIELDS.map((f) => f.section))];

/** `section.key` of every field a clinic manager may not change. */
export const MANAGER_FORBIDDEN_CONFIG_FIELDS: readonly string[] = CONFIG_FIELDS.filter((f) => f.adminOnly).map((f) => `${f.section}.${f.key}`);

/** Opens a stored secret (in memory only) — `null` when it cannot be opened. */
export type RevealSecret = (field: ClinicSecretField, ciphertext: string) => string | null;
/** Encrypts a new secret for its column. */
export type SealSecret = (field: ClinicSecretField, plaintext: string) => string;

/** A stored secret shows only that it is set: no character of it leaves the API (nor is it decrypted to say so). */
function maskOf(ciphertext: string | null): SecretMaskDto | null {
  return ciphertext ? { set: true, masked: SECRET_MASK } : null;
}

function clone<T>(value: T): T {
  return value === null || typeof value !== 'object' ? value : structuredClone(value);
}

/** The sectioned API object of a config row. Secrets only ever leave as masks. */
export function toClinicConfigDto(config: ClinicConfig): ClinicConfigDto {
  const dto = { clinicId: config.clinicId, updatedAt: config.updatedAt.toISOString() } as Record<string, unknown>;
  for (const name of CONFIG_SECTIONS) dto[name] = {};
  for (const field of CONFIG_FIELDS) {
    const raw = config[field.column] as unknown;
    let value: unknown;
    if (field.kind === 'secret') value = maskOf(raw as string | null);
    else if (field.kind === 'date' || field.kind === 'readonlyDate') value = raw instanceof Date ? raw.toISOString() : (raw ?? null);
    else if (field.column === 'scheduleTemplateCodes') value = (raw as ClinicConfig['scheduleTemplateCodes'])?.codes ?? null;
    else if (field.column === 'appointmentStatuses') value = (raw as ClinicConfig['appointmentStatuses'])?.statuses ?? null;
    else if (field.column === 'clinicSites') value = (raw as ClinicConfig['clinicSites'])?.sites ?? null;
    else value = clone(raw ?? null);
    (dto[field.section] as Record<string, unknown>)[field.key] = value;
  }
  return dto as unknown as ClinicConfigDto;
}

/** JSON with sorted keys: jsonb hands objects back in its own key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as object).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

export interface ConfigUpdatePlan {
  /** columns to write (empty when nothing changes) */
  patch: Partial<ClinicConfig>;
  /** fields whose value changes, e.g. `scheduling.maxAdvanceBookingDays` */
  changed: ConfigField[];
  /** changed fields only a platform admin may change (`section.key`) */
  adminOnlyChanges: string[];
  /** an EMR connection field changed */
  emrChanged: boolean;
}

/**
 * What a PUT changes. Only fields that are sent and differ from the stored value count as changes,
 * so the whole GET answer can be sent back (read-only fields are ignored, masks keep their secret).
 * A plain secret equal to the stored one is no change either.
 */
export function planConfigUpdate(
  current: ClinicConfig,
  input: UpdateClinicConfigDto,
  secrets: { reveal: RevealSecret; seal: SealSecret },
  now: Date = new Date(),
): ConfigUpdatePlan {
  const patch: Record<string, unknown> = {};
  const changed: ConfigField[] = [];
  const given = (field: ConfigField): unknown => (input[field.section] as Record<string, unknown> | undefined)?.[field.key];
  for (const field of CONFIG_FIELDS) {
    const value = given(field);
    if (value === undefined || field.kind.startsWith('readonly')) continue;
    const stored = current[field.column] as unknown;
    if (field.kind === 'secret') {
      const next = secretChange(field.column as ClinicSecretField, stored as string | null, value, secrets);
      if (next === undefined) continue;
      patch[field.column] = next;
    } else if (field.kind === 'date') {
      const next = value === null ? null : new Date(value as string);
      const before = stored instanceof Date ? stored.getTime() : null;
      if ((next?.getTime() ?? null) === before) continue;
      patch[field.column] = next;
    } else {
      if (canonical(value) === canonical(stored ?? null)) continue;
      patch[field.column] = value;
    }
    changed.push(field);
  }
  deriveSignatureDates(current, input, patch, changed, now);
  validateMerged(current, patch);
  const emrChanged = changed.some((f) => f.emr);
  if (emrChanged) patch.oscarConnectionVerified = false;
  if (changed.some((f) => f.vapi)) patch.vapiConnectionVerified = false;
  return {
    patch: patch as Partial<ClinicConfig>,
    changed,
    adminOnlyChanges: changed.filter((f) => f.adminOnly).map((f) => `${f.section}.${f.key}`),
    emrChanged,
  };
}

/** `undefined` = keep the stored secret; `null` = clear it; a string = the new ciphertext. */
function secretChange(
  field: ClinicSecretField,
  stored: string | null,
  value: unknown,
  secrets: { reveal: RevealSecret; seal: SealSecret },
): string | null | undefined {
  if (typeof value === 'object' && value !== null) return undefined; // the mask object GET showed
  if (value === null || value === '') return stored === null ? undefined : null;
  const text = value as string;
  if (isMasked(text)) return undefined; // a mask can never be a new secret
  if (stored !== null && secrets.reveal(field, stored) === text) return undefined;
  return secrets.seal(field, text);
}

/** Signing an agreement without a date records now; unsigning clears the date. */
function deriveSignatureDates(
  current: ClinicConfig,
  input: UpdateClinicConfigDto,
  patch: Record<string, unknown>,
  changed: ConfigField[],
  now: Date,
): void {
  const pairs = [
    ['baaVapiSigned', 'baaVapiSignedAt'],
    ['baaHostingSigned', 'baaHostingSignedAt'],
  ] as const;
  for (const [flag, date] of pairs) {
    if (!(flag in patch) || input.agreements?.[date] !== undefined) continue;
    const signed = patch[flag] as boolean;
    const next = signed ? (current[date] ?? now) : null;
    if ((next?.getTime() ?? null) === (current[date]?.getTime() ?? null)) continue;
    patch[date] = next;
    changed.push(CONFIG_FIELDS.find((f) => f.column === date)!);
  }
}

/** Rules across fields, checked on the config as it would be after the change. */
function validateMerged(current: ClinicConfig, patch: Record<string, unknown>): void {
  const merged = { ...current, ...patch } as ClinicConfig;
  const errors: FieldError[] = [];
  const touched = (...columns: (keyof ClinicConfig)[]) => columns.some((c) => c in patch);
  if (!touched('supportedLanguages', 'defaultLanguage')) {
    // unchanged: not this request's problem
  } else if (!merged.supportedLanguages.length) {
    errors.push({ field: 'voice.supportedLanguages', message: 'Choose at least one language' });
  } else if (!merged.supportedLanguages.includes(merged.defaultLanguage)) {
    errors.push({ field: 'voice.defaultLanguage', message: 'Default language must be one of the languages the clinic speaks' });
  }
  const both = merged.bookableScheduleCodes.filter((code) => merged.blockedScheduleCodes.includes(code));
  if (touched('bookableScheduleCodes', 'blockedScheduleCodes') && both.length) {
    errors.push({ field: 'oscarConfig.blockedScheduleCodes', message: `A schedule code cannot be both bookable and blocked: ${both.join(', ')}` });
  }
  if (touched('enabledVisitReasons') && !merged.enabledVisitReasons.length) {
    errors.push({ field: 'voiceBooking.enabledVisitReasons', message: 'Keep at least one visit reason' });
  }
  if (errors.length) throw invalidFields(errors);
}
