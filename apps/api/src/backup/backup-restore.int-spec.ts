import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../libs/testing/src/database.js';
import { waitFor } from '../../../../libs/testing/src/telnyx-fake.js';
import { MIGRATIONS } from '../../../../migrations/index.js';
import { SecretBox } from '../common/crypto/secret-box.js';
import { migrationName, runMigrations } from '../database/data-source.js';
import { JOBS_SCHEMA, JobQueue } from '../jobs/job-queue.js';
import { openBackupFile } from './backup-file.js';
import { listBackups, runBackup, verifyBackup, type BackupResult } from './backup.js';
import { readTables } from './catalog.js';
import { qualified, quoteIdent, quoteTable, type DumpedTable } from './dump-format.js';
import { matchingPgDump } from './pg-dump.js';
import { RestoreRefusedError, runRestore } from './restore.js';
import { fillEveryTable } from './testing/fill-every-table.js';

const key = (kid: string) => ({ kid, key: randomBytes(32) });
const k1 = key('k1');
const box = new SecretBox([k1]);
const MARKER = `Backup Marker Clinic ${randomBytes(4).toString('hex')}`;
const QUEUED_TEXT = 'test.queued-text';

function urlFor(database: string, user?: { name: string; password: string }): string {
  const url = new URL(inject('pgAdminUrl'));
  url.pathname = `/${database}`;
  if (user) {
    url.username = user.name;
    url.password = user.password;
  }
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>, database = 'postgres'): Promise<T> {
  const client = new pg.Client({ connectionString: urlFor(database) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database owned by a role that is no superuser, like the application's in production. */
async function freshDatabaseOfOwnRole(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const suffix = randomBytes(5).toString('hex');
  const role = { name: `owner_${suffix}`, password: randomBytes(12).toString('hex') };
  const name = `r_${suffix}`;
  await admin(async (c) => {
    await c.query(`CREATE ROLE ${role.name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${role.password}'`);
    await c.query(`CREATE DATABASE ${name} OWNER ${role.name} TEMPLATE template0`);
  });
  return {
    url: urlFor(name, role),
    name,
    async drop() {
      await admin(async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.query(`DROP ROLE IF EXISTS ${role.name}`);
      });
    },
  };
}

interface TableState {
  rows: number;
  md5: string;
}

/** Row count and a checksum of every table (all columns, rows in a stable order), and every sequence. */
async function databaseState(
  url: string,
  only?: DumpedTable[],
): Promise<{ tables: Map<string, TableState>; sequences: Map<string, string | null>; migrations: string[]; layout: DumpedTable[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET TimeZone = 'UTC'`);
    const { tables } = await readTables(client);
    const states = new Map<string, TableState>();
    // `only`: those tables and columns (a schema migrated forward since has more)
    for (const table of only ?? tables) {
      const row = only ? `row(${table.columns.map(quoteIdent).join(', ')})` : 't';
      const { rows } = await client.query<{ rows: number; md5: string }>(
        `SELECT count(*)::int AS rows, md5(coalesce(string_agg(${row}::text, E'\\n' ORDER BY ${row}::text), '')) AS md5 FROM ${quoteTable(table)} t`,
      );
      states.set(qualified(table), rows[0]);
    }
    const sequences = await client.query<{ name: string; value: string | null }>(
      `SELECT schemaname || '.' || sequencename AS name, last_value::text AS value FROM pg_sequences WHERE schemaname IN ('public', $1) AND sequencename <> 'migrations_id_seq'`,
      [JOBS_SCHEMA],
    );
    const migrations = (await client.query<{ name: string }>(`SELECT name FROM migrations ORDER BY id`)).rows.map((r) => r.name);
    return { tables: states, sequences: new Map(sequences.rows.map((r) => [r.name, r.value])), migrations, layout: tables };
  } finally {
    await client.end();
  }
}

/** The job queue as the application left it: a queue whose worker has not taken its text yet. */
async function queueAText(url: string): Promise<void> {
  const boss = new PgBoss({ connectionString: url, schema: JOBS_SCHEMA, max: 2, schedule: false, supervise: false });
  boss.on('error', () => undefined);
  await boss.start();
  await boss.createQueue(QUEUED_TEXT, { retryLimit: 3 });
  await boss.send(QUEUED_TEXT, { to: '+16045550142', body: 'Your appointment is confirmed' });
  // pg-boss's own schedule and subscription rows (the filler's values would not satisfy their checks)
  await boss.createQueue('test.nightly');
  await boss.schedule('test.nightly', '0 3 * * *', { report: true }, { tz: 'America/Vancouver' });
  await boss.subscribe('test.event', QUEUED_TEXT);
  const stopped = once(boss, 'stopped');
  await boss.stop({ graceful: false });
  await stopped;
}

describe('backups: npm run backup / npm run restore', () => {
  let source: TestDatabase;
  let dir: string;
  let first: BackupResult;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'voicedesk-backups-'));
    source = await createTestDatabase();
    await queueAText(source.url);
    await admin(async (c) => {
      await fillEveryTable(c);
      await c.query(`UPDATE clinics SET name = $1 WHERE id = (SELECT id FROM clinics ORDER BY id LIMIT 1)`, [MARKER]);
    }, source.name);
    first = await runBackup({ databaseUrl: source.url, dir, keep: 14, box, method: 'logical' });
  });
  afterAll(async () => {
    await source?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the test database has rows in every table of the application and of the job queue', async () => {
    const state = await databaseState(source.url);
    const empty = [...state.tables].filter(([, s]) => s.rows === 0).map(([name]) => name);
    expect(empty).toEqual([]);
    expect([...state.tables.keys()].filter((t) => t.startsWith(`${JOBS_SCHEMA}.`)).length).toBeGreaterThan(3);
    expect(state.tables.size).toBeGreaterThan(25);
  });

  it('restores into a fresh database, as a role that is no superuser, with the same rows and checksum in every table', async () => {
    const target = await freshDatabaseOfOwnRole();
    try {
      const restored = await runRestore({ file: first.file, databaseUrl: target.url, box });
      const before = await databaseState(source.url);
      const after = await databaseState(target.url);
      expect(after.tables).toEqual(before.tables);
      expect(after.sequences).toEqual(before.sequences);
      expect(after.migrations).toEqual(before.migrations);
      expect(restored).toMatchObject({ method: { kind: 'logical' }, keyId: 'k1', tables: before.tables.size, queue: 'restored', migrationsApplied: [] });
      expect(restored.rows).toBe([...before.tables.values()].reduce((n, t) => n + t.rows, 0));
      console.log(
        `backup of the test database: ${first.tables} tables, ${first.rows} rows, ${first.bytes} bytes in ${first.seconds.toFixed(2)} s; restored in ${restored.seconds.toFixed(2)} s`,
      );
    } finally {
      await target.drop();
    }
  });

  it('a text queued before the backup is sent by the restored database\'s job queue', async () => {
    const target = await freshDatabaseOfOwnRole();
    const queue = new JobQueue({ databaseUrl: target.url, pollingIntervalSeconds: 0.5 });
    const sent: unknown[] = [];
    try {
      await runRestore({ file: first.file, databaseUrl: target.url, box });
      queue.register<{ to: string; body: string }>({
        name: QUEUED_TEXT,
        retryLimit: 3,
        retryDelaySeconds: 1,
        retryDelayMaxSeconds: 2,
        expireInSeconds: 10,
        handle: async (attempt) => {
          sent.push(attempt.data);
        },
      });
      await queue.onApplicationBootstrap();
      await waitFor(() => (sent.length ? true : undefined), 15_000, 'the queued text');
      expect(sent).toEqual([{ to: '+16045550142', body: 'Your appointment is confirmed' }]);
    } finally {
      await queue.beforeApplicationShutdown();
      await target.drop();
    }
  }, 40_000);

  it('records how it was made, its migrations and the key id; the file is 0600 and named by its time', async () => {
    expect(first.method).toEqual({ kind: 'logical' });
    expect(first.keyId).toBe('k1');
    expect(basename(first.file)).toMatch(/^voicedesk-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.vdbak$/);
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
    const { header, manifest } = await verifyBackup(first.file, box);
    expect(header.keyId).toBe('k1');
    expect(manifest.migrations).toEqual(MIGRATIONS.map(migrationName));
    expect(manifest.queue?.schemaVersion).toBeGreaterThan(0);
  });

  it('is never readable without the key: no plaintext in the file, another key or a missing key id opens nothing, a changed byte is refused', async () => {
    const bytes = readFileSync(first.file);
    for (const needle of [MARKER, 'clinics', QUEUED_TEXT, 'VOICEDESK-DUMP', '+16045550142']) {
      expect(bytes.includes(Buffer.from(needle))).toBe(false);
    }
    const body = bytes.subarray(bytes.indexOf(0x0a) + 1);
    expect(() => gunzipSync(body)).toThrow();
    await expect(verifyBackup(first.file, new SecretBox([{ kid: 'k1', key: randomBytes(32) }]))).rejects.toThrow(/cannot be opened/);
    await expect(verifyBackup(first.file, new SecretBox([key('k2')]))).rejects.toThrow(/key id "k1", which ENCRYPTION_KEY does not list/);

    const tampered = join(dir, 'tampered.bin');
    const changed = Buffer.from(bytes);
    changed[changed.length - 100] ^= 0x01;
    writeFileSync(tampered, changed);
    await expect(verifyBackup(tampered, box)).rejects.toThrow(/authentication failed/);
    writeFileSync(tampered, bytes.subarray(0, bytes.length - 40));
    await expect(verifyBackup(tampered, box)).rejects.toThrow();
    const header = bytes.subarray(0, bytes.indexOf(0x0a)).toString('utf8').replace('"keyId":"k1"', '"keyId":"k9"');
    writeFileSync(tampered, Buffer.concat([Buffer.from(header), bytes.subarray(bytes.indexOf(0x0a))]));
    await expect(verifyBackup(tampered, box)).rejects.toThrow(/authentication failed/);
    rmSync(tampered);
  });

  it('stays readable after a key rotation while the old key id is still listed', async () => {
    const rotated = new SecretBox([key('k2'), k1]);
    const { header, dump } = await openBackupFile(first.file, rotated);
    dump.destroy();
    expect(header.keyId).toBe('k1');
    await expect(verifyBackup(first.file, rotated)).resolves.toMatchObject({ header: { keyId: 'k1' } });
  });

  it('keeps the newest BACKUP_KEEP backups', async () => {
    const keepDir = mkdtempSync(join(tmpdir(), 'voicedesk-keep-'));
    try {
      const names: string[] = [];
      for (let day = 1; day <= 4; day += 1) {
        const result = await runBackup({ databaseUrl: source.url, dir: keepDir, keep: 2, box, method: 'logical', now: new Date(Date.UTC(2026, 10, day, 2)) });
        names.push(result.file);
      }
      expect(await listBackups(keepDir)).toEqual([names[3], names[2]]);
    } finally {
      rmSync(keepDir, { recursive: true, force: true });
    }
  });

  it('refuses to restore into a database that is not empty, and changes nothing there', async () => {
    await expect(runRestore({ file: first.file, databaseUrl: source.url, box })).rejects.toThrow(RestoreRefusedError);
  });

  it('refuses a backup that knows a migration this code does not, before touching the target', async () => {
    const newer = await createTestDatabase();
    const target = await freshDatabaseOfOwnRole();
    const newerDir = mkdtempSync(join(tmpdir(), 'voicedesk-newer-'));
    try {
      await newer.dataSource.query(`INSERT INTO migrations ("timestamp", name) VALUES (1899999999999, 'FromTheFuture1899999999999')`);
      const made = await runBackup({ databaseUrl: newer.url, dir: newerDir, keep: 1, box, method: 'logical' });
      await expect(runRestore({ file: made.file, databaseUrl: target.url, box })).rejects.toThrow(/FromTheFuture1899999999999/);
      const tables = await admin((c) => c.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname IN ('public', 'pgboss')`), target.name);
      expect(tables.rows[0].n).toBe(0);
    } finally {
      await newer.drop();
      await target.drop();
      rmSync(newerDir, { recursive: true, force: true });
    }
  });

  it('restores a backup made by older code (fewer migrations) and migrates it forward', async () => {
    const older = await createTestDatabase({ migrated: false });
    const target = await freshDatabaseOfOwnRole();
    const olderDir = mkdtempSync(join(tmpdir(), 'voicedesk-older-'));
    try {
      const had = MIGRATIONS.slice(0, -2);
      await runMigrations(older.url, had);
      await admin((c) => fillEveryTable(c), older.name);
      const made = await runBackup({ databaseUrl: older.url, dir: olderDir, keep: 1, box, method: 'logical' });
      const restored = await runRestore({ file: made.file, databaseUrl: target.url, box });
      expect(restored.migrationsRestored).toBe(had.length);
      expect(restored.migrationsApplied).toEqual(MIGRATIONS.slice(-2).map(migrationName));
      expect(restored.queue).toBe('absent');
      const now = await databaseState(target.url);
      expect(now.migrations).toEqual(MIGRATIONS.map(migrationName));
      // the columns both schemas have (the later migrations dropped some and added others)
      const shared = (await databaseState(older.url)).layout.map((table) => {
        const later = now.layout.find((t) => qualified(t) === qualified(table));
        return { ...table, columns: table.columns.filter((c) => later?.columns.includes(c)) };
      });
      expect((await databaseState(target.url, shared)).tables).toEqual((await databaseState(older.url, shared)).tables);
    } finally {
      await older.drop();
      await target.drop();
      rmSync(olderDir, { recursive: true, force: true });
    }
  });
});

