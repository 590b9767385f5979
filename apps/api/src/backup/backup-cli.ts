import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CliUsageError, humanBytes, runCli, say, shownPath } from '../common/cli.js';
import { SecretBox } from '../common/crypto/secret-box.js';
import { loadConfig } from '../config/app-config.js';
import { prepareDatabase } from '../database/prepare-database.js';
import { runBackup, describeMethod } from './backup.js';
import { BackupFileError } from './backup-file.js';

/**
 * `npm run backup [-- --method logical]`: one backup of the database the app uses (the embedded
 * one, running or not, or DATABASE_URL) into BACKUP_DIR (default .data/backups), keeping the
 * newest BACKUP_KEEP (14). See docs/operations.md.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { method: { type: 'string', default: 'auto' } } });
  if (values.method !== 'auto' && values.method !== 'logical') throw new CliUsageError('usage: npm run backup [-- --method auto|logical]');
  const config = loadConfig();
  const dir = config.backup.dir ?? join(config.dataDir, 'backups');
  const database = await prepareDatabase(config, say, { attach: true });
  try {
    const result = await runBackup({
      databaseUrl: database.url,
      dir,
      keep: config.backup.keep,
      box: new SecretBox(config.encryptionKeys),
      method: values.method,
      say,
    });
    say(
      `Backup written and verified: ${shownPath(result.file)} (${humanBytes(result.bytes)}, ${result.tables} tables, ${result.rows} rows, ${result.seconds.toFixed(1)} s)`,
    );
    say(`Made with ${describeMethod(result.method)}; encrypted with key id ${result.keyId} of ENCRYPTION_KEY.`);
    if (result.removed.length) say(`Removed ${result.removed.length} older backup(s): keeping the newest ${config.backup.keep}.`);
    return 0;
  } finally {
    await database.stop();
  }
}

runCli(main, [BackupFileError]);
