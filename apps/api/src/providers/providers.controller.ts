import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiExtraModels, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClinicAccess, CurrentUser, type AuthUser } from '../common/auth/index.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { EffectiveAppointmentTypeDto, EffectiveConfigDto, EffectiveSettingDto, toEffectiveConfigDto } from './dto/effective-config.dto.js';
import { ListProvidersQueryDto, ProviderDto, ProviderListDto, UpdateProviderDto, toProviderDto } from './dto/provider.dto.js';
import { ProvidersService } from './providers.service.js';
import { mapPage } from '../common/pagination/cursor.js';

const providerNotFound = ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such clinic or provider (or not yours)' });

@ApiTags('providers')
@ApiExtraModels(EffectiveSettingDto, EffectiveAppointmentTypeDto)
@Controller('clinics/:clinicId/providers')
export class ProvidersController {
  constructor(private readonly providers: ProvidersService) {}

  @Get()
  @ClinicAccess()
  @ApiOperation({ summary: "List a clinic's providers", description: 'Ordered by last name; filter by `status` and `voiceBookable`.' })
  @ApiOkResponse({ type: ProviderListDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid filter, limit or cursor' })
  async list(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Query() query: ListProvidersQueryDto,
  ): Promise<ProviderListDto> {
    return mapPage(await this.providers.list(user, clinicId, query), toProviderDto);
  }

  @Get(':providerId')
  @ClinicAccess()
  @ApiOperation({ summary: 'Get a provider', description: '`providerId` is our id (not the OSCAR provider number).' })
  @ApiOkResponse({ type: ProviderDto })
  @providerNotFound
  async get(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Param('providerId', ParseUUIDPipe) providerId: string,
  ): Promise<ProviderDto> {
    return toProviderDto(await this.providers.get(user, clinicId, providerId));
  }

  @Patch(':providerId')
  @ClinicAccess()
  @ApiOperation({
    summary: "Change a provider's voice-booking settings",
    description: 'Only the fields sent change. Names, specialty and the OSCAR number come from the EMR sync.',
  })
  @ApiOkResponse({ type: ProviderDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid fields (one entry per field)' })
  @providerNotFound
  async update(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Param('providerId', ParseUUIDPipe) providerId: string,
    @Body() body: UpdateProviderDto,
  ): Promise<ProviderDto> {
    return toProviderDto(await this.providers.update(user, clinicId, providerId, body));
  }

  @Get(':providerId/effective-config')
  @ClinicAccess()
  @ApiOperation({
    summary: "A provider's effective booking rules",
    description: 'System defaults → clinic config → provider overrides (SPEC §5): each value with where it came from (`system`, `clinic`, `provider`).',
  })
  @ApiOkResponse({ type: EffectiveConfigDto })
  @providerNotFound
  async effectiveConfig(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Param('providerId', ParseUUIDPipe) providerId: string,
  ): Promise<EffectiveConfigDto> {
    const { provider, clinicConfig } = await this.providers.withClinicConfig(user, clinicId, providerId);
    return toEffectiveConfigDto(clinicConfig, provider);
  }
}
