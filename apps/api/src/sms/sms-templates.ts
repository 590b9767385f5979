import { DateTime } from 'luxon';
import { formatPhone } from '../../../../libs/shared/src/phone.js';
import { renderSmsTemplate, type SmsTemplateValues } from '../../../../libs/shared/src/sms-template.js';
import type { ClinicConfig } from '../clinics/clinic-config.entity.js';

export type ConfirmationKind = 'book' | 'reschedule' | 'cancel';
export type SmsLanguage = 'en' | 'zh';

export const CONFIRMATION_KINDS: readonly ConfirmationKind[] = ['book', 'reschedule', 'cancel'];

/** Placeholders and rendering are the contract shared with the console's preview (libs/shared). */
export type TemplateValues = SmsTemplateValues;

/** Used when the clinic's column for that kind and language is empty. */
export const DEFAULT_TEMPLATES: Record<ConfirmationKind, Record<SmsLanguage, string>> = {
  book: {
    en: '{clinicName}: your appointment with {providerName} is booked for {date} at {time}. To change it, call {clinicPhone}.',
    zh: '{clinicName}：您与{providerName}的预约已确认，时间为{date} {time}。如需更改，请致电{clinicPhone}。',
  },
  reschedule: {
    en: '{clinicName}: your appointment with {providerName} has moved to {date} at {time}. To change it, call {clinicPhone}.',
    zh: '{clinicName}：您与{providerName}的预约已改至{date} {time}。如需更改，请致电{clinicPhone}。',
  },
  cancel: {
    en: '{clinicName}: your appointment with {providerName} on {date} at {time} is cancelled. To book again, call {clinicPhone}.',
    zh: '{clinicName}：您与{providerName}在{date} {time}的预约已取消。如需重新预约，请致电{clinicPhone}。',
  },
};

type TemplateColumn = Extract<keyof ClinicConfig, `smsTemplate${string}`>;

/** The clinic_config column of each kind and language (the seed's six `smsTemplate*` fields). */
export const TEMPLATE_COLUMNS: Record<ConfirmationKind, Record<SmsLanguage, TemplateColumn>> = {
  book: { en: 'smsTemplateBookEn', zh: 'smsTemplateBookZh' },
  reschedule: { en: 'smsTemplateRescheduleEn', zh: 'smsTemplateRescheduleZh' },
  cancel: { en: 'smsTemplateCancelEn', zh: 'smsTemplateCancelZh' },
};

export function asSmsLanguage(value: string | null | undefined): SmsLanguage {
  return value === 'zh' ? 'zh' : 'en';
}

/** The clinic's template, else the default. */
export function templateFor(config: Partial<Pick<ClinicConfig, TemplateColumn>>, kind: ConfirmationKind, lang: SmsLanguage): string {
  const custom = config[TEMPLATE_COLUMNS[kind][lang]]?.trim();
  return custom || DEFAULT_TEMPLATES[kind][lang];
}

export interface AppointmentFacts {
  /** ISO 8601 instant */
  startTime: string;
  providerName: string | null;
}

export interface ClinicFacts {
  name: string;
  phone: string | null;
  timezone: string;
}

/** Placeholder values: the appointment's time in the clinic's zone, worded for the language; the clinic's number as people write it (`+1 604-555-0100`). */
export function templateValues(clinic: ClinicFacts, appointment: AppointmentFacts, lang: SmsLanguage): TemplateValues {
  const at = DateTime.fromISO(appointment.startTime, { setZone: true }).setZone(clinic.timezone).setLocale(lang === 'zh' ? 'zh-CN' : 'en-CA');
  const date = lang === 'zh' ? at.toFormat('M月d日 (cccc)') : at.toFormat('cccc, LLLL d');
  const time = lang === 'zh' ? at.toFormat('H:mm') : at.toFormat('h:mm a');
  return {
    clinicName: clinic.name,
    clinicPhone: clinic.phone ? formatPhone(clinic.phone) : lang === 'zh' ? '诊所' : 'the clinic',
    date,
    time,
    dateTime: lang === 'zh' ? `${date} ${time}` : `${date} at ${time}`,
    providerName: appointment.providerName ?? (lang === 'zh' ? '医生' : 'your provider'),
  };
}

/** Replaces `{name}` for every known placeholder (one pass: a value is never expanded again). */
export const renderTemplate = renderSmsTemplate;
