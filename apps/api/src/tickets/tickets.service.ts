import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type SelectQueryBuilder } from 'typeorm';
import { ForbiddenError } from '../common/auth/auth-errors.js';
import { isPlatformAdmin, type AuthUser } from '../common/auth/auth-user.js';
import { ConflictError, invalidFields } from '../common/errors/domain-error.js';
import { DEFAULT_PAGE_SIZE, pageQuery, timestampKeySql, toPage, type ListOrder, type Page } from '../common/pagination/cursor.js';
import { ClinicsService } from '../clinics/clinics.service.js';
import { assertPlatformAdmin, requireActor } from '../clinics/clinic-access.js';
import { ClinicScopedRepository } from '../database/clinic-scoped.repository.js';
import { TicketPriority, TicketStatus } from '../database/enums.js';
import { UNASSIGNED, type CreateTicketDto, type ListAllTicketsQueryDto, type ListTicketsQueryDto, type UpdateTicketDto } from './dto/ticket.dto.js';
import { SupportTicket } from './support-ticket.entity.js';
import { TicketMessagesService, type ThreadMessage } from './ticket-messages.service.js';
import { TicketNotifier } from './ticket-notifier.js';
import { TicketPeople } from './ticket-people.js';
import { TicketClosedError, assertTransition } from './ticket-workflow.js';

const NEWEST_FIRST: ListOrder = { keys: [['t.created_at', 'timestamp']], id: 't.id', direction: 'DESC' };

export interface TicketView {
  ticket: SupportTicket;
  /** messages the viewer may read (internal notes count for platform admins only) */
  messageCount: number;
}

/**
 * Support tickets (SPEC §1, §9): a clinic opens and follows its tickets; platform admins see every
 * clinic's, assign them and move them along the workflow (`ticket-workflow.ts`). Internal notes
 * are admin-only everywhere, counts included.
 */
@Injectable()
export class TicketsService {
  private readonly tickets: ClinicScopedRepository<SupportTicket>;

  constructor(
    @InjectRepository(SupportTicket) private readonly repository: Repository<SupportTicket>,
    private readonly clinics: ClinicsService,
    private readonly messages: TicketMessagesService,
    private readonly notifier: TicketNotifier,
    private readonly people: TicketPeople,
  ) {
    this.tickets = new ClinicScopedRepository(repository);
  }

  /** The clinic's tickets, newest first. */
  async list(actor: AuthUser | undefined, clinicId: string, query: ListTicketsQueryDto): Promise<Page<TicketView>> {
    const user = requireActor(actor);
    await this.clinics.assertReachable(user, clinicId);
    return this.page(this.tickets.createQueryBuilder(clinicId, 't'), user, query);
  }

  /** Every clinic's tickets, newest first (platform admins). */
  async listAll(actor: AuthUser | undefined, query: ListAllTicketsQueryDto): Promise<Page<TicketView>> {
    const user = assertPlatformAdmin(actor, 'list the tickets of every clinic');
    const qb = this.repository.createQueryBuilder('t');
    if (query.clinicId) qb.andWhere('t.clinicId = :clinicId', { clinicId: query.clinicId });
    return this.page(qb, user, query);
  }

  /** One ticket with its thread as the viewer may read it. */
  async get(actor: AuthUser | undefined, clinicId: string, ticketId: string): Promise<TicketView & { thread: ThreadMessage[] }> {
    const user = requireActor(actor);
    await this.clinics.assertReachable(user, clinicId);
    const ticket = await this.find(clinicId, ticketId);
    const thread = await this.messages.thread(user, ticket);
    return { ticket, messageCount: thread.length, thread };
  }

  async create(actor: AuthUser | undefined, clinicId: string, input: CreateTicketDto): Promise<TicketView & { thread: ThreadMessage[] }> {
    const user = requireActor(actor);
    const clinic = await this.clinics.assertReachable(user, clinicId);
    const ticket = await this.tickets.save(
      clinicId,
      this.tickets.create(clinicId, {
        createdById: user.id,
        title: input.title,
        description: input.description,
        priority: input.priority ?? TicketPriority.Medium,
        status: TicketStatus.Open,
        assigneeId: null,
      }),
    );
    await this.notifier.created(ticket, clinic.name, user);
    return this.get(user, clinicId, ticket.id);
  }

