import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessGuard } from '../common/auth/access.guard.js';
import { SecretBoxModule } from '../common/crypto/secret-box.js';
import { User } from '../users/user.entity.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { AccessTokenStrategy, MfaEnrolmentTokenStrategy } from './jwt.strategies.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { MfaController } from './mfa.controller.js';
import { MfaService } from './mfa.service.js';
import { PasswordHasher } from './password-hasher.js';
import { PlatformSettingsController } from './platform-settings.controller.js';
import { PlatformSetting } from './platform-setting.entity.js';
import { PlatformSettingsService } from './platform-settings.service.js';
import { SessionsService } from './sessions.service.js';
import { TokenService } from './token.service.js';

/**
 * Sign-in, sessions, MFA, platform settings, and the global deny-by-default guard (APP_GUARD):
 * with this module imported every route needs a valid access token unless marked `@Public()`.
 * Exports what the users module needs: hashing and "end every session of this user".
 */
@Module({
  imports: [
    PassportModule.register({ session: false }),
    // options are given on every sign/verify call (token.service.ts): nothing falls back silently
    JwtModule.register({}),
    TypeOrmModule.forFeature([User, PlatformSetting]),
    SecretBoxModule,
  ],
  controllers: [AuthController, MfaController, PlatformSettingsController],
  providers: [
    AuthService,
    MfaService,
    PasswordHasher,
    LoginThrottleService,
    PlatformSettingsService,
    SessionsService,
    TokenService,
    AccessTokenStrategy,
    MfaEnrolmentTokenStrategy,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [PasswordHasher, SessionsService],
})
export class AuthModule {}
