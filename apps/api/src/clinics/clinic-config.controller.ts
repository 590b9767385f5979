import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClinicAccess, CurrentUser, type AuthUser } from '../common/auth/index.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { ClinicConfigService } from './clinic-config.service.js';
import { MANAGER_FORBIDDEN_CONFIG_FIELDS } from './clinic-config.mapper.js';
import { ClinicConfigDto, UpdateClinicConfigDto } from './dto/clinic-config.dto.js';

@ApiTags('clinics')
@Controller('clinics/:clinicId/config')
export class ClinicConfigController {
  constructor(private readonly config: ClinicConfigService) {}

  @Get()
  @ClinicAccess()
  @ApiOperation({
    summary: "Get a clinic's configuration",
    description: 'The configuration in sections. Secrets are never returned: they appear as `{set: true, masked: "••••"}` (set) or null.',
  })
  @ApiOkResponse({ type: ClinicConfigDto })
  get(@CurrentUser() user: AuthUser | undefined, @Param('clinicId', ParseUUIDPipe) clinicId: string): Promise<ClinicConfigDto> {
    return this.config.get(user, clinicId);
  }

  @Put()
  @ClinicAccess()
  @ApiOperation({
    summary: "Change a clinic's configuration",
    description:
      'Takes the sectioned object GET answers, whole or in part: only the fields sent change, read-only fields are ignored, ' +
      'and a secret sent back as its mask stays as it is (send a new plain value to replace it, null to clear it). ' +
      'Changing an EMR connection field marks the connection unverified. ' +
      `A clinic manager may not change: ${MANAGER_FORBIDDEN_CONFIG_FIELDS.join(', ')} (403 naming the fields).`,
  })
  @ApiOkResponse({ type: ClinicConfigDto, description: 'The configuration after the change' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid fields, named `section.field`' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'A clinic manager tried to change admin-only fields (listed in `errors`)' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The Vapi assistant or phone number id belongs to another clinic' })
  update(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Body() body: UpdateClinicConfigDto,
  ): Promise<ClinicConfigDto> {
    return this.config.update(user, clinicId, body);
  }
}
