import type { SmsMessageDto, SmsStatus } from '@voicedesk/api-client';

/** People's words for the clinic's texts. */
export const TEXT_STATUS_LABELS: Readonly<Record<SmsStatus, string>> = {
  queued: 'Waiting to send',
  sending: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  failed: 'Not sent',
  undeliverable: 'Not delivered',
  received: 'Received',
};

/** The list's tabs: every text, then the ones staff look for. */
export type TextsTab = 'all' | 'failed' | 'undeliverable' | 'delivered' | 'received';
export const TEXTS_TABS: ReadonlyArray<{ tab: TextsTab; label: string }> = [
  { tab: 'all', label: 'All texts' },
  { tab: 'failed', label: 'Not sent' },
  { tab: 'undeliverable', label: 'Not delivered' },
  { tab: 'delivered', label: 'Delivered' },
  { tab: 'received', label: 'Replies' },
];

const KIND_LABELS: Readonly<Record<string, string>> = {
  book: 'Booking confirmed',
  reschedule: 'Appointment moved',
  cancel: 'Appointment cancelled',
  help: 'Answer to HELP',
};

const LANGUAGE_LABELS: Readonly<Record<string, string>> = { en: 'English', zh: 'Chinese' };

export function textKindLabel(text: Pick<SmsMessageDto, 'kind' | 'direction'>): string {
  if (text.direction === 'inbound') return 'Reply from the patient';
  return text.kind ? (KIND_LABELS[text.kind] ?? text.kind) : '—';
}

export function languageLabel(language: string | null): string {
  return language ? (LANGUAGE_LABELS[language] ?? language) : '—';
}

/** How a status reads beside its badge: good (arrived), attention (did not go out or arrive), or neither. */
export function statusTone(status: SmsStatus): 'good' | 'attention' | null {
  if (status === 'delivered' || status === 'sent') return 'good';
  if (status === 'failed' || status === 'undeliverable') return 'attention';
  return null;
}

/**
 * Why a text did not go out or arrive, in the API's words; a text still sending with a reason is
 * waiting to try again. Nothing for the texts that went well.
 */
export function textReason(text: Pick<SmsMessageDto, 'status' | 'reasonText'>): string {
  if (!text.reasonText) return '';
  return text.status === 'sending' || text.status === 'queued' ? `Trying again: ${text.reasonText}` : text.reasonText;
}
