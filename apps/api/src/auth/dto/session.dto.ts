import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UserRole } from '../../database/enums.js';
import type { User } from '../../users/user.entity.js';
import type { SignInResult } from '../auth.service.js';
import type { SessionTokens } from '../sessions.service.js';

export class SessionUserDto {
  @ApiProperty({ format: 'uuid', example: '0b7f5f0e-3c1a-4a57-9a4e-2f0d6f1b8c11' })
  id: string;

  @ApiProperty({ example: 'amy.chen@clinic.example' })
  email: string;

  @ApiProperty({ enum: UserRole, enumName: 'UserRole', example: UserRole.ClinicManager })
  role: UserRole;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null for platform admins', example: null })
  clinicId: string | null;

  @ApiProperty({ example: 'Amy Chen', description: 'first and last name' })
  name: string;

  @ApiProperty({ example: false, description: 'true after an admin reset the password: the user must choose a new one (POST /api/auth/password) before anything else' })
  mustChangePassword: boolean;
}

export function toSessionUserDto(user: User): SessionUserDto {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    clinicId: user.clinicId,
    name: `${user.firstName} ${user.lastName}`.trim(),
    mustChangePassword: user.mustChangePassword,
  };
}

export class TokenPairDto {
  @ApiProperty({ description: 'JWT (HS256) for `Authorization: Bearer`, valid 15 minutes', example: 'eyJhbGciOiJIUzI1NiIs…' })
  accessToken: string;

  @ApiProperty({
    description: 'opaque, single use: exchange it at POST /api/auth/refresh for a new pair (valid 14 days)',
    example: 'm3q9V0p2…',
  })
  refreshToken: string;
}

export function toTokenPairDto(tokens: SessionTokens): TokenPairDto {
  return { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
}

/**
 * The answer of login and of the MFA step. Exactly one of three shapes:
 * a session (`accessToken`, `refreshToken`, `user`);
 * `{mfaRequired: true, mfaToken}` — send the authenticator's code to POST /api/auth/mfa/verify;
 * `{mfaEnrolmentRequired: true, mfaToken}` — the platform requires MFA for admins and this admin
 * has none: call POST /api/auth/mfa/enrol and /activate with `Authorization: Bearer <mfaToken>`;
 * activate then answers the session.
 */
export class LoginResponseDto {
  @ApiPropertyOptional({ description: 'present when signed in', example: 'eyJhbGciOiJIUzI1NiIs…' })
  accessToken?: string;

  @ApiPropertyOptional({ description: 'present when signed in', example: 'm3q9V0p2…' })
  refreshToken?: string;

  @ApiPropertyOptional({ type: SessionUserDto, description: 'present when signed in' })
  user?: SessionUserDto;

  @ApiPropertyOptional({ description: 'true: finish with POST /api/auth/mfa/verify', example: true })
  mfaRequired?: boolean;

  @ApiPropertyOptional({ description: 'true: enrol MFA first (platform admins, when the platform requires it)', example: true })
  mfaEnrolmentRequired?: boolean;

  @ApiPropertyOptional({ description: 'short-lived (5 min) token for the MFA step', example: 'eyJhbGciOiJIUzI1NiIs…' })
  mfaToken?: string;
}

export function toLoginResponseDto(result: SignInResult): LoginResponseDto {
  switch (result.kind) {
    case 'session':
      return { ...toTokenPairDto(result.tokens), user: toSessionUserDto(result.user) };
    case 'mfa_required':
      return { mfaRequired: true, mfaToken: result.mfaToken };
    case 'mfa_enrolment_required':
      return { mfaEnrolmentRequired: true, mfaToken: result.mfaToken };
  }
}

export class MeDto extends SessionUserDto {
  @ApiProperty({ example: 'Amy' })
  firstName: string;

  @ApiProperty({ example: 'Chen' })
  lastName: string;

  @ApiProperty({ example: false })
  mfaEnabled: boolean;

  @ApiProperty({ example: 10, description: 'unused MFA backup codes left' })
  backupCodesRemaining: number;
}

export function toMeDto(user: User): MeDto {
  return {
    ...toSessionUserDto(user),
    firstName: user.firstName,
    lastName: user.lastName,
    mfaEnabled: user.mfaEnabled,
    backupCodesRemaining: user.mfaEnabled ? user.mfaBackupCodeHashes.length : 0,
  };
}
