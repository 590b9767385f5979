import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiExtraModels, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { ClinicAccess, CurrentUser, type AuthUser } from '../common/auth/index.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { mapPage } from '../common/pagination/cursor.js';
import { CallAnalyticsService } from './call-analytics.service.js';
import { CallLogsService } from './call-logs.service.js';
import { CallAnalyticsDto, CallAnalyticsQueryDto } from './dto/call-analytics.dto.js';
import { CallLogDetailDto, CallLogListDto, ListCallLogsQueryDto, toCallLogDetailDto, toCallLogSummaryDto } from './dto/call-log.dto.js';

@ApiTags('calls')
@Controller('clinics/:clinicId')
export class CallLogsController {
  constructor(
    private readonly logs: CallLogsService,
    private readonly analytics: CallAnalyticsService,
  ) {}

  @Get('call-logs')
  @ClinicAccess()
  @ApiOperation({
    summary: 'List calls',
    description:
      "The clinic's calls, newest first, with filters. Days are the clinic's calendar days. The caller's number is masked (last 4 digits); " +
      '`q` finds calls by the last digits of the number.',
  })
  @ApiOkResponse({ type: CallLogListDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid filter, limit or cursor' })
  async list(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Query() query: ListCallLogsQueryDto,
  ): Promise<CallLogListDto> {
    return mapPage(await this.logs.list(user, clinicId, query), toCallLogSummaryDto);
  }

  @Get('call-logs/:id')
  @ClinicAccess()
  @ApiOperation({ summary: 'Get a call', description: "One call with the caller's full number, its transcript and summary (PHI: the clinic's staff only)." })
  @ApiOkResponse({ type: CallLogDetailDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such call in this clinic' })
  async get(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<CallLogDetailDto> {
    return toCallLogDetailDto(await this.logs.get(user, clinicId, id));
  }

  @Get('call-analytics')
  @ClinicAccess()
  @ApiOperation({
    summary: 'Call analytics',
    description:
      "Counts by outcome, intent, language, transfer reason, day and the clinic's weekday × hour (the clinic's days and hours, in its time zone), " +
      'bookings made by voice, transfer rate, average duration and total cost between `from` and `to` (inclusive; default the last 30 days; ' +
      'at most 366 days). `format=csv` answers the days as a CSV download instead.',
  })
  @ApiExtraModels(CallAnalyticsDto)
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description: 'the figures (JSON), or with `format=csv` one line per day with a header row',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(CallAnalyticsDto) } },
      'text/csv': { schema: { type: 'string', example: 'date,calls,transferred,booked_by_voice,outcome_booked,…\r\n2026-11-23,31,4,12,12,…\r\n' } },
    },
  })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid dates, `from` after `to`, a range over 366 days, or an unknown format' })
  async summarise(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Query() query: CallAnalyticsQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CallAnalyticsDto | string> {
    const summary = await this.analytics.summarise(user, clinicId, query);
    if (query.format !== 'csv') return summary;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="call-analytics-${summary.from}-to-${summary.to}.csv"`);
    response.setHeader('Cache-Control', 'no-store');
    return this.analytics.toCsv(summary);
  }
}
