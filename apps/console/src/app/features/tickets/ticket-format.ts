import type { TicketPriority, TicketStatus } from '@voicedesk/api-client';

export const TICKET_STATUS_LABELS: Readonly<Record<TicketStatus, string>> = {
  open: 'Open', in_progress: 'In progress', waiting: 'Waiting for the clinic', resolved: 'Resolved', closed: 'Closed',
};

export const TICKET_PRIORITY_LABELS: Readonly<Record<TicketPriority, string>> = { low: 'Low', medium: 'Medium', high: 'High', urgent: 'Urgent' };

/**
 * The statuses a person may move a ticket to, as the API's workflow allows: VoiceDesk support (a
 * platform admin) sets any status of a ticket that is not closed; the clinic may reopen a resolved
 * ticket or close one. Closed is final for everyone.
 */
export function statusChoices(support: boolean, status: TicketStatus): TicketStatus[] {
  if (status === 'closed') return [];
  if (support) return (Object.keys(TICKET_STATUS_LABELS) as TicketStatus[]).filter((s) => s !== status);
  return status === 'resolved' ? ['open', 'closed'] : ['closed'];
}

/** What the clinic reads on a status button. */
export function statusAction(status: TicketStatus, from: TicketStatus): string {
  if (status === 'open' && from === 'resolved') return 'Reopen';
  if (status === 'closed') return 'Close the ticket';
  return `Mark ${TICKET_STATUS_LABELS[status].toLowerCase()}`;
}

/** Who wrote a message, as the thread shows it. */
export function authorOf(message: { authorName: string | null; fromSupport: boolean }): string {
  const name = message.authorName ?? 'A former user';
  return message.fromSupport ? `${name} (VoiceDesk support)` : name;
}
