import type { SmsSectionDto } from '@voicedesk/api-client';
import {
  SMS_PLACEHOLDERS,
  renderSmsTemplate,
  unknownSmsPlaceholders,
  type SmsTemplateValues,
} from '../../../../../../libs/shared/src/sms-template';
import { formatPhone } from '../../../../../../libs/shared/src/phone';

/**
 * SMS templates: sample values for the live preview and the segment count a carrier bills. The
 * placeholders (`{name}`) and their rendering are the sender's own contract (libs/shared), so the
 * preview shows exactly what a patient will receive.
 */
export { SMS_PLACEHOLDERS };

export type SmsLanguage = 'En' | 'Zh';
export type SmsKind = 'Book' | 'Reschedule' | 'Cancel';
export type SmsTemplateKey = `smsTemplate${SmsKind}${SmsLanguage}` & keyof SmsSectionDto;

export const SMS_KINDS: ReadonlyArray<{ kind: SmsKind; label: string }> = [
  { kind: 'Book', label: 'Appointment booked' },
  { kind: 'Reschedule', label: 'Appointment moved' },
  { kind: 'Cancel', label: 'Appointment cancelled' },
];
export const SMS_LANGUAGES: ReadonlyArray<{ language: SmsLanguage; label: string }> = [
  { language: 'En', label: 'English' },
  { language: 'Zh', label: 'Chinese' },
];

export function templateKey(kind: SmsKind, language: SmsLanguage): SmsTemplateKey {
  return `smsTemplate${kind}${language}` as SmsTemplateKey;
}

/** An example appointment, its date and time written as the sender writes them (the API's sms-templates.ts). */
export const SAMPLE_APPOINTMENT: Readonly<Record<SmsLanguage, Omit<SmsTemplateValues, 'clinicName' | 'clinicPhone'>>> = {
  En: { providerName: 'Dr. Chen', date: 'Tuesday, March 10', time: '9:30 a.m.', dateTime: 'Tuesday, March 10 at 9:30 a.m.' },
  Zh: { providerName: '陈医生', date: '3月10日 (星期二)', time: '9:30', dateTime: '3月10日 (星期二) 9:30' },
};

/**
 * The preview's values: this clinic's name and number as its patients will read them (the number
 * as the sender writes it, `+1 604-555-0199`; none: "the clinic", as the sender says), and the
 * example appointment.
 */
export function previewValues(language: SmsLanguage, clinic: { name: string; phone?: string | null }): SmsTemplateValues {
  const clinicPhone = clinic.phone ? formatPhone(clinic.phone) : language === 'Zh' ? '诊所' : 'the clinic';
  return { ...SAMPLE_APPOINTMENT[language], clinicName: clinic.name, clinicPhone };
}

/** The message as a patient would read it; unknown placeholders are left as typed so they stand out. */
export const renderSmsPreview = renderSmsTemplate;

/** Placeholder names in the template that VoiceDesk does not know (typos), each once, in order. */
export const unknownPlaceholders = unknownSmsPlaceholders;

/**
 * How many SMS segments a text takes: GSM-7 texts fit 160 characters (153 per part when split);
 * anything else (Chinese, emoji, curly quotes) is sent as UCS-2: 70 (67 per part).
 */
export function smsSegments(text: string): number {
  if (text.length === 0) return 0;
  const gsm = /^[A-Za-z0-9 \r\n@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&'()*+,\-./:;<=>?¡ÄÖÑÜ§¿äöñüà^{}\\[~\]|€]*$/.test(text);
  const length = [...text].length;
  const [single, part] = gsm ? [160, 153] : [70, 67];
  return length <= single ? 1 : Math.ceil(length / part);
}
