import { Module } from '@nestjs/common';
import { BackupJob } from './backup.job.js';
import { DailyBackupService } from './daily-backup.service.js';

/**
 * Backups: the daily run inside the API (when BACKUP_DIR is set). The commands `npm run backup`
 * and `npm run restore` use the same code without Nest (backup-cli.ts, restore-cli.ts).
 * @Cron is picked up by the one ScheduleModule.forRoot() of the app (imported by CallsModule).
 */
@Module({
  providers: [DailyBackupService, BackupJob],
})
export class BackupModule {}
