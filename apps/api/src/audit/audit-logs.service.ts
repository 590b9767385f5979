import { Injectable } from '@nestjs/common';
import { invalidFields } from '../common/errors/domain-error.js';
import { DEFAULT_PAGE_SIZE, decodeCursor, toPage, type Page } from '../common/pagination/cursor.js';
import { auditCsvHeader, auditCsvRow } from './audit-csv.js';
import type { AuditLog } from './audit-log.entity.js';
import { AuditLogQueries, type AuditLogFilter } from './audit-log.queries.js';
import type { AuditLogFilterDto, ListAuditLogsQueryDto } from './dto/audit-log-query.dto.js';

const EXPORT_BATCH = 500;

/** Reading the audit trail (platform admins): filtered pages and a streamed CSV export. */
@Injectable()
export class AuditLogsService {
  constructor(private readonly queries: AuditLogQueries) {}

  async list(query: ListAuditLogsQueryDto): Promise<Page<AuditLog>> {
    const filter = this.filter(query);
    const after = query.cursor ? decodeCursor(query.cursor, ['timestamp']) : undefined;
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.queries.page(filter, after, limit + 1);
    return toPage(rows, limit, (r) => r.position, (r) => r.row);
  }

  /** The CSV lines of every matching row, newest first, read in batches as the client consumes them. */
  exportCsv(query: AuditLogFilterDto): AsyncGenerator<string> {
    const filter = this.filter(query);
    const queries = this.queries;
    return (async function* lines() {
      yield auditCsvHeader();
      let after;
      for (;;) {
        const rows = await queries.page(filter, after, EXPORT_BATCH);
        for (const { row } of rows) yield auditCsvRow(row);
        if (rows.length < EXPORT_BATCH) return;
        after = rows[rows.length - 1].position;
      }
    })();
  }

  private filter(query: AuditLogFilterDto): AuditLogFilter {
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && from.getTime() >= to.getTime()) {
      throw invalidFields([{ field: 'to', message: 'The To date must be after the From date' }]);
    }
    return { clinicId: query.clinicId, userId: query.userId, action: query.action, outcome: query.outcome, from, to };
  }
}
