import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/auth/auth-user.js';
import type { TicketStatus } from '../database/enums.js';
import { notificationLinks } from '../../../../libs/shared/src/notification-links.js';
import { NotificationsService, type NewNotification } from '../notifications/notifications.service.js';
import { statusLabel } from './ticket-workflow.js';
import { TicketPeople } from './ticket-people.js';
import type { SupportTicket } from './support-ticket.entity.js';

/** How a notification's message names a ticket: its title, quoted, cut at 80 characters. */
export function ticketName(ticket: Pick<SupportTicket, 'title'>): string {
  const title = ticket.title.trim().replace(/\s+/g, ' ');
  return `“${title.length > 80 ? `${title.slice(0, 79)}…` : title}”`;
}

/** The console page of a ticket. */
export function ticketLink(ticket: Pick<SupportTicket, 'clinicId' | 'id'>): string {
  return notificationLinks.ticket(ticket.clinicId, ticket.id);
}

/**
 * Who hears about a ticket event (seed 000 trigger table):
 * | event                         | notified                                          |
 * | ticket created                | every active platform admin                       |
 * | support replies (not internal)| the ticket's creator                              |
 * | the clinic replies            | the assignee, or every active admin if unassigned |
 * | status change                 | the creator (and support, when the clinic did it) |
 * | internal note                 | nobody                                            |
 * | assigned                      | the new assignee                                  |
 * Never the person who did it, never someone who can no longer read the ticket. The message names
 * the ticket by its title (only people who may read the ticket get it), the clinic, priority and
 * status; never its description or messages. The title of a notification never holds the ticket's
 * title: it is what an e-mail carries (staff may have written patient details in a ticket's title).
 * The link opens the ticket.
 */
@Injectable()
export class TicketNotifier {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly people: TicketPeople,
  ) {}

  async created(ticket: SupportTicket, clinicName: string, actor: AuthUser): Promise<void> {
    await this.send(ticket, actor, await this.notifications.activeAdminIds(), {
      type: 'ticket_created',
      title: `New support ticket from ${clinicName}`,
      message: `${clinicName} · priority ${ticket.priority}`,
    });
  }

  async replied(ticket: SupportTicket, clinicName: string, actor: AuthUser, fromSupport: boolean, isInternal: boolean): Promise<void> {
    if (isInternal) return;
    if (fromSupport) {
      await this.send(ticket, actor, [ticket.createdById], {
        type: 'ticket_reply',
        title: 'VoiceDesk support replied to your ticket',
        message: `${clinicName} · ${statusLabel(ticket.status)}`,
      });
      return;
    }
    await this.send(ticket, actor, await this.supportSide(ticket), {
      type: 'ticket_reply',
      title: `${clinicName} replied on a ticket`,
      message: `${clinicName} · priority ${ticket.priority} · ${statusLabel(ticket.status)}`,
    });
  }

  async statusChanged(ticket: SupportTicket, clinicName: string, actor: AuthUser, from: TicketStatus, fromSupport: boolean): Promise<void> {
    const to = statusLabel(ticket.status);
    const recipients = [ticket.createdById, ...(fromSupport ? [] : await this.supportSide(ticket))];
    await this.send(ticket, actor, recipients, {
      type: 'ticket_status',
      title: `Ticket ${to}`,
      message: `${clinicName} · ${statusLabel(from)} → ${to}`,
    });
  }

  async assigned(ticket: SupportTicket, clinicName: string, actor: AuthUser): Promise<void> {
    if (!ticket.assigneeId) return;
    await this.send(ticket, actor, [ticket.assigneeId], {
      type: 'ticket_assigned',
      title: 'A ticket was assigned to you',
      message: `${clinicName} · priority ${ticket.priority} · ${statusLabel(ticket.status)}`,
    });
  }

  /** The assignee, or every active admin when nobody is assigned (or the assignee can no longer read it). */
  private async supportSide(ticket: SupportTicket): Promise<string[]> {
    if (ticket.assigneeId && (await this.people.mayRead([ticket.assigneeId], ticket.clinicId)).length) return [ticket.assigneeId];
    return this.notifications.activeAdminIds();
  }

  private async send(ticket: SupportTicket, actor: AuthUser, candidates: string[], note: Omit<NewNotification, 'link'>): Promise<void> {
    const recipients = await this.people.mayRead(candidates.filter((id) => id !== actor.id), ticket.clinicId);
    await this.notifications.send(recipients, { ...note, message: `${ticketName(ticket)} · ${note.message}`, link: ticketLink(ticket) });
  }
}
