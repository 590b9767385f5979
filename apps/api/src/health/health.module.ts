import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller.js';
import { MigrationsHealthIndicator } from './migrations.health.js';
import { ServerLifecycle } from './server-lifecycle.js';

@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json', logger: false })],
  controllers: [HealthController],
  providers: [MigrationsHealthIndicator, ServerLifecycle],
  exports: [ServerLifecycle],
})
export class HealthModule {}