describe('backups with pg_dump', () => {
  it('uses pg_dump only when one of the server\'s major version is on the PATH (same rows restored), and says why not otherwise', async () => {
    const db = await createTestDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'voicedesk-pgdump-'));
    try {
      await queueAText(db.url);
      await admin((c) => fillEveryTable(c), db.name);
      const major = Number((await db.dataSource.query(`SELECT current_setting('server_version_num') AS n`))[0].n) / 10000;
      const found = await matchingPgDump(Math.floor(major));
      const made = await runBackup({ databaseUrl: db.url, dir, keep: 1, box });
      if (found.client) {
        // runs where a matching pg_dump exists (e.g. TEST_DATABASE_URL on Debian's PostgreSQL 15)
        expect(made.method).toEqual({ kind: 'pg_dump', version: found.client.version });
        console.log(`pg_dump path taken: ${made.methodReason}`);
        const target = await freshDatabaseOfOwnRole();
        try {
          await runRestore({ file: made.file, databaseUrl: target.url, box });
          expect((await databaseState(target.url)).tables).toEqual((await databaseState(db.url)).tables);
        } finally {
          await target.drop();
        }
      } else {
        expect(made.method).toEqual({ kind: 'logical' });
        expect(made.methodReason).toBe(found.reason);
      }
    } finally {
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
