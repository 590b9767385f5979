import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../common/auth/access.decorators.js';
import { CurrentUser, type AuthUser } from '../common/auth/auth-user.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { PlatformSettingsDto, UpdatePlatformSettingsDto, toPlatformSettingsDto } from './dto/platform-settings.dto.js';
import { PlatformSettingsService } from './platform-settings.service.js';

@ApiTags('platform')
@Controller('platform/settings')
export class PlatformSettingsController {
  constructor(private readonly settings: PlatformSettingsService) {}

  @Get()
  @AdminOnly()
  @ApiOperation({ summary: 'Platform-wide switches' })
  @ApiOkResponse({ type: PlatformSettingsDto })
  async get(): Promise<PlatformSettingsDto> {
    return toPlatformSettingsDto(await this.settings.get());
  }

  @Put()
  @AdminOnly()
  @ApiOperation({ summary: 'Change platform-wide switches (only the keys sent change)' })
  @ApiOkResponse({ type: PlatformSettingsDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  async update(@CurrentUser() user: AuthUser, @Body() dto: UpdatePlatformSettingsDto): Promise<PlatformSettingsDto> {
    return toPlatformSettingsDto(await this.settings.update(dto, user.id));
  }
}
