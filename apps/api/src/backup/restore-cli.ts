import { parseArgs } from 'node:util';
import pg from 'pg';
import { CliUsageError, runCli, say } from '../common/cli.js';
import { SecretBox } from '../common/crypto/secret-box.js';
import { loadConfig } from '../config/app-config.js';
import { prepareDatabase } from '../database/prepare-database.js';
import { describeMethod, verifyBackup } from './backup.js';
import { BackupFileError } from './backup-file.js';
import { RestoreRefusedError, runRestore } from './restore.js';

const USAGE = 'usage: npm run restore -- FILE [--database-url postgres://…] [--verify]';

/** Creates the target database when it does not exist yet (needs CREATEDB on its server). */
async function ensureDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.end();
    return;
  } catch (error) {
    await client.end().catch(() => undefined);
    if ((error as { code?: string }).code !== '3D000') throw error;
  }
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  target.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: target.toString() });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    say(`Created database ${name}.`);
  } catch (error) {
    throw new CliUsageError(`database ${name} does not exist and could not be created (${(error as Error).message}): create it empty and run the restore again`);
  } finally {
    await admin.end().catch(() => undefined);
  }
}

/**
 * `npm run restore -- FILE [--database-url URL]`: restores a backup into a fresh database (the
 * embedded one, or DATABASE_URL, unless --database-url), then migrates it forward.
 * `--verify`: only reads the whole file (decrypting and checking every table) and says what it holds.
 */
async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { 'database-url': { type: 'string' }, verify: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new CliUsageError(USAGE);
  const [file] = positionals;
  const config = loadConfig();
  const box = new SecretBox(config.encryptionKeys);
  if (values.verify) {
    const { header, manifest, trailer } = await verifyBackup(file, box);
    say(`${file}: backup of ${manifest.createdAt}, made with ${describeMethod(manifest.method)} from PostgreSQL ${manifest.server.version}, key id ${header.keyId}`);
    say(`  ${manifest.migrations.length} migrations (last: ${manifest.migrations.at(-1) ?? 'none'}), job queue ${manifest.queue ? `pg-boss schema v${manifest.queue.schemaVersion}` : 'not created'}`);
    say(`  ${trailer.tables.length} tables, ${trailer.tables.reduce((n, t) => n + t.rows, 0)} rows: every chunk authenticated, every table's rows and SHA-256 match.`);
    return 0;
  }
  const url = values['database-url'];
  if (url && !/^postgres(ql)?:\/\//.test(url)) throw new CliUsageError('--database-url must be a postgres:// URL');
  if (url) await ensureDatabase(url);
  const database = url ? { url, stop: async () => undefined } : await prepareDatabase(config, say, { attach: true });
  try {
    const result = await runRestore({ file, databaseUrl: database.url, box, say });
    say(`Restored ${result.tables} tables, ${result.rows} rows (backup of ${result.createdAt}, made with ${describeMethod(result.method)}) in ${result.seconds.toFixed(1)} s.`);
    say(
      result.migrationsApplied.length
        ? `Migrated forward: ${result.migrationsApplied.join(', ')}.`
        : `The backup was at this code's latest migration (${result.migrationsRestored}).`,
    );
    say(result.queue === 'restored' ? 'The job queue (schema pgboss) was restored with its queued jobs.' : 'The backup had no job queue yet: the app creates it when it starts.');
    return 0;
  } finally {
    await database.stop();
  }
}

runCli(main, [RestoreRefusedError, BackupFileError]);
