import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ClinicsService } from '../clinics/clinics.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { DEFAULT_PAGE_SIZE, pageQuery, timestampKeySql, toPage, type ListOrder, type Page } from '../common/pagination/cursor.js';
import { ClinicScopedRepository } from '../database/clinic-scoped.repository.js';
import type { PageQueryDto } from '../common/pagination/page-query.dto.js';
import type { ListSmsMessagesQueryDto } from './dto/sms-message.dto.js';
import { SmsMessage } from './sms-message.entity.js';
import { SmsOptOut } from './sms-opt-out.entity.js';

/** Newest first; texts written in the same microsecond are ordered by id. */
const NEWEST_FIRST: ListOrder = { keys: [['m.created_at', 'timestamp']], id: 'm.id', direction: 'DESC' };
/** The latest STOP first. */
const LATEST_STOP_FIRST: ListOrder = { keys: [['o.opted_out_at', 'timestamp']], id: 'o.id', direction: 'DESC' };

/**
 * The clinic's texts for its staff: what went out, what did not and why (the dead letters of the
 * SMS queue are the `failed` and `undeliverable` rows), and the numbers that asked it to stop.
 * Never the words of a text.
 */
@Injectable()
export class SmsMessagesService {
  private readonly messages: ClinicScopedRepository<SmsMessage>;
  private readonly optOuts: ClinicScopedRepository<SmsOptOut>;

  constructor(
    @InjectRepository(SmsMessage) repository: Repository<SmsMessage>,
    @InjectRepository(SmsOptOut) optOuts: Repository<SmsOptOut>,
    private readonly clinics: ClinicsService,
  ) {
    this.messages = new ClinicScopedRepository(repository);
    this.optOuts = new ClinicScopedRepository(optOuts);
  }

  async list(actor: AuthUser | undefined, clinicId: string, query: ListSmsMessagesQueryDto): Promise<Page<SmsMessage>> {
    await this.clinics.assertReachable(actor, clinicId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = pageQuery(this.messages.createQueryBuilder(clinicId, 'm'), NEWEST_FIRST, query.cursor, limit);
    if (query.status) qb.andWhere('m.status = :status', { status: query.status });
    qb.addSelect(timestampKeySql('m.created_at'), 'cursor_created_at');
    const { entities, raw } = await qb.getRawAndEntities<{ cursor_created_at: string }>();
    const rows = entities.map((message, index) => ({ message, createdAt: raw[index].cursor_created_at }));
    return toPage(rows, limit, (row) => ({ keys: [row.createdAt], id: row.message.id }), (row) => row.message);
  }

  /** Numbers opted out of the clinic's texts now (a STOP not followed by a START), the latest first. */
  async listOptOuts(actor: AuthUser | undefined, clinicId: string, query: PageQueryDto): Promise<Page<SmsOptOut>> {
    await this.clinics.assertReachable(actor, clinicId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = pageQuery(this.optOuts.createQueryBuilder(clinicId, 'o'), LATEST_STOP_FIRST, query.cursor, limit);
    qb.andWhere('(o.opted_back_in_at IS NULL OR o.opted_back_in_at < o.opted_out_at)');
    qb.addSelect(timestampKeySql('o.opted_out_at'), 'cursor_opted_out_at');
    const { entities, raw } = await qb.getRawAndEntities<{ cursor_opted_out_at: string }>();
    const rows = entities.map((optOut, index) => ({ optOut, at: raw[index].cursor_opted_out_at }));
    return toPage(rows, limit, (row) => ({ keys: [row.at], id: row.optOut.id }), (row) => row.optOut);
  }
}
