import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UserRole } from '../../database/enums.js';
import type { User } from '../user.entity.js';
import { PageOf } from '../../common/pagination/page.dto.js';

/** A console user as the API shows it: never the password hash, the MFA secret or backup codes. */
export class UserDto {
  @ApiProperty({ format: 'uuid', example: '0b7f5f0e-3c1a-4a57-9a4e-2f0d6f1b8c11' })
  id: string;

  @ApiProperty({ example: 'amy.chen@clinic.example' })
  email: string;

  @ApiProperty({ example: 'Amy Chen' })
  name: string;

  @ApiProperty({ example: 'Amy' })
  firstName: string;

  @ApiProperty({ example: 'Chen' })
  lastName: string;

  @ApiProperty({ enum: UserRole, enumName: 'UserRole', example: UserRole.ClinicManager })
  role: UserRole;

  @ApiProperty({ format: 'uuid', type: String, nullable: true, description: 'null for platform admins', example: '5d1e8a3b-2f4c-4b6d-9e7f-1a2b3c4d5e6f' })
  clinicId: string | null;

  @ApiProperty({ example: true })
  isActive: boolean;

  @ApiProperty({ example: false })
  mfaEnabled: boolean;

  @ApiProperty({ example: false, description: 'true after an admin reset the password, until the user chooses their own' })
  mustChangePassword: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-23T17:32:59.000Z' })
  lastLoginAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-11-01T09:00:00.000Z' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-11-01T09:00:00.000Z' })
  updatedAt: string;
}

export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: `${user.firstName} ${user.lastName}`.trim(),
    firstName: user.firstName,
    lastName: user.lastName,
    role: user.role,
    clinicId: user.clinicId,
    isActive: user.isActive,
    mfaEnabled: user.mfaEnabled,
    mustChangePassword: user.mustChangePassword,
    lastLoginAt: user.lastLoginAt ? user.lastLoginAt.toISOString() : null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

export class CreatedUserDto extends UserDto {
  @ApiPropertyOptional({
    description: 'only when the password was generated: shown this once, stored nowhere in clear',
    example: 'k7m2p-x9q4r-a3b8c-d2e7f',
  })
  initialPassword?: string;
}

export function toCreatedUserDto(user: User, generatedPassword: string | undefined): CreatedUserDto {
  return generatedPassword ? { ...toUserDto(user), initialPassword: generatedPassword } : toUserDto(user);
}

export class PasswordResetDto extends UserDto {
  @ApiProperty({ description: 'the new one-time password: shown this once, stored nowhere in clear', example: 'k7m2p-x9q4r-a3b8c-d2e7f' })
  initialPassword: string;
}

export class UserListDto extends PageOf(UserDto) {}
