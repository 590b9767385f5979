import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { RetentionService } from './retention.service.js';

/** Every replica schedules it; the advisory lock (held a minute) lets one run it. */
const HOLD_LOCK_MS = 60_000;

/** The retention run, daily at 03:00 UTC (SPEC §9). */
@Injectable()
export class RetentionJob {
  private readonly logger = new Logger('Retention');

  constructor(private readonly retention: RetentionService) {}

  @Cron('0 0 3 * * *', { name: 'retention', timeZone: 'UTC' })
  async daily(): Promise<void> {
    try {
      await this.retention.run(new Date(), HOLD_LOCK_MS);
    } catch (error) {
      this.logger.error({ err: error }, 'retention run failed');
    }
  }
}
