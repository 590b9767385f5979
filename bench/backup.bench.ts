import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { describeMethod, runBackup } from '../apps/api/src/backup/backup.js';
import { runRestore } from '../apps/api/src/backup/restore.js';
import { SecretBox } from '../apps/api/src/common/crypto/secret-box.js';
import { createTestDatabase, type TestDatabase } from '../libs/testing/src/database.js';
import { createClinic } from '../libs/testing/src/factories.js';

/**
 * Backup and restore of a database of a busy clinic's size (the figures in docs/operations.md,
 * "Backups"): BENCH_ROWS (100,000) call logs with ~1 KB transcripts and as many audit rows, on
 * the run's embedded PostgreSQL. Prints the database's size, the backup's size and both times;
 * checks the restored row counts. **Baseline**: reading the two tables' rows out with plain
 * `COPY … TO STDOUT` into nowhere (what any logical dump must at least do): no compression, no
 * encryption, no read-back.
 *
 *   npm run bench:backup   (or: npx vitest run --config bench/vitest.config.ts bench/backup.bench.ts)
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const MB = 1024 * 1024;
const VOCABULARY = (
  'hello thank you for calling the clinic how can I help today I would like to book an appointment with doctor ' +
  'next week Tuesday morning afternoon is there anything earlier what is your date of birth please spell your last name ' +
  'phone number confirm cancel move reschedule okay great see you then goodbye yes no maybe sorry could repeat that'
).split(' ');

function urlFor(database: string): string {
  const url = new URL(inject('pgAdminUrl'));
  url.pathname = `/${database}`;
  return url.toString();
}

/** Seconds to stream `COPY table TO STDOUT` of each table into nowhere. */
async function copyOut(url: string, tables: string[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  try {
    for (const table of tables) {
      await pipeline(client.query(copyTo(`COPY ${table} TO STDOUT`)), new Writable({ write: (_chunk, _encoding, done) => done() }));
    }
    return (performance.now() - started) / 1000;
  } finally {
    await client.end();
  }
}

async function query<T = Record<string, unknown>>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}

describe(`backup and restore of ${ROWS.toLocaleString('en')} call logs and as many audit rows`, () => {
  let db: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'vd-bench-backup-'));
  const restored = `vd_bench_restore_${randomBytes(4).toString('hex')}`;
  afterAll(async () => {
    await query(urlFor('postgres'), `DROP DATABASE IF EXISTS ${restored}`);
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the sizes and times', async () => {
    db = await createTestDatabase();
    const clinic = await createClinic(db.dataSource);
    // ~1 KB of transcript per call: words of a 60-word vocabulary in a different order on every row
    // (compresses like conversation text, not like one repeated line)
    await db.dataSource.query(
      `INSERT INTO call_logs (clinic_id, vapi_call_id, caller_phone, transcript, summary, duration_seconds, cost)
       SELECT $1, 'bench-' || i, '+1604555' || lpad((i % 10000)::text, 4, '0'),
              (SELECT string_agg(($3::text[])[1 + (abs(hashtext(i::text || '-' || j::text)) % array_length($3::text[], 1))], ' ') FROM generate_series(1, 170) AS j),
              'Caller asked for the earliest appointment.', 60 + i % 600, 0.05
         FROM generate_series(1, $2) AS i`,
      [clinic.id, ROWS, VOCABULARY],
    );
    await db.dataSource.query(
      `INSERT INTO audit_logs (action, resource, resource_id, clinic_id, method, path, status_code, details)
       SELECT 'clinic.update', 'clinic', $1::text, $1::uuid, 'PUT', '/api/clinics/' || $1::text || '/config', 200, jsonb_build_object('n', i, 'fields', jsonb_build_array('hours', 'voiceBooking'))
         FROM generate_series(1, $2) AS i`,
      [clinic.id, ROWS],
    );
    const [{ bytes }] = await query<{ bytes: string }>(db.url, `SELECT pg_database_size(current_database()) AS bytes`);

    const baseline = await copyOut(db.url, ['call_logs', 'audit_logs']);
    const box = new SecretBox([{ kid: 'k1', key: randomBytes(32) }]);
    const backup = await runBackup({ databaseUrl: db.url, dir, keep: 2, box, method: 'logical' });
    await query(urlFor('postgres'), `CREATE DATABASE ${restored}`);
    const restore = await runRestore({ file: backup.file, databaseUrl: urlFor(restored), box });

    const [counts] = await query<{ calls: number; audits: number }>(
      urlFor(restored),
      `SELECT (SELECT count(*) FROM call_logs)::int AS calls, (SELECT count(*) FROM audit_logs)::int AS audits`,
    );
    expect(counts).toEqual({ calls: ROWS, audits: ROWS });
    const ratio = (seconds: number) => `${(seconds / baseline).toFixed(1)}× baseline COPY out ${baseline.toFixed(1)} s`;
    console.log(
      `backup: ${backup.seconds.toFixed(1)} s (${ratio(backup.seconds)}) · ${(backup.bytes / MB).toFixed(1)} MB file from a ` +
        `${(Number(bytes) / MB).toFixed(0)} MB database, ${backup.tables} tables, ${backup.rows.toLocaleString('en')} rows, ${describeMethod(backup.method)}`,
    );
    console.log(`restore: ${restore.seconds.toFixed(1)} s (${ratio(restore.seconds)}) · into a fresh database, every row count checked`);
  });
});
