import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { AuthModule } from '../../auth/auth.module.js';
import { SessionsService } from '../../auth/sessions.service.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { PostgresThrottlerStorage, ThrottlerStorageByName } from './postgres-throttler.storage.js';
import { throttlerOptions } from './rate-limit.options.js';
import { RateLimitGuard } from './rate-limit.guard.js';
import { SlidingWindowThrottlerStorage } from './sliding-window.storage.js';

/**
 * Rate limits (SPEC §1, §4) as a global guard. Import it AFTER `AuthModule` in the app module:
 * global guards run in registration order, and the limit needs the signed-in user that the
 * access guard puts on the request. Counters in 1 s steps: the sign-in and MFA limit (`auth`) and
 * the per-session renewal limit (`refresh`) in PostgreSQL, shared by every replica (PostgresThrottlerStorage); the general and
 * webhook limits in memory, per replica (SlidingWindowThrottlerStorage; docs/rate-limits.md).
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [AuthModule],
      inject: [APP_CONFIG, DataSource, SessionsService],
      useFactory: (config: AppConfig, dataSource: DataSource, sessions: SessionsService) => {
        const shared = { auth: new PostgresThrottlerStorage(dataSource), refresh: new PostgresThrottlerStorage(dataSource) };
        return {
          ...throttlerOptions(config.rateLimits, (token) => sessions.familyOfToken(token)),
          storage: new ThrottlerStorageByName(shared, new SlidingWindowThrottlerStorage()),
        };
      },
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class ThrottlingModule {}
