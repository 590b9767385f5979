import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsEnum, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { MAX_PAGE_SIZE } from '../../common/pagination/cursor.js';
import { PageCursor, PageLimit } from '../../common/pagination/page-query.dto.js';
import { UserRole } from '../../database/enums.js';

export class CreateUserDto {
  @ApiProperty({ example: 'amy.chen@clinic.example', maxLength: 254 })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Amy', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  firstName: string;

  @ApiProperty({ example: 'Chen', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  lastName: string;

  @ApiProperty({ enum: UserRole, enumName: 'UserRole', example: UserRole.ClinicManager })
  @IsEnum(UserRole)
  role: UserRole;

  @ApiPropertyOptional({
    format: 'uuid',
    type: String,
    nullable: true,
    description: 'required for a clinic manager (an existing clinic); must be absent or null for a platform admin',
    example: '5d1e8a3b-2f4c-4b6d-9e7f-1a2b3c4d5e6f',
  })
  @IsOptional()
  @IsUUID('all')
  clinicId?: string | null;

  @ApiPropertyOptional({
    format: 'password',
    minLength: 12,
    description: 'initial password (≥ 12 characters, not the email, not common); omitted → one is generated and answered once',
    example: 'maple river lantern 42',
  })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  password?: string;
}

/** Only the fields sent change. */
export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'Amy' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  firstName?: string;

  @ApiPropertyOptional({ example: 'Chen' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  lastName?: string;

  @ApiPropertyOptional({ enum: UserRole, enumName: 'UserRole', example: UserRole.ClinicManager })
  @IsOptional()
  @IsEnum(UserRole)
  role?: UserRole;

  @ApiPropertyOptional({
    format: 'uuid',
    type: String,
    nullable: true,
    description: "a clinic manager's clinic (an existing clinic); null only together with role platform_admin",
    example: '5d1e8a3b-2f4c-4b6d-9e7f-1a2b3c4d5e6f',
  })
  @ValidateIf((_o, value) => value !== null)
  @IsOptional()
  @IsUUID('all')
  clinicId?: string | null;

  @ApiPropertyOptional({ example: false, description: 'false deactivates the user and ends all their sessions at once' })
  @IsOptional()
  @IsBoolean()
  isActive?: boolean;
}

export class ListUsersQueryDto {
  @PageLimit(MAX_PAGE_SIZE)
  limit?: number;

  @PageCursor()
  cursor?: string;
}
