import type pg from 'pg';
import { JOBS_SCHEMA } from '../jobs/job-queue.js';
import type { DumpedPartition, DumpedQueue, DumpedSequence, DumpedTable } from './dump-format.js';

/** What a backup covers: the application's schema and the job queue's. */
export const APP_SCHEMA = 'public';
export const DUMPED_SCHEMAS = [APP_SCHEMA, JOBS_SCHEMA];
/** TypeORM's list of applied migrations: recorded in the manifest, rebuilt by the restore's migrations. */
export const MIGRATIONS_TABLE = 'migrations';

/**
 * Session settings under which COPY text is written and read, so a value means the same on both
 * sides whatever the server's defaults (dates as ISO, instants with their offset, floats exact).
 */
export const COPY_SESSION_SETTINGS = [
  "SET client_encoding = 'UTF8'",
  "SET DateStyle = 'ISO, YMD'",
  "SET IntervalStyle = 'postgres'",
  "SET TimeZone = 'UTC'",
  'SET extra_float_digits = 3',
  "SET bytea_output = 'hex'",
  'SET standard_conforming_strings = on',
];

export class BackupCatalogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupCatalogError';
  }
}

interface TableRow {
  oid: number;
  schema: string;
  name: string;
  parent_schema: string | null;
  parent: string | null;
  bound: string | null;
}

/** Every table with rows of its own (plain tables and leaf partitions) of the dumped schemas, in load order. */
export async function readTables(client: pg.Client): Promise<{ tables: DumpedTable[]; partitions: DumpedPartition[] }> {
  const { rows } = await client.query<TableRow>(
    `SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name,
            pn.nspname AS parent_schema, pc.relname AS parent,
            CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS bound
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_inherits i ON c.relispartition AND i.inhrelid = c.oid
       LEFT JOIN pg_class pc ON pc.oid = i.inhparent
       LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace
      WHERE c.relkind = 'r' AND n.nspname = ANY($1)
        AND NOT (n.nspname = $2 AND c.relname = $3)
      ORDER BY n.nspname, c.relname`,
    [DUMPED_SCHEMAS, APP_SCHEMA, MIGRATIONS_TABLE],
  );
  const oids = rows.map((r) => r.oid);
  const columns = await client.query<{ oid: number; name: string }>(
    `SELECT attrelid::int AS oid, attname AS name FROM pg_attribute
      WHERE attrelid = ANY($1::oid[]) AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
      ORDER BY attrelid, attnum`,
    [oids],
  );
  // foreign keys between tables with rows (a key on or to a partitioned table holds for each of its
  // leaves; pg_partition_tree lists nothing for a plain table, hence the table itself too)
  const edges = await client.query<{ child: number; parent: number }>(
    `SELECT DISTINCT child.relid::int AS child, parent.relid::int AS parent
       FROM pg_constraint k
       CROSS JOIN LATERAL (SELECT k.conrelid AS relid UNION SELECT relid FROM pg_partition_tree(k.conrelid) WHERE isleaf) child
       CROSS JOIN LATERAL (SELECT k.confrelid AS relid UNION SELECT relid FROM pg_partition_tree(k.confrelid) WHERE isleaf) parent
      WHERE k.contype = 'f' AND child.relid = ANY($1::oid[]) AND parent.relid = ANY($1::oid[])`,
    [oids],
  );
  const columnsOf = new Map<number, string[]>();
  for (const c of columns.rows) columnsOf.set(c.oid, [...(columnsOf.get(c.oid) ?? []), c.name]);
  const byOid = new Map(rows.map((r) => [r.oid, r]));
  const ordered = loadOrder(oids, edges.rows).map((oid) => byOid.get(oid)!);
  return {
    tables: ordered.map((r) => ({ schema: r.schema, name: r.name, columns: columnsOf.get(r.oid) ?? [] })),
    partitions: rows
      .filter((r) => r.parent && r.bound)
      .map((r) => ({ schema: r.schema, name: r.name, parentSchema: r.parent_schema!, parent: r.parent!, bound: r.bound! })),
  };
}

