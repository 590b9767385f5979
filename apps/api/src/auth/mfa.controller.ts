import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SignedIn } from '../common/auth/access.decorators.js';
import { CurrentUser, type AuthUser } from '../common/auth/auth-user.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { AuthService } from './auth.service.js';
import { Client } from './client-info.decorator.js';
import { MfaActivationDto, MfaEnrolmentDto, toMfaActivationDto } from './dto/mfa.dto.js';
import { MfaActivateDto, MfaDisableDto } from './dto/requests.dto.js';
import type { ClientInfo } from './sessions.service.js';

/**
 * TOTP MFA for any user. Enrol and activate also accept, as the bearer token, the `mfaToken` that
 * login answers with `mfaEnrolmentRequired` (an admin made to enrol before the first session).
 */
@ApiTags('auth')
@Controller('auth/mfa')
export class MfaController {
  constructor(private readonly auth: AuthService) {}

  @Post('enrol')
  @SignedIn({ allowMfaEnrolment: true })
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Start MFA enrolment: a new TOTP secret for the authenticator app',
    description: 'Nothing changes at sign-in until POST /api/auth/mfa/activate confirms a code.',
  })
  @ApiOkResponse({ type: MfaEnrolmentDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'MFA is already on' })
  async enrol(@CurrentUser() user: AuthUser): Promise<MfaEnrolmentDto> {
    const { otpauthUri, secret } = await this.auth.enrolMfa(user);
    return { otpauthUri, secret };
  }

  @Post('activate')
  @SignedIn({ allowMfaEnrolment: true })
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Turn MFA on with a code from the authenticator; answers 10 one-time backup codes' })
  @ApiOkResponse({ type: MfaActivationDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'The code is not the one the authenticator shows' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'MFA is already on, or enrolment was not started' })
  async activate(@CurrentUser() user: AuthUser, @Body() dto: MfaActivateDto, @Client() client: ClientInfo): Promise<MfaActivationDto> {
    const { backupCodes, signIn } = await this.auth.activateMfa(user, dto.code, client);
    return toMfaActivationDto(backupCodes, signIn);
  }

  @Post('disable')
  @SignedIn()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Turn MFA off (needs your password and a current code or a backup code)' })
  @ApiNoContentResponse({ description: 'MFA is off' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Password or code is not valid' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'MFA is not on, or the platform requires it for admins' })
  async disable(@CurrentUser() user: AuthUser, @Body() dto: MfaDisableDto, @Client() client: ClientInfo): Promise<void> {
    await this.auth.disableMfa(user, dto.password, dto.code, client);
  }
}
