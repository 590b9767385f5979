import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { throttlerOptions } from './rate-limit.options.js';
import { RateLimitGuard } from './rate-limit.guard.js';
import { SlidingWindowThrottlerStorage } from './sliding-window.storage.js';

/**
 * Rate limits (SPEC §1, §4) as a global guard. Import it AFTER `AuthModule` in the app module:
 * global guards run in registration order, and the limit needs the signed-in user that the
 * access guard puts on the request. Counters live in memory, per replica, in 1 s steps
 * (SlidingWindowThrottlerStorage; docs/rate-limits.md).
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ ...throttlerOptions(config.rateLimits), storage: new SlidingWindowThrottlerStorage() }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class ThrottlingModule {}
