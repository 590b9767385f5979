import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { timestampKeySql, type CursorPosition } from '../common/pagination/cursor.js';
import type { AuditOutcome } from '../database/enums.js';
import { AuditLog } from './audit-log.entity.js';

export interface AuditLogFilter {
  clinicId?: string;
  userId?: string;
  action?: string;
  outcome?: AuditOutcome;
  /** inclusive */
  from?: Date;
  /** exclusive */
  to?: Date;
}

export interface AuditLogRow {
  row: AuditLog;
  /** created_at with microseconds (PostgreSQL's precision), for the cursor */
  position: CursorPosition;
}

const COLUMNS = `
  id, user_id AS "userId", user_email AS "userEmail", action, method, path, outcome,
  status_code AS "statusCode", resource, resource_id AS "resourceId", clinic_id AS "clinicId", details,
  ip_address AS "ipAddress", user_agent AS "userAgent", created_at AS "createdAt",
  ${timestampKeySql('created_at')} AS "positionAt"`;

/**
 * Reads of the audit trail: newest first, keyset-paginated over (created_at, id) so pages never
 * skip or repeat a row while new rows arrive. Reads only — rows are written by `AuditService`.
 */
@Injectable()
export class AuditLogQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(filter: AuditLogFilter, after: CursorPosition | undefined, limit: number): Promise<AuditLogRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (placeholder: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filter.clinicId) add((p) => `clinic_id = ${p}`, filter.clinicId);
    if (filter.userId) add((p) => `user_id = ${p}`, filter.userId);
    if (filter.action) add((p) => `action = ${p}`, filter.action);
    if (filter.outcome) add((p) => `outcome = ${p}`, filter.outcome);
    if (filter.from) add((p) => `created_at >= ${p}`, filter.from);
    if (filter.to) add((p) => `created_at < ${p}`, filter.to);
    if (after) {
      params.push(after.keys[0], after.id);
      where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit);
    const raw: Array<AuditLog & { positionAt: string }> = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM audit_logs
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY created_at DESC, id DESC
       LIMIT $${params.length}`,
      params,
    );
    return raw.map(({ positionAt, ...fields }) => ({
      row: Object.assign(new AuditLog(), fields),
      position: { keys: [positionAt], id: fields.id },
    }));
  }
}
