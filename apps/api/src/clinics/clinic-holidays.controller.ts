import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ClinicAccess, CurrentUser, type AuthUser } from '../common/auth/index.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { ClinicHolidaysService } from './clinic-holidays.service.js';
import {
  ClinicHolidayDto,
  ClinicHolidayListDto,
  CreateClinicHolidayDto,
  ImportStatutoryHolidaysDto,
  ListClinicHolidaysQueryDto,
  StatutoryImportDto,
  toClinicHolidayDto,
} from './dto/clinic-holiday.dto.js';
import { mapPage } from '../common/pagination/cursor.js';

@ApiTags('clinics')
@Controller('clinics/:clinicId/holidays')
export class ClinicHolidaysController {
  constructor(private readonly holidays: ClinicHolidaysService) {}

  @Get()
  @ClinicAccess()
  @ApiOperation({ summary: 'List holidays', description: 'Days the clinic is closed, ordered by date; past holidays are kept.' })
  @ApiOkResponse({ type: ClinicHolidayListDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid `from`/`to`, limit or cursor' })
  async list(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Query() query: ListClinicHolidaysQueryDto,
  ): Promise<ClinicHolidayListDto> {
    return mapPage(await this.holidays.list(user, clinicId, query), toClinicHolidayDto);
  }

  @Post()
  @ClinicAccess()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Add a holiday' })
  @ApiCreatedResponse({ type: ClinicHolidayDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid date or name' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The clinic already has a holiday on that date' })
  async create(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Body() body: CreateClinicHolidayDto,
  ): Promise<ClinicHolidayDto> {
    return toClinicHolidayDto(await this.holidays.create(user, clinicId, body));
  }

  @Post('import')
  @ClinicAccess()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Import statutory holidays',
    description:
      "Adds the statutory (public) holidays of the clinic's province for a year, named in English, each with `source` `statutory:CA-<province>`. " +
      'A date the clinic already has a holiday on (imported before or added by hand) is left as it is: importing again adds nothing.',
  })
  @ApiOkResponse({ type: StatutoryImportDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'The year is missing or not a whole year between 2000 and 2100' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such clinic (or not yours)' })
  async importStatutory(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Body() body: ImportStatutoryHolidaysDto,
  ): Promise<StatutoryImportDto> {
    const result = await this.holidays.importStatutory(user, clinicId, body.year);
    return { ...result, items: result.items.map(toClinicHolidayDto) };
  }

  @Delete(':id')
  @ClinicAccess()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove a holiday' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such holiday in this clinic' })
  async delete(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.holidays.remove(user, clinicId, id);
  }
}
