import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { SecretBox } from '../common/crypto/secret-box.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { runBackup, type BackupResult } from './backup.js';

/** pg advisory lock id of the daily backup ("one replica at a time"). */
export const BACKUP_LOCK_ID = 727_004;

export type DailyBackupReport =
  | { ran: true; result: BackupResult }
  | { ran: false; reason: 'BACKUP_DIR is not set' | 'another replica is running it' };

/**
 * The daily backup inside the API, for single-machine installs (`BACKUP_DIR` set): the same backup
 * as `npm run backup`, under a session advisory lock so that replicas sharing a database never run
 * it twice. Installs with several replicas rely on their managed database's backups instead
 * (docs/operations.md).
 */
@Injectable()
export class DailyBackupService {
  private readonly logger = new Logger('Backup');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly box: SecretBox,
  ) {}

  /** `holdLockMs`: keep the lock that long after the start, so a replica whose clock is late skips. */
  async run(now = new Date(), holdLockMs = 0): Promise<DailyBackupReport> {
    const dir = this.config.backup.dir;
    if (!dir) return { ran: false, reason: 'BACKUP_DIR is not set' };
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [BACKUP_LOCK_ID])) as { locked: boolean }[];
      if (!locked) return { ran: false, reason: 'another replica is running it' };
      try {
        const databaseUrl = (this.dataSource.options as { url?: string }).url!;
        const result = await runBackup({ databaseUrl, dir, keep: this.config.backup.keep, box: this.box, now });
        this.logger.log(
          { file: result.file, bytes: result.bytes, method: result.method.kind, keyId: result.keyId, tables: result.tables, rows: result.rows, seconds: result.seconds, removed: result.removed.length },
          'backup written and verified',
        );
        const wait = now.getTime() + holdLockMs - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        return { ran: true, result };
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [BACKUP_LOCK_ID]);
      }
    } finally {
      await runner.release();
    }
  }
}
