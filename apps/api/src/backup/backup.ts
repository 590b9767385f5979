import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import type { SecretBox } from '../common/crypto/secret-box.js';
import { openBackupFile, writeBackupFile, writeText, type BackupHeader } from './backup-file.js';
import { COPY_SESSION_SETTINGS, readMigrations, readQueue, readSequences, readTables, serverVersion } from './catalog.js';
import { manifestLine, quoteTable, readDump, trailerLine, type DumpManifest, type DumpMethod, type DumpTrailer } from './dump-format.js';
import { copyTablesOut } from './logical-dump.js';
import { matchingPgDump, pgDumpTables } from './pg-dump.js';

export const DEFAULT_BACKUP_KEEP = 14;
const FILE_PATTERN = /^voicedesk-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.vdbak$/;
const STALE_PARTIAL_MS = 24 * 60 * 60 * 1000;

export interface BackupOptions {
  databaseUrl: string;
  dir: string;
  /** how many backups to keep in `dir` (the newest) */
  keep: number;
  box: SecretBox;
  /** `auto` (default): pg_dump when one of the server's major version is on the PATH, else in-process */
  method?: 'auto' | 'logical';
  now?: Date;
  say?: (line: string) => void;
}

export interface BackupResult {
  file: string;
  bytes: number;
  method: DumpMethod;
  /** why that method (e.g. "pg_dump 15.14 on the PATH cannot dump PostgreSQL 18") */
  methodReason: string;
  keyId: string;
  migrations: number;
  tables: number;
  rows: number;
  seconds: number;
  removed: string[];
}

/** `voicedesk-2026-11-15T02-00-00-000Z.vdbak`: sorts by time. */
export function backupFileName(at: Date): string {
  return `voicedesk-${at.toISOString().replace(/[:.]/g, '-')}.vdbak`;
}

/** The backups in `dir`, newest first. */
export async function listBackups(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  return names.filter((n) => FILE_PATTERN.test(n)).sort().reverse().map((n) => join(dir, n));
}

/**
 * `npm run backup` and the daily run: one consistent, compressed, encrypted backup of the whole
 * database (every application table and the job queue's schema) in `dir`, read back and checked
 * before it counts, then only the newest `keep` kept.
 */
export async function runBackup(options: BackupOptions): Promise<BackupResult> {
  const say = options.say ?? (() => undefined);
  const started = Date.now();
  const createdAt = options.now ?? new Date();
  await mkdir(options.dir, { recursive: true, mode: 0o700 });
  const file = join(options.dir, backupFileName(createdAt));
  const partial = join(options.dir, `.${backupFileName(createdAt)}.partial`);
  const client = new pg.Client({ connectionString: options.databaseUrl, application_name: 'voicedesk-backup' });
  await client.connect();
  let manifest: DumpManifest;
  let trailer: DumpTrailer;
  let methodReason: string;
  try {
    for (const setting of COPY_SESSION_SETTINGS) await client.query(setting);
    // one snapshot for the manifest and every row; READ ONLY: the backup never writes
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const server = await serverVersion(client);
    const migrations = await readMigrations(client);
    const queue = await readQueue(client);
    const { tables, partitions } = await readTables(client);
    // like pg_dump: no table can be dropped or altered under the backup while it runs
    if (tables.length) await client.query(`LOCK TABLE ${tables.map(quoteTable).join(', ')} IN ACCESS SHARE MODE`);
    const sequences = await readSequences(client);
    const chosen = options.method === 'logical' ? { client: null, reason: 'in-process dump asked for' } : await matchingPgDump(server.major);
    const method: DumpMethod = chosen.client ? { kind: 'pg_dump', version: chosen.client.version } : { kind: 'logical' };
    methodReason = chosen.reason;
    const snapshot = chosen.client ? (await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0].id : undefined;
    manifest = { createdAt: createdAt.toISOString(), method, server, migrations, queue, tables, partitions, sequences };
    say(`Backing up ${tables.length} tables (${migrations.length} migrations, job queue ${queue ? `v${queue.schemaVersion}` : 'not created yet'}) with ${describeMethod(method)}: ${methodReason}`);
    await writeBackupFile(partial, options.box, createdAt, async (plain) => {
      await writeText(plain, manifestLine(manifest));
      const digests = snapshot
        ? await pgDumpTables(options.databaseUrl, snapshot, tables, plain)
        : await copyTablesOut(client, tables, plain);
      trailer = { tables: digests };
      await writeText(plain, trailerLine(trailer));
    });
    await client.query('COMMIT');
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
  let keyId: string;
  try {
    const verified = await verifyBackup(partial, options.box);
    if (JSON.stringify(verified.trailer) !== JSON.stringify(trailer!)) throw new Error('the backup read back differs from what was written');
    keyId = verified.header.keyId;
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  const removed = await pruneBackups(options.dir, options.keep);
  const bytes = (await stat(file)).size;
  return {
    file,
    bytes,
    method: manifest.method,
    methodReason,
    keyId,
    migrations: manifest.migrations.length,
    tables: manifest.tables.length,
    rows: trailer!.tables.reduce((n, t) => n + t.rows, 0),
    seconds: (Date.now() - started) / 1000,
    removed,
  };
}

export function describeMethod(method: DumpMethod): string {
  return method.kind === 'pg_dump' ? `pg_dump ${method.version}` : 'the in-process logical dump (COPY in one repeatable-read snapshot)';
}

/** Reads a whole backup (decrypting and checking every chunk, every table's rows against its trailer). */
export async function verifyBackup(path: string, box: SecretBox): Promise<{ header: BackupHeader; manifest: DumpManifest; trailer: DumpTrailer }> {
  const { header, dump } = await openBackupFile(path, box);
  let manifest: DumpManifest | undefined;
  try {
    const trailer = await readDump(dump, {
      manifest: async (m) => {
        manifest = m;
      },
      table: async (_table, rows) => {
        for await (const _batch of rows) {
          // read to check
        }
      },
      trailer: async () => undefined,
    });
    return { header, manifest: manifest!, trailer };
  } finally {
    dump.destroy();
  }
}

/** Keeps the newest `keep` backups; removes older ones and partial files left by a crash a day ago. */
export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
  const removed: string[] = [];
  for (const old of (await listBackups(dir)).slice(Math.max(1, keep))) {
    await rm(old, { force: true });
    removed.push(old);
  }
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.vdbak.partial')) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > STALE_PARTIAL_MS) await rm(path, { force: true });
  }
  return removed;
}
