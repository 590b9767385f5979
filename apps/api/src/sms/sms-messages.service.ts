import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ClinicsService } from '../clinics/clinics.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { DEFAULT_PAGE_SIZE, pageQuery, timestampKeySql, toPage, type ListOrder, type Page } from '../common/pagination/cursor.js';
import { ClinicScopedRepository } from '../database/clinic-scoped.repository.js';
import type { ListSmsMessagesQueryDto } from './dto/sms-message.dto.js';
import { SmsMessage } from './sms-message.entity.js';

/** Newest first; texts written in the same microsecond are ordered by id. */
const NEWEST_FIRST: ListOrder = { keys: [['m.created_at', 'timestamp']], id: 'm.id', direction: 'DESC' };

/**
 * The clinic's texts for its staff: what went out, what did not and why (the dead letters of the
 * SMS queue are the `failed` and `undeliverable` rows). Never the words of a text.
 */
@Injectable()
export class SmsMessagesService {
  private readonly messages: ClinicScopedRepository<SmsMessage>;

  constructor(
    @InjectRepository(SmsMessage) repository: Repository<SmsMessage>,
    private readonly clinics: ClinicsService,
  ) {
    this.messages = new ClinicScopedRepository(repository);
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
}
