import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../libs/testing/src/database.js';
import { SecretBox } from '../common/crypto/secret-box.js';
import type { AppConfig } from '../config/app-config.js';
import { listBackups } from './backup.js';
import { DailyBackupService } from './daily-backup.service.js';

describe('the daily backup inside the API', () => {
  let db: TestDatabase;
  let dir: string;
  const box = new SecretBox([{ kid: 'k1', key: randomBytes(32) }]);
  const service = (backupDir: string | undefined) =>
    new DailyBackupService(db.dataSource, { backup: { dir: backupDir, keep: 14 } } as AppConfig, box);

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'voicedesk-daily-'));
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('does nothing when BACKUP_DIR is not set', async () => {
    await expect(service(undefined).run()).resolves.toEqual({ ran: false, reason: 'BACKUP_DIR is not set' });
  });

  it('writes one verified backup when two replicas run it at the same time', async () => {
    const now = new Date();
    const reports = await Promise.all([service(dir).run(now, 1500), service(dir).run(now, 1500)]);
    expect(reports.map((r) => r.ran).sort()).toEqual([false, true]);
    expect(reports.find((r) => !r.ran)).toEqual({ ran: false, reason: 'another replica is running it' });
    expect(await listBackups(dir)).toHaveLength(1);
  });
});
