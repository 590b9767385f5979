import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../common/auth/public.decorator.js';
import { MigrationsHealthIndicator } from './migrations.health.js';
import { ServerLifecycle } from './server-lifecycle.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly migrations: MigrationsHealthIndicator,
    private readonly lifecycle: ServerLifecycle,
    private readonly indicators: HealthIndicatorService,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness and readiness: database reachable and migrations current' })
  @ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'Not healthy: the failing checks are named in `message` and `details`' })
  check() {
    return this.health.check([
      () => this.accepting(),
      () => this.database.pingCheck('database', { timeout: 2000 }),
      () => this.migrations.check('migrations'),
    ]);
  }

  /** Down from SIGTERM on (server.ts): a balancer polling this takes the replica out while it drains. */
  private accepting() {
    const indicator = this.indicators.check('accepting');
    return this.lifecycle.isDraining ? indicator.down({ message: 'This replica is shutting down' }) : indicator.up();
  }
}
