import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'amy.chen@clinic.example', maxLength: 254 })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'correct horse battery staple', format: 'password', maxLength: 256 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  password: string;
}

export class MfaVerifyDto {
  @ApiProperty({ description: 'the mfaToken that login answered', example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJtZmEiOnRydWV9…' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2048)
  mfaToken: string;

  @ApiProperty({ description: 'the 6-digit code of the authenticator, or an unused backup code', example: '492039' })
  @IsString()
  @Matches(/^(\d{6}|[A-Za-z0-9]{5}-?[A-Za-z0-9]{5})$/, { message: 'Enter the 6 digits your authenticator app shows, or a backup code' })
  code: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'the refresh token of the last sign-in or refresh', example: 'm3q9V0p2…' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  refreshToken: string;
}

export class LogoutDto extends RefreshDto {}

export class ChangePasswordDto {
  @ApiProperty({ format: 'password', example: 'my old passphrase' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  currentPassword: string;

  @ApiProperty({
    format: 'password',
    minLength: 12,
    maxLength: 256,
    description: 'at least 12 characters, not your email, not a common password',
    example: 'maple river lantern 42',
  })
  @IsString()
  @MaxLength(256)
  newPassword: string;
}

export class MfaActivateDto {
  @ApiProperty({ description: 'the 6-digit code the authenticator shows now', example: '492039' })
  @Matches(/^\d{6}$/, { message: 'Enter the 6 digits your authenticator app shows' })
  code: string;
}

export class MfaDisableDto {
  @ApiProperty({ format: 'password', example: 'maple river lantern 42' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  password: string;

  @ApiProperty({ description: 'a current 6-digit code or an unused backup code', example: '492039' })
  @IsString()
  @Matches(/^(\d{6}|[A-Za-z0-9]{5}-?[A-Za-z0-9]{5})$/, { message: 'Enter the 6 digits your authenticator app shows, or a backup code' })
  code: string;
}
