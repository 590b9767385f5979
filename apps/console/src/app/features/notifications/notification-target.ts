import type { NotificationDto } from '@voicedesk/api-client';
import { consoleLink } from '../../core/notifications/unread-notifications';

/** Where a notification leads, and the words of its button. */
export interface NotificationTarget {
  url: string;
  label: string;
}

const LABELS: Record<NotificationDto['type'], string> = {
  ticket_created: 'Open the ticket',
  ticket_reply: 'Open the ticket',
  ticket_status: 'Open the ticket',
  ticket_assigned: 'Open the ticket',
  onboarding_completed: 'Open the clinic',
  fax_needs_review: 'Review the fax',
  emr_connection_lost: 'Check the EMR connection',
  emr_connection_back: 'See the EMR connection',
  texts_failing: 'See the texts that failed',
  clinic_live: 'See the clinic',
};

/** The console page a notification is about (only a link inside the console is followed), with its button's words. */
export function notificationTarget(n: Pick<NotificationDto, 'type' | 'link'>): NotificationTarget | null {
  const url = consoleLink(n.link);
  return url ? { url, label: LABELS[n.type] ?? 'Open' } : null;
}
