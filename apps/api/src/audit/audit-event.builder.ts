import { redactValue, scrubText } from '../common/logging/redact.js';
import type { AuditLog } from './audit-log.entity.js';
import { isAuditAction, type AuditAction, type AuditOutcome } from './audit-vocabulary.js';

/**
 * The one builder of audit rows (medplum's `auditevent.ts` pattern): every row of `audit_logs`,
 * whether from an HTTP request or a job, is made here, so the vocabulary is checked, details are
 * redacted (secrets and PHI removed by the same layer as the logs) and sizes are bounded in one
 * place. Nothing else inserts into `audit_logs`.
 */

/** Who acted: a signed-in user, the system (a job), or an anonymous HTTP caller. */
export type AuditActor = { type: 'user'; id: string; email: string } | { type: 'system' } | { type: 'anonymous' };

export const SYSTEM_ACTOR: AuditActor = { type: 'system' };
export const ANONYMOUS_ACTOR: AuditActor = { type: 'anonymous' };

export interface AuditHttpContext {
  method: string;
  /** request path without the query string */
  path: string;
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuditEvent {
  action: AuditAction;
  outcome: AuditOutcome;
  actor: AuditActor;
  /** what kind of thing, e.g. `clinics/holidays` */
  resource: string;
  resourceId?: string | null;
  clinicId?: string | null;
  statusCode?: number | null;
  http?: AuditHttpContext;
  /** raw details (e.g. `{body, params, query}`): redacted here, never stored as given */
  details?: Record<string, unknown>;
}

export type AuditRow = Omit<AuditLog, 'id' | 'createdAt'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** stored details above this size keep their shape but lose the body */
export const MAX_DETAILS_CHARS = 16_000;

function uuidOrNull(value: string | null | undefined): string | null {
  return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : null;
}

function bounded(value: string | null | undefined, max: number, scrub = true): string | null {
  if (value === null || value === undefined || value === '') return null;
  const text = scrub ? scrubText(value) : value;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Each part redacted on its own (the part names themselves — `body`, `details` — would read as PHI keys). */
export function redactDetails(details: Record<string, unknown> | undefined): Record<string, unknown> | null {
  if (!details) return null;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    if (value === undefined) continue;
    out[key] = redactValue(value);
  }
  if (Object.keys(out).length === 0) return null;
  const size = JSON.stringify(out).length;
  if (size > MAX_DETAILS_CHARS) {
    out.body = `[TOO_LARGE: ${size} chars]`;
    if (JSON.stringify(out).length > MAX_DETAILS_CHARS) return { truncated: true, size };
  }
  return out;
}

export function buildAuditRow(event: AuditEvent): AuditRow {
  if (!isAuditAction(event.action)) throw new Error(`Audit action outside the vocabulary: ${String(event.action)}`);
  const user = event.actor.type === 'user' ? event.actor : undefined;
  return {
    userId: uuidOrNull(user?.id),
    userEmail: user ? bounded(user.email, 320, false) : null,
    action: event.action,
    method: event.http ? event.http.method.toUpperCase() : null,
    path: event.http ? bounded(event.http.path, 2048) : null,
    outcome: event.outcome,
    statusCode: event.statusCode ?? null,
    resource: bounded(event.resource, 200) ?? 'unknown',
    resourceId: bounded(event.resourceId, 200),
    clinicId: uuidOrNull(event.clinicId),
    details: redactDetails(event.details),
    ipAddress: bounded(event.http?.ip, 64, false),
    userAgent: bounded(event.http?.userAgent, 512),
  };
}
