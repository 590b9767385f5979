import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audit } from '../audit/audit.decorator.js';
import { ClinicAccess, CurrentUser, type AuthUser } from '../common/auth/index.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { mapPage } from '../common/pagination/cursor.js';
import {
  CreateWaitlistEntryDto,
  ListWaitlistQueryDto,
  UpdateWaitlistEntryDto,
  WaitlistEntryDetailDto,
  WaitlistEntryListDto,
  toWaitlistEntryDetailDto,
  toWaitlistEntryDto,
} from './dto/waitlist.dto.js';
import { WaitlistService } from './waitlist.service.js';

@ApiTags('clinics')
@Controller('clinics/:clinicId/waitlist')
export class WaitlistController {
  constructor(private readonly waitlist: WaitlistService) {}

  @Get()
  @ClinicAccess()
  @ApiOperation({ summary: 'List the waitlist', description: 'New patients waiting for a chart, newest first, optionally by status. Registration details are only in an entry.' })
  @ApiOkResponse({ type: WaitlistEntryListDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid status, limit or cursor' })
  async list(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Query() query: ListWaitlistQueryDto,
  ): Promise<WaitlistEntryListDto> {
    return mapPage(await this.waitlist.list(user, clinicId, query), toWaitlistEntryDto);
  }

  @Post()
  @ClinicAccess()
  @Audit('waitlist.create')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Add to the waitlist', description: 'Staff add a new patient by hand (source `console`, status `pending`); details are encrypted at rest.' })
  @ApiCreatedResponse({ type: WaitlistEntryDetailDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid fields (one entry per field)' })
  async create(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Body() body: CreateWaitlistEntryDto,
  ): Promise<WaitlistEntryDetailDto> {
    return toWaitlistEntryDetailDto(await this.waitlist.create(user, clinicId, body));
  }

  @Get(':id')
  @ClinicAccess()
  @ApiOperation({ summary: 'Get a waitlist entry', description: 'With the decrypted registration details (date of birth, address, health card…): PHI, the clinic staff only.' })
  @ApiOkResponse({ type: WaitlistEntryDetailDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such entry in this clinic' })
  async get(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<WaitlistEntryDetailDto> {
    return toWaitlistEntryDetailDto(await this.waitlist.get(user, clinicId, id));
  }

  @Patch(':id')
  @ClinicAccess()
  @Audit('waitlist.update')
  @ApiOperation({
    summary: 'Change a waitlist entry',
    description: 'Moves it along pending → contacted → registered or declined (stamping contactedAt / registeredAt), and/or replaces its notes.',
  })
  @ApiOkResponse({ type: WaitlistEntryDetailDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid status or notes' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such entry in this clinic' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The workflow does not allow that status change (said in plain words)' })
  async update(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateWaitlistEntryDto,
  ): Promise<WaitlistEntryDetailDto> {
    return toWaitlistEntryDetailDto(await this.waitlist.update(user, clinicId, id, body));
  }
}