/**
 * Parents before children (Kahn's algorithm, ties by the given order), so rows load with every
 * foreign key checked and nothing disabled. A table referencing itself is fine (COPY checks at the
 * end of the statement); a cycle between tables is refused, naming them.
 */
export function loadOrder(nodes: number[], edges: { child: number; parent: number }[]): number[] {
  const parentsOf = new Map(nodes.map((n) => [n, new Set<number>()]));
  for (const { child, parent } of edges) if (child !== parent) parentsOf.get(child)?.add(parent);
  const done = new Set<number>();
  const order: number[] = [];
  while (order.length < nodes.length) {
    const ready = nodes.filter((n) => !done.has(n) && [...parentsOf.get(n)!].every((p) => done.has(p)));
    if (!ready.length) {
      const stuck = nodes.filter((n) => !done.has(n));
      throw new BackupCatalogError(`foreign keys form a cycle between tables (oids ${stuck.join(', ')}): they cannot load in order`);
    }
    for (const n of ready) {
      done.add(n);
      order.push(n);
    }
  }
  return order;
}

export async function readSequences(client: pg.Client): Promise<DumpedSequence[]> {
  const { rows } = await client.query<{ schema: string; name: string; last_value: string | null }>(
    `SELECT s.schemaname AS schema, s.sequencename AS name, s.last_value::text AS last_value
       FROM pg_sequences s
      WHERE s.schemaname = ANY($1)
        AND NOT EXISTS (
          SELECT 1 FROM pg_class sc
            JOIN pg_namespace sn ON sn.oid = sc.relnamespace
            JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = sc.oid
                            AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
            JOIN pg_class t ON t.oid = d.refobjid
            JOIN pg_namespace tn ON tn.oid = t.relnamespace
           WHERE sn.nspname = s.schemaname AND sc.relname = s.sequencename AND tn.nspname = $2 AND t.relname = $3)
      ORDER BY 1, 2`,
    [DUMPED_SCHEMAS, APP_SCHEMA, MIGRATIONS_TABLE],
  );
  return rows.map((r) => ({ schema: r.schema, name: r.name, lastValue: r.last_value }));
}

/** The applied migrations, in the order they ran (empty when the database was never migrated). */
export async function readMigrations(client: pg.Client): Promise<string[]> {
  const exists = await client.query(`SELECT to_regclass(format('%I.%I', $1::text, $2::text)) AS t`, [APP_SCHEMA, MIGRATIONS_TABLE]);
  if (!exists.rows[0].t) return [];
  const { rows } = await client.query<{ name: string }>(`SELECT name FROM "${APP_SCHEMA}"."${MIGRATIONS_TABLE}" ORDER BY id`);
  return rows.map((r) => r.name);
}

/** The job queue's version and its queues with tables of their own; null before pg-boss ever started here. */
export async function readQueue(client: pg.Client): Promise<DumpedQueue | null> {
  const exists = await client.query(`SELECT to_regclass(format('%I.version', $1::text)) AS t`, [JOBS_SCHEMA]);
  if (!exists.rows[0].t) return null;
  const version = await client.query<{ version: string }>(`SELECT version::text FROM "${JOBS_SCHEMA}".version`);
  // read as JSON: the queue table's columns belong to pg-boss's version
  const queues = await client.query<{ q: Record<string, unknown> }>(`SELECT to_jsonb(q) AS q FROM "${JOBS_SCHEMA}".queue q ORDER BY q.name`);
  return {
    schema: JOBS_SCHEMA,
    schemaVersion: Number(version.rows[0]?.version),
    partitionedQueues: queues.rows
      .map((r) => r.q)
      .filter((q) => q.partition === true)
      .map((q) => ({ name: String(q.name), policy: q.policy === null || q.policy === undefined ? null : String(q.policy), tableName: String(q.table_name) })),
  };
}

export async function serverVersion(client: pg.Client): Promise<{ version: string; major: number }> {
  const { rows } = await client.query<{ v: string; n: string }>(`SELECT current_setting('server_version') AS v, current_setting('server_version_num') AS n`);
  return { version: rows[0].v, major: Math.floor(Number(rows[0].n) / 10000) };
}
