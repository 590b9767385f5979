import { actorTypeOf } from './dto/audit-log.dto.js';
import type { AuditLog } from './audit-log.entity.js';
import { csvLine } from '../common/csv.js';

export { csvCell, csvLine } from '../common/csv.js';

/**
 * CSV of the audit trail (RFC 4180: CRLF rows, fields quoted when they hold a quote, comma or
 * line break, quotes doubled). A cell that a spreadsheet would run as a formula (starting with
 * = + - @, tab or carriage return) gets a leading `'` (OWASP "CSV injection"): the trail holds
 * text that callers chose, such as paths and user agents.
 */
export const AUDIT_CSV_COLUMNS = [
  'createdAt', 'id', 'actorType', 'userId', 'userEmail', 'action', 'outcome', 'statusCode', 'method', 'path',
  'resource', 'resourceId', 'clinicId', 'ipAddress', 'userAgent', 'details',
] as const;

export function auditCsvHeader(): string {
  return csvLine([...AUDIT_CSV_COLUMNS]);
}

export function auditCsvRow(row: AuditLog): string {
  const values: Record<(typeof AUDIT_CSV_COLUMNS)[number], unknown> = {
    createdAt: row.createdAt.toISOString(),
    id: row.id,
    actorType: actorTypeOf(row),
    userId: row.userId,
    userEmail: row.userEmail,
    action: row.action,
    outcome: row.outcome,
    statusCode: row.statusCode,
    method: row.method,
    path: row.path,
    resource: row.resource,
    resourceId: row.resourceId,
    clinicId: row.clinicId,
    ipAddress: row.ipAddress,
    userAgent: row.userAgent,
    details: row.details,
  };
  return csvLine(AUDIT_CSV_COLUMNS.map((column) => values[column]));
}
