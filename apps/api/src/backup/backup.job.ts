import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { DailyBackupService } from './daily-backup.service.js';

/** Every replica schedules it; the advisory lock (held a minute) lets one run it. */
const HOLD_LOCK_MS = 60_000;

/** The daily backup at 02:00 UTC (seed 000), when BACKUP_DIR is set. */
@Injectable()
export class BackupJob {
  private readonly logger = new Logger('Backup');

  constructor(private readonly backups: DailyBackupService) {}

  @Cron('0 0 2 * * *', { name: 'backup', timeZone: 'UTC' })
  async daily(): Promise<void> {
    try {
      await this.backups.run(new Date(), HOLD_LOCK_MS);
    } catch (error) {
      this.logger.error({ err: error }, 'backup failed');
    }
  }
}
