import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { getConstructionPlans } from 'pg-boss';
import { from as copyFrom } from 'pg-copy-streams';
import { MIGRATIONS } from '../../../../migrations/index.js';
import type { SecretBox } from '../common/crypto/secret-box.js';
import { migrationName, runMigrations } from '../database/data-source.js';
import { JOBS_SCHEMA } from '../jobs/job-queue.js';
import { openBackupFile } from './backup-file.js';
import { COPY_SESSION_SETTINGS, DUMPED_SCHEMAS } from './catalog.js';
import { qualified, quoteIdent, quoteTable, readDump, type DumpedQueue, type DumpManifest, type DumpMethod } from './dump-format.js';

/** The backup cannot be restored by this code or into that database; nothing was changed. */
export class RestoreRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefusedError';
  }
}

export interface RestoreOptions {
  file: string;
  /** a fresh (empty) database */
  databaseUrl: string;
  box: SecretBox;
  say?: (line: string) => void;
}

export interface RestoreResult {
  createdAt: string;
  method: DumpMethod;
  keyId: string;
  tables: number;
  rows: number;
  /** migrations the backup had (rebuilt before its rows were loaded) */
  migrationsRestored: number;
  /** migrations of this code the backup did not have, applied after the load */
  migrationsApplied: string[];
  queue: 'restored' | 'absent';
  seconds: number;
}

export interface MigrationPlan {
  /** the code's migrations the backup had, in the code's order: run before the load */
  before: Function[];
  /** the code's migrations the backup did not have: run after the load */
  after: Function[];
}

/**
 * Which migrations rebuild the backup's schema. A backup that knows a migration this code does not
 * (it was made by a newer VoiceDesk) is refused: its rows may not fit this code's schema.
 */
export function planMigrations(backup: string[], code: Function[] = MIGRATIONS): MigrationPlan {
  const codeNames = code.map(migrationName);
  const unknown = backup.filter((name) => !codeNames.includes(name));
  if (unknown.length) {
    throw new RestoreRefusedError(
      `the backup was made by a newer VoiceDesk: it has migration(s) this code does not know (${unknown.join(', ')}). Restore it with that version or a later one.`,
    );
  }
  const had = new Set(backup);
  return { before: code.filter((m) => had.has(migrationName(m))), after: code.filter((m) => !had.has(migrationName(m))) };
}

/** pg-boss's schema version of this build (what `new PgBoss().start()` creates). */
export function jobQueueSchemaVersion(): number {
  return (createRequire(import.meta.url)('pg-boss/package.json') as { pgboss: { schema: number } }).pgboss.schema;
}

function checkQueue(queue: DumpedQueue | null): void {
  if (!queue) return;
  const ours = jobQueueSchemaVersion();
  if (queue.schemaVersion !== ours) {
    throw new RestoreRefusedError(
      `the backup's job queue is pg-boss schema version ${queue.schemaVersion}, this build's pg-boss creates version ${ours}: restore it with the VoiceDesk release that made it (its queued texts would not fit this schema).`,
    );
  }
}

async function assertFresh(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') LIMIT 5`,
    [DUMPED_SCHEMAS],
  );
  const schema = await client.query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [JOBS_SCHEMA]);
  if (rows.length || schema.rowCount) {
    throw new RestoreRefusedError(
      `a restore goes into a fresh, empty database, and this one has ${rows.length ? `tables (${rows.map((r) => r.name).join(', ')}…)` : `a ${JOBS_SCHEMA} schema`}. Create an empty database and pass it with --database-url.`,
    );
  }
}

/**
 * `npm run restore -- FILE`: into a fresh database, rebuilds the schema the backup was taken at
 * (the code's migrations it had, then the job queue at the same pg-boss version, then the queue's
 * and the application's partitions), loads every table's rows in one transaction in dependency
 * order with every constraint checked (nothing disabled: the application's role is no superuser),
 * sets the sequences, checks each table's row count, commits, and then migrates forward.
 */
