import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { listBackups } from '../backup/backup.js';
import { readBackupHeader } from '../backup/backup-file.js';
import { CliUsageError, runCli, say, shownPath } from '../common/cli.js';
import { SecretBox } from '../common/crypto/secret-box.js';
import { loadConfig } from '../config/app-config.js';
import { dataSourceOptions } from '../database/data-source.js';
import { prepareDatabase } from '../database/prepare-database.js';
import { KeyRotationService } from './key-rotation.service.js';

const USAGE = 'usage: npm run rotate-key [-- --dry-run] [--batch-size N] [--from KID,KID]';

/**
 * `npm run rotate-key`: with ENCRYPTION_KEY=new:…,old:… (the new key first), re-encrypts every
 * stored secret under the new key (see KeyRotationService), then says which backups still need an
 * old key id. Exit 0 when everything is under the new key; 1 when rows could not be opened or a
 * column holding old ciphertext is not listed in encrypted-columns.ts.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { 'dry-run': { type: 'boolean', default: false }, 'batch-size': { type: 'string', default: '200' }, from: { type: 'string' } },
  });
  const batchSize = Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new CliUsageError(USAGE);
  const config = loadConfig();
  const [current, ...older] = config.encryptionKeys;
  if (!older.length) {
    say(`ENCRYPTION_KEY lists one key (${current.kid}): to rotate, put a new key first and keep the old one after it, e.g. ENCRYPTION_KEY=k2:<new>,${current.kid}:<old>.`);
  }
  const database = await prepareDatabase(config, say, { attach: true });
  const dataSource = new DataSource(dataSourceOptions(database.url, { extra: { max: 2, application_name: 'voicedesk-rotate-key' } }));
  await dataSource.initialize();
  try {
    const service = new KeyRotationService(dataSource, new SecretBox(config.encryptionKeys), new AuditService(dataSource.getRepository(AuditLog)));
    const report = await service.rotate({
      batchSize,
      dryRun: values['dry-run'],
      fromKeyIds: values.from ? values.from.split(',').map((k) => k.trim()).filter(Boolean) : undefined,
      onBatch: (column, done) => say(`  ${column.table}.${column.column}: ${done} so far`),
    });
    const verb = report.dryRun ? 'would re-encrypt' : 're-encrypted';
    for (const c of report.columns) {
      const from = Object.entries(c.fromKeyIds).map(([kid, n]) => `${n} from ${kid}`).join(', ');
      say(`${c.table}.${c.column}: ${verb} ${c.reencrypted}${from ? ` (${from})` : ''}${c.failedIds.length ? `; ${c.failedIds.length} could not be opened: ${c.failedIds.slice(0, 10).join(', ')}` : ''}`);
    }
    say(`${report.dryRun ? 'Dry run: ' : ''}${report.reencrypted} secret(s) ${verb} under key id ${report.toKeyId}${report.dryRun ? '' : ' (audit: encryption_key.rotate)'}.`);
    for (const c of report.unlistedColumns) {
      say(`${c.table}.${c.column} holds ${c.rows} ciphertext(s) under an old key but is not listed in apps/api/src/key-rotation/encrypted-columns.ts: add it there and run again.`);
    }
    await sayBackupKeys(config.backup.dir ?? join(config.dataDir, 'backups'), report.toKeyId);
    return report.failed || report.unlistedColumns.length ? 1 : 0;
  } finally {
    await dataSource.destroy();
    await database.stop();
  }
}

/** Backups are never re-encrypted: their key ids must stay in ENCRYPTION_KEY until they age out. */
async function sayBackupKeys(dir: string, current: string): Promise<void> {
  const byKey = new Map<string, string[]>();
  for (const file of await listBackups(dir)) {
    const { header } = await readBackupHeader(file);
    if (header.keyId !== current) byKey.set(header.keyId, [...(byKey.get(header.keyId) ?? []), file]);
  }
  for (const [kid, files] of byKey) {
    say(`${files.length} backup(s) in ${shownPath(dir)} are encrypted under key id ${kid} (newest ${shownPath(files[0])}): keep ${kid} in ENCRYPTION_KEY until they have aged out.`);
  }
}

runCli(main);