  /**
   * Title, description and priority (either side); status by the workflow's rules; the assignee
   * (platform admins only, an active platform admin or null). A closed ticket never changes.
   */
  async update(actor: AuthUser | undefined, clinicId: string, ticketId: string, input: UpdateTicketDto) {
    const user = requireActor(actor);
    const clinic = await this.clinics.assertReachable(user, clinicId);
    const ticket = await this.find(clinicId, ticketId);
    const support = isPlatformAdmin(user);
    const changes: Partial<SupportTicket> = {};
    for (const field of ['title', 'description', 'priority'] as const) {
      if (input[field] !== undefined && input[field] !== ticket[field]) Object.assign(changes, { [field]: input[field] });
    }
    if (input.assigneeId !== undefined && input.assigneeId !== ticket.assigneeId) {
      if (!support) {
        throw new ForbiddenError('Only VoiceDesk support (a platform admin) assigns tickets');
      }
      if (input.assigneeId !== null && !(await this.people.isActiveAdmin(input.assigneeId))) {
        throw invalidFields([{ field: 'assigneeId', message: 'Tickets go to an active platform admin: choose one from the list' }]);
      }
      changes.assigneeId = input.assigneeId;
    }
    if (input.status !== undefined && input.status !== ticket.status) {
      assertTransition(support ? 'support' : 'clinic', ticket.status, input.status);
      changes.status = input.status;
    }
    if (!Object.keys(changes).length) return this.get(user, clinicId, ticketId);
    if (ticket.status === TicketStatus.Closed) throw new TicketClosedError();

    // the status read in the WHERE: of two people moving the same ticket at once, the second gets a 409
    const updated = await this.tickets.update(clinicId, { id: ticketId, status: ticket.status }, changes);
    if (!updated.affected) throw new ConflictError('The ticket was changed by someone else; reload it and try again');
    const after = await this.find(clinicId, ticketId);
    if (changes.status) await this.notifier.statusChanged(after, clinic.name, user, ticket.status, support);
    if (changes.assigneeId) await this.notifier.assigned(after, clinic.name, user);
    return this.get(user, clinicId, ticketId);
  }

  /** The ticket in this clinic, or 404 (another clinic's ticket does not exist). */
  find(clinicId: string, ticketId: string): Promise<SupportTicket> {
    return this.tickets.findOneByOrFail(clinicId, { id: ticketId }, 'Ticket');
  }

  private async page(qb: SelectQueryBuilder<SupportTicket>, user: AuthUser, query: ListTicketsQueryDto): Promise<Page<TicketView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    pageQuery(qb, NEWEST_FIRST, query.cursor, limit);
    if (query.status) qb.andWhere('t.status = :status', { status: query.status });
    if (query.priority) qb.andWhere('t.priority = :priority', { priority: query.priority });
    if (query.assigneeId === UNASSIGNED) qb.andWhere('t.assigneeId IS NULL');
    else if (query.assigneeId) qb.andWhere('t.assigneeId = :assigneeId', { assigneeId: query.assigneeId });
    qb.addSelect(timestampKeySql('t.created_at'), 'cursor_created_at');
    const { entities, raw } = await qb.getRawAndEntities<{ cursor_created_at: string }>();
    const counts = await this.messages.countVisible(user, entities.map((t) => t.id));
    const rows = entities.map((ticket, i) => ({ ticket, messageCount: counts.get(ticket.id) ?? 0, createdAt: raw[i].cursor_created_at }));
    return toPage(rows, limit, (row) => ({ keys: [row.createdAt], id: row.ticket.id }), ({ ticket, messageCount }) => ({ ticket, messageCount }));
  }
}
