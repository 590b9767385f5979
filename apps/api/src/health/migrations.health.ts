import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';

/** Up when every migration the build knows is applied to the database. */
@Injectable()
export class MigrationsHealthIndicator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key = 'migrations') {
    const indicator = this.health.check(key);
    try {
      const pending = await this.dataSource.showMigrations();
      return pending ? indicator.down({ message: 'Database migrations are pending' }) : indicator.up();
    } catch {
      return indicator.down({ message: 'Could not read the migrations table' });
    }
  }
}