export async function runRestore(options: RestoreOptions): Promise<RestoreResult> {
  const say = options.say ?? (() => undefined);
  const started = Date.now();
  const { header, dump } = await openBackupFile(options.file, options.box);
  const client = new pg.Client({ connectionString: options.databaseUrl, application_name: 'voicedesk-restore' });
  let manifest: DumpManifest | undefined;
  let plan: MigrationPlan | undefined;
  let rows = 0;
  let inTransaction = false;
  try {
    await client.connect();
    for (const setting of COPY_SESSION_SETTINGS) await client.query(setting);
    await assertFresh(client);
    await readDump(dump, {
      manifest: async (m) => {
        manifest = m;
        plan = planMigrations(m.migrations);
        checkQueue(m.queue);
        say(`Backup of ${m.createdAt} (${m.method.kind === 'pg_dump' ? `pg_dump ${m.method.version}` : 'in-process logical dump'}, PostgreSQL ${m.server.version}, key id ${header.keyId}): ${m.tables.length} tables, ${m.migrations.length} migrations`);
        await runMigrations(options.databaseUrl, plan.before);
        if (m.queue) await client.query(getConstructionPlans(m.queue.schema));
        await createPartitions(client, m);
        await client.query('BEGIN');
        inTransaction = true;
        await client.query('SET CONSTRAINTS ALL DEFERRED');
        await clearSeededRows(client, m);
      },
      table: async (table, batches) => {
        const exists = await client.query(`SELECT to_regclass($1) AS t`, [quoteTable(table)]);
        if (!exists.rows[0].t) throw new Error(`table ${qualified(table)} of the backup does not exist after its migrations`);
        let fed = 0;
        const copy = client.query(copyFrom(`COPY ${quoteTable(table)} (${table.columns.map(quoteIdent).join(', ')}) FROM STDIN`));
        const source = Readable.from(
          (async function* () {
            for await (const batch of batches) {
              fed += batch.count;
              yield batch.text;
            }
          })(),
        );
        await pipeline(source, copy);
        if (copy.rowCount !== fed) throw new Error(`${qualified(table)}: PostgreSQL loaded ${copy.rowCount} rows of ${fed}`);
        rows += fed;
      },
      trailer: async () => {
        await setSequences(client, manifest!);
        await client.query('COMMIT');
        inTransaction = false;
      },
    });
  } catch (error) {
    if (inTransaction) await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    dump.destroy();
    await client.end().catch(() => undefined);
  }
  const applied = plan!.after.length ? await runMigrations(options.databaseUrl) : [];
  return {
    createdAt: manifest!.createdAt,
    method: manifest!.method,
    keyId: header.keyId,
    tables: manifest!.tables.length,
    rows,
    migrationsRestored: plan!.before.length,
    migrationsApplied: applied,
    queue: manifest!.queue ? 'restored' : 'absent',
    seconds: (Date.now() - started) / 1000,
  };
}

/**
 * Leaf partitions the backup had and the rebuilt schema lacks: a queue with a table of its own is
 * made by pg-boss's own `create_queue` (its policy's indexes come with it), any other partition
 * (e.g. the queue's daily statistics) from its recorded bounds.
 */
async function createPartitions(client: pg.Client, manifest: DumpManifest): Promise<void> {
  for (const queue of manifest.queue?.partitionedQueues ?? []) {
    await client.query(`SELECT ${quoteIdent(manifest.queue!.schema)}.create_queue($1, $2::jsonb)`, [
      queue.name,
      JSON.stringify({ partition: true, ...(queue.policy ? { policy: queue.policy } : {}) }),
    ]);
  }
  for (const partition of manifest.partitions) {
    const exists = await client.query(`SELECT to_regclass($1) AS t`, [quoteTable(partition)]);
    if (exists.rows[0].t) continue;
    const bound = partition.bound.trim();
    if (!/^(FOR VALUES |DEFAULT$)/.test(bound)) throw new Error(`unexpected partition bound for ${qualified(partition)}`);
    await client.query(`CREATE TABLE ${quoteTable(partition)} PARTITION OF ${quoteTable({ schema: partition.parentSchema, name: partition.parent })} ${bound}`);
  }
}

/** Rows the rebuilt schema already has (pg-boss's version row, its queues, anything a migration seeds) give way to the backup's. */
async function clearSeededRows(client: pg.Client, manifest: DumpManifest): Promise<void> {
  for (const table of [...manifest.tables].reverse()) {
    const exists = await client.query(`SELECT to_regclass($1) AS t`, [quoteTable(table)]);
    if (!exists.rows[0].t) continue;
    const seeded = await client.query(`SELECT 1 FROM ${quoteTable(table)} LIMIT 1`);
    if (seeded.rowCount) await client.query(`DELETE FROM ${quoteTable(table)}`);
  }
}

async function setSequences(client: pg.Client, manifest: DumpManifest): Promise<void> {
  for (const sequence of manifest.sequences) {
    if (sequence.lastValue === null) continue;
    await client.query(`SELECT setval($1::regclass, $2::bigint, true)`, [quoteTable(sequence), sequence.lastValue]);
  }
}
