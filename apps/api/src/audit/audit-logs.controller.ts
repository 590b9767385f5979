import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { AdminOnly } from '../common/auth/index.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { AuditLogsService } from './audit-logs.service.js';
import { AuditLogFilterDto, ListAuditLogsQueryDto } from './dto/audit-log-query.dto.js';
import { AuditLogListDto, toAuditLogDto } from './dto/audit-log.dto.js';
import { mapPage } from '../common/pagination/cursor.js';

@ApiTags('audit')
@Controller('audit-logs')
export class AuditLogsController {
  constructor(private readonly auditLogs: AuditLogsService) {}

  @Get()
  @AdminOnly()
  @ApiOperation({
    summary: 'List audit log entries',
    description:
      'Every POST/PUT/PATCH/DELETE of the console API, refused and failed ones included, newest first. ' +
      'Bodies were redacted when written (secrets and PHI replaced by `[REDACTED]`). Platform admins only.',
  })
  @ApiOkResponse({ type: AuditLogListDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid filter, limit or cursor' })
  async list(@Query() query: ListAuditLogsQueryDto): Promise<AuditLogListDto> {
    return mapPage(await this.auditLogs.list(query), toAuditLogDto);
  }

  @Get('export.csv')
  @AdminOnly()
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="audit-logs.csv"')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Export audit log entries as CSV',
    description:
      'The same filters as the list, every matching row (streamed, newest first). RFC 4180; cells that a spreadsheet ' +
      "would run as a formula (starting with = + - @) are prefixed with '. Platform admins only.",
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'CSV with a header row',
    content: { 'text/csv': { schema: { type: 'string', example: 'createdAt,id,actorType,…\r\n2026-11-23T17:32:59.123Z,9f1c…,user,…\r\n' } } },
  })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid filter' })
  export(@Query() query: AuditLogFilterDto): StreamableFile {
    return new StreamableFile(Readable.from(this.auditLogs.exportCsv(query)), { type: 'text/csv; charset=utf-8' });
  }
}
