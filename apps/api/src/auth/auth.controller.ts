import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { annotateAudit } from '../audit/http-audit.js';
import { SignedIn } from '../common/auth/access.decorators.js';
import { CurrentUser, type AuthUser } from '../common/auth/auth-user.js';
import { Public } from '../common/auth/public.decorator.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { AuthService } from './auth.service.js';
import { Client } from './client-info.decorator.js';
import { ChangePasswordDto, LoginDto, LogoutDto, MfaVerifyDto, RefreshDto } from './dto/requests.dto.js';
import { LoginResponseDto, MeDto, TokenPairDto, toLoginResponseDto, toMeDto, toTokenPairDto } from './dto/session.dto.js';
import type { ClientInfo } from './sessions.service.js';

const invalid = ApiBadRequestResponse({ type: ErrorResponseDto, description: 'The body is not valid (one entry per field)' });
const locked = ApiTooManyRequestsResponse({
  type: ErrorResponseDto,
  description: 'Too many failed attempts for this account or from this address; see the Retry-After header (seconds)',
});

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Sign in with email and password', description: 'Answers a session, or the MFA step still to do.' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Email or password is incorrect (the same answer for both)' })
  @invalidAndLocked()
  async login(@Body() dto: LoginDto, @Client() client: ClientInfo): Promise<LoginResponseDto> {
    return toLoginResponseDto(await this.auth.login(dto.email, dto.password, client));
  }

  @Post('mfa/verify')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Finish sign-in with a TOTP code or a one-time backup code' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'The code or the MFA token is not valid' })
  @invalidAndLocked()
  async verifyMfa(@Body() dto: MfaVerifyDto, @Client() client: ClientInfo): Promise<LoginResponseDto> {
    return toLoginResponseDto(await this.auth.verifyMfa(dto.mfaToken, dto.code, client));
  }

  @Post('refresh')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new pair',
    description: 'The presented token is spent. Presenting a spent token again ends the whole session (all its tokens).',
  })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Unknown, expired, revoked or reused refresh token' })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiTooManyRequestsResponse({
    type: ErrorResponseDto,
    description: 'This session was renewed too often in the last minute (a token never issued: too many from this address); see the Retry-After header (seconds). The session stays valid.',
  })
  async refresh(@Body() dto: RefreshDto, @Client() client: ClientInfo, @Req() request: Request): Promise<TokenPairDto> {
    const renewed = await this.auth.refresh(dto.refreshToken, client);
    // a renewal carries no access token: the trail names the user whose session it renewed
    annotateAudit(request, { actor: { type: 'user', id: renewed.user.id, email: renewed.user.email }, clinicId: renewed.user.clinicId ?? undefined });
    return toTokenPairDto(renewed);
  }

  @Post('logout')
  @SignedIn()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Sign out: revokes the refresh token and every token rotated from the same sign-in' })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  async logout(@CurrentUser() user: AuthUser, @Body() dto: LogoutDto): Promise<void> {
    await this.auth.logout(user, dto.refreshToken);
  }

  @Get('me')
  @SignedIn()
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: MeDto })
  async me(@CurrentUser() user: AuthUser): Promise<MeDto> {
    return toMeDto(await this.auth.currentUser(user));
  }

  @Post('password')
  @SignedIn()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Change your password',
    description: 'Ends every session of the user (all devices) and answers a new session for this one.',
  })
  @ApiOkResponse({ type: TokenPairDto })
  @invalidAndLocked()
  async changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto, @Client() client: ClientInfo): Promise<TokenPairDto> {
    return toTokenPairDto(await this.auth.changePassword(user, dto.currentPassword, dto.newPassword, client));
  }
}

function invalidAndLocked(): MethodDecorator {
  return (target, key, descriptor) => {
    invalid(target, key, descriptor);
    locked(target, key, descriptor);
  };
}
