import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath, ApiExtraModels } from '@nestjs/swagger';
import { ClinicAccess, CurrentUser, type AuthUser } from '../common/auth/index.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { ClinicHoursService } from './clinic-hours.service.js';
import { ClinicHoursBodyPipe, ClinicHoursDayDto, ClinicHoursWeekDto, toClinicHoursDayDto } from './dto/clinic-hours.dto.js';

type ValidatedWeek = Pick<ClinicHoursWeekDto, 'items'>;

@ApiTags('clinics')
@ApiExtraModels(ClinicHoursDayDto, ClinicHoursWeekDto)
@Controller('clinics/:clinicId/hours')
export class ClinicHoursController {
  constructor(private readonly hours: ClinicHoursService) {}

  @Get()
  @ClinicAccess()
  @ApiOperation({ summary: 'Get the weekly opening hours', description: 'Seven rows, Sunday (`dayOfWeek` 0) to Saturday (6), in the clinic\'s time zone.' })
  @ApiOkResponse({ type: ClinicHoursWeekDto })
  async get(@CurrentUser() user: AuthUser | undefined, @Param('clinicId', ParseUUIDPipe) clinicId: string): Promise<ClinicHoursWeekDto> {
    return { items: (await this.hours.get(user, clinicId)).map(toClinicHoursDayDto), nextCursor: null };
  }

  @Put()
  @ClinicAccess()
  @ApiOperation({
    summary: 'Replace the weekly opening hours',
    description:
      'Takes the 7 rows (each day once, `HH:mm`, open before close unless `isClosed`), as a bare array or as the `{items}` object GET answers, ' +
      'and replaces the week in one transaction.',
  })
  @ApiBody({
    schema: {
      oneOf: [{ type: 'array', items: { $ref: getSchemaPath(ClinicHoursDayDto) }, minItems: 7, maxItems: 7 }, { $ref: getSchemaPath(ClinicHoursWeekDto) }],
      example: [0, 1, 2, 3, 4, 5, 6].map((d) => ({
        dayOfWeek: d,
        openTime: d % 6 ? '09:00' : null,
        closeTime: d % 6 ? '17:00' : null,
        isClosed: !(d % 6),
      })),
    },
  })
  @ApiOkResponse({ type: ClinicHoursWeekDto, description: 'The week as stored' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid rows, named `items.<index>.<field>`' })
  async replace(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    // a type alias (not the class), so the global pipe leaves the body to ClinicHoursBodyPipe
    @Body(ClinicHoursBodyPipe) body: ValidatedWeek,
  ): Promise<ClinicHoursWeekDto> {
    return { items: (await this.hours.replace(user, clinicId, body.items)).map(toClinicHoursDayDto), nextCursor: null };
  }
}
