import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { AuthUser } from '../common/auth/auth-user.js';
import { invalidFields } from '../common/errors/domain-error.js';
import { DEFAULT_PAGE_SIZE, pageQuery, timestampKeySql, toPage, type ListOrder, type Page } from '../common/pagination/cursor.js';
import { ClinicsService } from '../clinics/clinics.service.js';
import { ClinicScopedRepository } from '../database/clinic-scoped.repository.js';
import { CallLog } from './call-log.entity.js';
import { endOfClinicDay, startOfClinicDay } from './clinic-days.js';
import type { ListCallLogsQueryDto } from './dto/call-log.dto.js';

/** Newest first; calls recorded in the same microsecond are ordered by id. */
const NEWEST_FIRST: ListOrder = { keys: [['cl.created_at', 'timestamp']], id: 'cl.id', direction: 'DESC' };

/**
 * The clinic's call history for its staff (SPEC §10): filtered, paged newest first. Days in the
 * filters are the clinic's calendar days, turned into instants here (never in SQL). Transcripts
 * and summaries are PHI: they leave only through `get`, and nothing here logs them.
 */
@Injectable()
export class CallLogsService {
  private readonly logs: ClinicScopedRepository<CallLog>;

  constructor(
    @InjectRepository(CallLog) repository: Repository<CallLog>,
    private readonly clinics: ClinicsService,
  ) {
    this.logs = new ClinicScopedRepository(repository);
  }

  async list(actor: AuthUser | undefined, clinicId: string, query: ListCallLogsQueryDto): Promise<Page<CallLog>> {
    const clinic = await this.clinics.assertReachable(actor, clinicId);
    if (query.from && query.to && query.from > query.to) {
      throw invalidFields([{ field: 'from', message: 'The From date must not be after the To date' }]);
    }
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = pageQuery(this.logs.createQueryBuilder(clinicId, 'cl'), NEWEST_FIRST, query.cursor, limit);
    if (query.from) qb.andWhere('cl.created_at >= :fromAt', { fromAt: startOfClinicDay(query.from, clinic.timezone) });
    if (query.to) qb.andWhere('cl.created_at < :toAt', { toAt: endOfClinicDay(query.to, clinic.timezone) });
    if (query.outcome) qb.andWhere('cl.outcome = :outcome', { outcome: query.outcome });
    if (query.intent) qb.andWhere('cl.intent = :intent', { intent: query.intent });
    if (query.language) qb.andWhere('cl.language = :language', { language: query.language });
    if (query.transferred !== undefined) qb.andWhere('cl.transferred_to_staff = :transferred', { transferred: query.transferred });
    // digits only (validated), so the pattern has no wildcard of the caller's making
    if (query.q) qb.andWhere('cl.caller_phone LIKE :phoneEnd', { phoneEnd: `%${query.q}` });
    qb.addSelect(timestampKeySql('cl.created_at'), 'cursor_created_at');
    const { entities, raw } = await qb.getRawAndEntities<{ cursor_created_at: string }>();
    const rows = entities.map((log, index) => ({ log, createdAt: raw[index].cursor_created_at }));
    return toPage(rows, limit, (row) => ({ keys: [row.createdAt], id: row.log.id }), (row) => row.log);
  }

  /** One call with its transcript; another clinic's call is "not found". */
  async get(actor: AuthUser | undefined, clinicId: string, callLogId: string): Promise<CallLog> {
    await this.clinics.assertReachable(actor, clinicId);
    return this.logs.findOneByOrFail(clinicId, { id: callLogId }, 'Call log');
  }
}
