import { Injectable } from '@nestjs/common';
import { isPlatformAdmin, type AuthUser } from '../common/auth/auth-user.js';
import { ClinicsService } from '../clinics/clinics.service.js';
import { requireActor } from '../clinics/clinic-access.js';
import { TicketStatus } from '../database/enums.js';
import type { CreateTicketMessageDto, ListTicketMessagesQueryDto } from './dto/ticket-message.dto.js';
import { TicketMessagesService, type ThreadMessage } from './ticket-messages.service.js';
import { TicketNotifier } from './ticket-notifier.js';
import { TicketClosedError } from './ticket-workflow.js';
import { TicketsService } from './tickets.service.js';
import type { Page } from '../common/pagination/cursor.js';

/** A ticket's thread through the routes: reading it, and replying (with the notifications a reply sends). */
@Injectable()
export class TicketRepliesService {
  constructor(
    private readonly clinics: ClinicsService,
    private readonly tickets: TicketsService,
    private readonly messages: TicketMessagesService,
    private readonly notifier: TicketNotifier,
  ) {}

  async list(actor: AuthUser | undefined, clinicId: string, ticketId: string, query: ListTicketMessagesQueryDto): Promise<Page<ThreadMessage>> {
    const user = requireActor(actor);
    await this.clinics.assertReachable(user, clinicId);
    const ticket = await this.tickets.find(clinicId, ticketId);
    return this.messages.page(user, ticket, query.cursor, query.limit);
  }

  /** A clinic user's message is never internal, whatever the body says; a closed ticket takes no more messages. */
  async reply(actor: AuthUser | undefined, clinicId: string, ticketId: string, input: CreateTicketMessageDto): Promise<ThreadMessage> {
    const user = requireActor(actor);
    const clinic = await this.clinics.assertReachable(user, clinicId);
    const ticket = await this.tickets.find(clinicId, ticketId);
    if (ticket.status === TicketStatus.Closed) throw new TicketClosedError();
    const message = await this.messages.add(user, ticket, input.content, input.isInternal);
    await this.notifier.replied(ticket, clinic.name, user, isPlatformAdmin(user), message.isInternal);
    const [written] = await this.messages.withAuthors([message]);
    return written;
  }
}
