import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import type { PlatformSettings } from '../platform-settings.service.js';

export class PlatformSettingsDto {
  @ApiProperty({
    example: false,
    description:
      'every platform admin must use TOTP MFA; an admin without it is answered `mfaEnrolmentRequired` at sign-in and cannot refresh until enrolled',
  })
  requireMfaForAdmins: boolean;
}

export function toPlatformSettingsDto(settings: PlatformSettings): PlatformSettingsDto {
  return { requireMfaForAdmins: settings.requireMfaForAdmins };
}

/** Only the keys sent change. */
export class UpdatePlatformSettingsDto {
  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  requireMfaForAdmins?: boolean;
}
