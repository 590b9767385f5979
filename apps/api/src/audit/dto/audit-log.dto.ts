import { ApiProperty } from '@nestjs/swagger';
import { AUDIT_ACTIONS, AuditOutcome, type AuditAction } from '../audit-vocabulary.js';
import type { AuditLog } from '../audit-log.entity.js';
import { PageOf } from '../../common/pagination/page.dto.js';

export const ACTOR_TYPES = ['user', 'system', 'anonymous'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** One row of the audit trail, as the API shows it (redacted when it was written). */
export class AuditLogDto {
  @ApiProperty({ format: 'uuid', example: '9f1c7e2a-3b4d-4c5e-8f60-718293a4b5c6' })
  id: string;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-11-23T17:32:59.123Z' })
  createdAt: string;

  @ApiProperty({
    enum: ACTOR_TYPES,
    enumName: 'AuditActorType',
    description: '`user`: a signed-in user; `system`: a job; `anonymous`: an HTTP caller without a valid session',
    example: 'user',
  })
  actorType: ActorType;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d' })
  userId: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'manager@clinic.example' })
  userEmail: string | null;

  @ApiProperty({ enum: AUDIT_ACTIONS, enumName: 'AuditAction', example: 'config.update' })
  action: AuditAction;

  @ApiProperty({
    enum: AuditOutcome,
    enumName: 'AuditOutcome',
    description: '`success` 2xx; `denied` refused (401, 403, 429, another clinic); `failure` invalid, not found, conflict; `error` 5xx',
    example: AuditOutcome.Success,
  })
  outcome: AuditOutcome;

  @ApiProperty({ type: Number, nullable: true, example: 200 })
  statusCode: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'PUT', description: 'HTTP method; null for jobs' })
  method: string | null;

  @ApiProperty({ type: String, nullable: true, example: '/api/clinics/0b8f5c1e-8a53-4d0e-9a55-2f3a1c9e7d10/config' })
  path: string | null;

  @ApiProperty({ example: 'clinics/config', description: 'what kind of thing: the route without ids' })
  resource: string;

  @ApiProperty({ type: String, nullable: true, example: '0b8f5c1e-8a53-4d0e-9a55-2f3a1c9e7d10' })
  resourceId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '0b8f5c1e-8a53-4d0e-9a55-2f3a1c9e7d10' })
  clinicId: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'request body (secrets and PHI replaced by `[REDACTED]`), route params, query, request id',
    example: { body: { timezone: 'America/Vancouver', vapiWebhookSecret: '[REDACTED]' }, requestId: 'c1d2e3f4-…' },
  })
  details: Record<string, unknown> | null;

  @ApiProperty({ type: String, nullable: true, example: '203.0.113.7' })
  ipAddress: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Mozilla/5.0 (X11; Linux x86_64)' })
  userAgent: string | null;
}

export class AuditLogListDto extends PageOf(AuditLogDto) {}

export function actorTypeOf(row: Pick<AuditLog, 'userId' | 'method'>): ActorType {
  if (row.userId) return 'user';
  return row.method === null ? 'system' : 'anonymous';
}

/** Entity → response (the only way a row leaves the API). */
export function toAuditLogDto(row: AuditLog): AuditLogDto {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    actorType: actorTypeOf(row),
    userId: row.userId,
    userEmail: row.userEmail,
    action: row.action as AuditAction,
    outcome: row.outcome,
    statusCode: row.statusCode,
    method: row.method,
    path: row.path,
    resource: row.resource,
    resourceId: row.resourceId,
    clinicId: row.clinicId,
    details: row.details,
    ipAddress: row.ipAddress,
    userAgent: row.userAgent,
  };
}
