import type { SmsSectionDto } from '@voicedesk/api-client';

/**
 * SMS templates: the placeholders a clinic may use, sample values for the live preview, and the
 * segment count a carrier bills. Placeholders are `{{name}}` (spaces inside the braces allowed).
 */
export const SMS_PLACEHOLDERS = ['patientName', 'clinicName', 'providerName', 'date', 'time', 'clinicPhone'] as const;
export type SmsPlaceholder = (typeof SMS_PLACEHOLDERS)[number];

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

export const SAMPLE_VALUES: Readonly<Record<SmsLanguage, Record<SmsPlaceholder, string>>> = {
  En: { patientName: 'Sam Lee', clinicName: 'Harbour Family Practice', providerName: 'Dr. Chen', date: 'Tue, Mar 10', time: '9:30 AM', clinicPhone: '+1 604 555 0199' },
  Zh: { patientName: '李小明', clinicName: 'Harbour Family Practice', providerName: '陈医生', date: '3月10日 星期二', time: '上午9:30', clinicPhone: '+1 604 555 0199' },
};

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

function isPlaceholder(name: string): name is SmsPlaceholder {
  return (SMS_PLACEHOLDERS as readonly string[]).includes(name);
}

/** The message as a patient would read it; unknown placeholders are left as typed so they stand out. */
export function renderSmsPreview(template: string, values: Readonly<Record<SmsPlaceholder, string>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (isPlaceholder(name) ? values[name] : whole));
}

/** Placeholder names in the template that VoiceDesk does not know (typos), each once, in order. */
export function unknownPlaceholders(template: string): string[] {
  const names = [...template.matchAll(PLACEHOLDER)].map((match) => match[1]).filter((name) => !isPlaceholder(name));
  return [...new Set(names)];
}

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
