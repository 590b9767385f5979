/**
 * The SMS template contract shared by the sender (apps/api/src/sms) and the console's live
 * preview: `{name}` placeholders, one pass (a value is never expanded again), unknown names left as
 * written so a typo shows. No placeholder carries the patient's name: a text can reach a shared phone.
 */
export const SMS_PLACEHOLDERS = ['clinicName', 'clinicPhone', 'date', 'time', 'dateTime', 'providerName'] as const;
export type SmsPlaceholder = (typeof SMS_PLACEHOLDERS)[number];
export type SmsTemplateValues = Record<SmsPlaceholder, string>;

const PLACEHOLDER = /\{\s*(\w+)\s*\}/g;
/** a placeholder and the full stop that may follow it */
const PLACEHOLDER_THEN_STOP = /\{\s*(\w+)\s*\}(\.?)/g;

export function isSmsPlaceholder(name: string): name is SmsPlaceholder {
  return (SMS_PLACEHOLDERS as readonly string[]).includes(name);
}

/**
 * Replaces every known `{name}`; unknown ones stay as typed. A value that ends a sentence itself
 * (`9:30 a.m.`) before the template's own full stop keeps one stop, not two.
 */
export function renderSmsTemplate(template: string, values: Readonly<SmsTemplateValues>): string {
  return template.replace(PLACEHOLDER_THEN_STOP, (whole, name: string, stop: string) => {
    if (!isSmsPlaceholder(name)) return whole;
    const value = values[name];
    return stop && value.endsWith('.') ? value : value + stop;
  });
}

/** Placeholder names in the template that are not in the contract (typos), each once, in order. */
export function unknownSmsPlaceholders(template: string): string[] {
  const names = [...template.matchAll(PLACEHOLDER)].map((match) => match[1]).filter((name) => !isSmsPlaceholder(name));
  return [...new Set(names)];
}
