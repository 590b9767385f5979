import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SignInResult } from '../auth.service.js';
import { SessionUserDto, toSessionUserDto } from './session.dto.js';

export class MfaEnrolmentDto {
  @ApiProperty({
    description: 'for the authenticator app (show as a QR code)',
    example: 'otpauth://totp/VoiceDesk:amy.chen%40clinic.example?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=VoiceDesk',
  })
  otpauthUri: string;

  @ApiProperty({ description: 'Base32 secret, for typing in by hand; shown only now', example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' })
  secret: string;
}

export class MfaActivationDto {
  @ApiProperty({
    type: [String],
    description: '10 one-time backup codes, shown only now (each works once instead of a TOTP code)',
    example: ['k7m2p-x9q4r', 'a3b8c-d2e7f'],
  })
  backupCodes: string[];

  @ApiPropertyOptional({ description: 'only after a forced enrolment at sign-in: the session it completes', example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI…' })
  accessToken?: string;

  @ApiPropertyOptional({ description: 'only after a forced enrolment at sign-in', example: 'rt_3q2-7Zc9kQ1vV8bWm4yN0sX5…' })
  refreshToken?: string;

  @ApiPropertyOptional({ type: SessionUserDto, description: 'only after a forced enrolment at sign-in' })
  user?: SessionUserDto;
}

export function toMfaActivationDto(backupCodes: string[], signIn?: SignInResult): MfaActivationDto {
  if (signIn?.kind !== 'session') return { backupCodes };
  return {
    backupCodes,
    accessToken: signIn.tokens.accessToken,
    refreshToken: signIn.tokens.refreshToken,
    user: toSessionUserDto(signIn.user),
  };
}
