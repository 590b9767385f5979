import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { PostgresThrottlerStorage, ThrottlerStorageByName } from './postgres-throttler.storage.js';
import { throttlerOptions } from './rate-limit.options.js';
import { RateLimitGuard } from './rate-limit.guard.js';
import { SlidingWindowThrottlerStorage } from './sliding-window.storage.js';

/**
 * Rate limits (SPEC §1, §4) as a global guard. Import it AFTER `AuthModule` in the app module:
 * global guards run in registration order, and the limit needs the signed-in user that the
 * access guard puts on the request. Counters in 1 s steps: the sign-in, refresh and MFA limit
 * (`auth`) in PostgreSQL, shared by every replica (PostgresThrottlerStorage); the general and
 * webhook limits in memory, per replica (SlidingWindowThrottlerStorage; docs/rate-limits.md).
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG, DataSource],
      useFactory: (config: AppConfig, dataSource: DataSource) => ({
        ...throttlerOptions(config.rateLimits),
        storage: new ThrottlerStorageByName({ auth: new PostgresThrottlerStorage(dataSource) }, new SlidingWindowThrottlerStorage()),
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class ThrottlingModule {}
