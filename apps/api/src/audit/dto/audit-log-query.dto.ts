import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { MAX_PAGE_SIZE } from '../../common/pagination/cursor.js';
import { PageCursor, PageLimit } from '../../common/pagination/page-query.dto.js';
import { AUDIT_ACTIONS, AuditOutcome, type AuditAction } from '../audit-vocabulary.js';

/** Filters shared by the list and the CSV export. */
export class AuditLogFilterDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'rows of this clinic', example: '0b8f5c1e-8a53-4d0e-9a55-2f3a1c9e7d10' })
  @IsOptional()
  @IsUUID()
  clinicId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'rows of this acting user', example: '5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS, enumName: 'AuditAction', example: 'config.update' })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;

  @ApiPropertyOptional({ enum: AuditOutcome, enumName: 'AuditOutcome', example: AuditOutcome.Denied })
  @IsOptional()
  @IsEnum(AuditOutcome)
  outcome?: AuditOutcome;

  @ApiPropertyOptional({
    description: 'rows created at or after this instant (ISO 8601; a date alone means its midnight UTC)',
    example: '2026-11-01T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'rows created before this instant (exclusive; ISO 8601)', example: '2026-12-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

/** `GET /api/audit-logs`: filters, page size and the cursor of the previous page. */
export class ListAuditLogsQueryDto extends AuditLogFilterDto {
  @PageLimit(MAX_PAGE_SIZE)
  limit?: number;

  @PageCursor()
  cursor?: string;
}
