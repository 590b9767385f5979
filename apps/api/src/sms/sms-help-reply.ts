import { formatPhone } from '../../../../libs/shared/src/phone.js';
import type { SmsLanguage } from './sms-templates.js';

/** The `template_kind` of a reply to HELP. */
export const HELP_REPLY_KIND = 'help';

export interface HelpReplyFacts {
  clinicName: string;
  /** whom to call: the clinic's number, else its staff transfer number (E.164), else null */
  contactPhone: string | null;
}

/**
 * The answer to HELP that carriers require of a texting program (CTIA Messaging Principles; Telnyx
 * answers STOP and START itself, but not HELP unless the messaging profile is given a text): who is
 * texting (the clinic), how to reach a person, how to stop the texts, and that rates may apply.
 * No patient detail: anyone may text HELP to the clinic's number.
 */
export function helpReplyText(facts: HelpReplyFacts, lang: SmsLanguage): string {
  const phone = facts.contactPhone ? formatPhone(facts.contactPhone) : null;
  if (lang === 'zh') {
    const contact = phone ? `如需帮助，请致电${phone}。` : '如需帮助，请致电诊所。';
    return `${facts.clinicName}：预约确认短信。${contact}回复STOP或退订可停止接收，回复START可恢复。可能产生短信和数据费用。`;
  }
  const contact = phone ? `For help, call ${phone}.` : 'For help, call the clinic.';
  return `${facts.clinicName}: appointment texts. ${contact} Reply STOP to opt out, START to opt back in. Msg & data rates may apply.`;
}
