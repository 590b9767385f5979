import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AdminOnly, ClinicAccess, CurrentUser, SignedIn, type AuthUser } from '../common/auth/index.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { ClinicsService } from './clinics.service.js';
import { ClinicDto, ClinicListDto, CreateClinicDto, ListClinicsQueryDto, UpdateClinicDto, toClinicDto } from './dto/clinic.dto.js';
import { mapPage } from '../common/pagination/cursor.js';

@ApiTags('clinics')
@Controller('clinics')
export class ClinicsController {
  constructor(private readonly clinics: ClinicsService) {}

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'List clinics', description: 'Platform admins see every clinic; a clinic manager sees only their own. Ordered by name.' })
  @ApiOkResponse({ type: ClinicListDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid filter, limit or cursor' })
  async list(@CurrentUser() user: AuthUser | undefined, @Query() query: ListClinicsQueryDto): Promise<ClinicListDto> {
    return mapPage(await this.clinics.list(user, query), toClinicDto);
  }

  @Post()
  @AdminOnly()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Provision a clinic',
    description:
      'Creates the clinic as `pending`, with its configuration (defaults), its onboarding checklist and Mon–Fri 09:00–17:00 hours. ' +
      'The slug is generated from the name when absent.',
  })
  @ApiCreatedResponse({ type: ClinicDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid fields (one entry per field)' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The slug or the Vapi phone number is already used by another clinic' })
  async create(@CurrentUser() user: AuthUser | undefined, @Body() body: CreateClinicDto): Promise<ClinicDto> {
    return toClinicDto(await this.clinics.create(user, body));
  }

  @Get(':clinicId')
  @ClinicAccess()
  @ApiOperation({ summary: 'Get a clinic' })
  @ApiOkResponse({ type: ClinicDto })
  async get(@CurrentUser() user: AuthUser | undefined, @Param('clinicId', ParseUUIDPipe) clinicId: string): Promise<ClinicDto> {
    return toClinicDto(await this.clinics.get(user, clinicId));
  }

  @Patch(':clinicId')
  @ClinicAccess()
  @ApiOperation({
    summary: 'Change a clinic',
    description:
      'Only the fields sent change. A clinic manager may change the name, contact and address fields and the time zone; ' +
      '`slug`, `vapiPhone` and `status` are the platform admin\'s (403 naming them). Clinics are never deleted: set `status` to `inactive`. ' +
      '`status` moves only as the lifecycle allows: a live clinic between `active` and `inactive`; a `pending` clinic goes live only through ' +
      '`POST /api/clinics/{clinicId}/activate` (409 naming the rule otherwise).',
  })
  @ApiOkResponse({ type: ClinicDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid fields (one entry per field)' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'A clinic manager tried to change admin-only fields (listed in `errors`)' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The slug or the Vapi phone number is already used by another clinic, or the status move is not one the lifecycle allows' })
  async update(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Body() body: UpdateClinicDto,
  ): Promise<ClinicDto> {
    return toClinicDto(await this.clinics.update(user, clinicId, body));
  }
}
