import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository, type SelectQueryBuilder } from 'typeorm';
import { isPlatformAdmin, type AuthUser } from '../common/auth/auth-user.js';
import { DEFAULT_PAGE_SIZE, pageQuery, timestampKeySql, toPage, type ListOrder, type Page } from '../common/pagination/cursor.js';
import type { MessageAuthor } from './dto/ticket-message.dto.js';
import type { SupportTicket } from './support-ticket.entity.js';
import { TicketMessage } from './ticket-message.entity.js';
import { TicketPeople } from './ticket-people.js';

const OLDEST_FIRST: ListOrder = { keys: [['m.created_at', 'timestamp']], id: 'm.id' };

export interface ThreadMessage {
  message: TicketMessage;
  author: MessageAuthor | undefined;
}

/**
 * Reads and writes of a ticket's thread. `isInternal` is decided here, never by the client alone:
 * a clinic user's message is never internal, and a clinic user never reads one (nor learns how
 * many there are). Access to the ticket itself is checked by the caller (`TicketsService.find`).
 */
@Injectable()
export class TicketMessagesService {
  constructor(
    @InjectRepository(TicketMessage) private readonly messages: Repository<TicketMessage>,
    private readonly people: TicketPeople,
  ) {}

  /** The whole thread the viewer may read, oldest first, with authors. */
  async thread(viewer: AuthUser, ticket: SupportTicket): Promise<ThreadMessage[]> {
    const rows = await this.visible(viewer, this.messages.createQueryBuilder('m').where('m.ticketId = :ticketId', { ticketId: ticket.id }))
      .orderBy('m.createdAt', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .getMany();
    return this.withAuthors(rows);
  }

  /** A page of the thread the viewer may read, oldest first. */
  async page(viewer: AuthUser, ticket: SupportTicket, cursor: string | undefined, limit = DEFAULT_PAGE_SIZE): Promise<Page<ThreadMessage>> {
    const qb = this.visible(viewer, this.messages.createQueryBuilder('m').where('m.ticketId = :ticketId', { ticketId: ticket.id }));
    pageQuery(qb, OLDEST_FIRST, cursor, limit);
    qb.addSelect(timestampKeySql('m.created_at'), 'cursor_created_at');
    const { entities, raw } = await qb.getRawAndEntities<{ cursor_created_at: string }>();
    const rows = await this.withAuthors(entities);
    const keyed = rows.map((row, i) => ({ row, createdAt: raw[i].cursor_created_at }));
    return toPage(keyed, limit, (k) => ({ keys: [k.createdAt], id: k.row.message.id }), (k) => k.row);
  }

  /** Messages per ticket that the viewer may read. */
  async countVisible(viewer: AuthUser, ticketIds: string[]): Promise<Map<string, number>> {
    if (!ticketIds.length) return new Map();
    const qb = this.visible(viewer, this.messages.createQueryBuilder('m').where({ ticketId: In(ticketIds) }))
      .select('m.ticketId', 'ticketId')
      .addSelect('COUNT(*)::int', 'count')
      .groupBy('m.ticketId');
    const rows = await qb.getRawMany<{ ticketId: string; count: number }>();
    return new Map(rows.map((r) => [r.ticketId, Number(r.count)]));
  }

  /** Adds a message; only a platform admin's may be internal, whatever the body says. */
  async add(author: AuthUser, ticket: SupportTicket, content: string, isInternal: boolean | undefined): Promise<TicketMessage> {
    const internal = isPlatformAdmin(author) && isInternal === true;
    return this.messages.save(this.messages.create({ ticketId: ticket.id, authorId: author.id, content, isInternal: internal }));
  }

  private visible(viewer: AuthUser, qb: SelectQueryBuilder<TicketMessage>): SelectQueryBuilder<TicketMessage> {
    return isPlatformAdmin(viewer) ? qb : qb.andWhere('m.isInternal = false');
  }

  async withAuthors(rows: TicketMessage[]): Promise<ThreadMessage[]> {
    const authors = await this.people.authors(rows.map((m) => m.authorId));
    return rows.map((message) => ({ message, author: authors.get(message.authorId) }));
  }
}
