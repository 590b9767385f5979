import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { readTables } from '../catalog.js';
import { quoteIdent, quoteTable, type DumpedTable } from '../dump-format.js';

interface ColumnInfo {
  name: string;
  type: string;
  typtype: string;
  nullable: boolean;
  labels: string[] | null;
}

/** Text that exercises COPY's escaping: newline, tab, backslash, quotes, non-ASCII. */
const AWKWARD = 'line one\nline two\tTab \\ back "double" \'single\' é ☎';

function sample(column: ColumnInfo, table: DumpedTable, i: number, rangeFrom: string | undefined): string | null {
  if (column.nullable && i === 2) return null;
  if (rangeFrom && column.type === 'timestamp with time zone') return rangeFrom;
  if (column.labels) return column.labels[i % column.labels.length];
  const type = column.type;
  if (type.endsWith('[]')) return /int|numeric|double|real/.test(type) ? '{1,2,3}' : '{alpha,"beta gamma"}';
  if (type === 'uuid') return randomUUID();
  if (/^(text|character varying|character|citext)/.test(type)) return `${table.name}.${column.name}#${i} ${randomUUID().slice(0, 8)} ${AWKWARD}`;
  if (/^(integer|smallint|bigint)$/.test(type)) return String(i);
  if (/^(double precision|real|numeric)/.test(type)) return `${i}.25`;
  if (type === 'boolean') return i % 2 === 0 ? 'true' : 'false';
  if (type === 'date') return `2026-03-0${i + 1}`;
  if (type === 'timestamp with time zone') return `2026-03-0${i + 1} 12:34:56.789123+00`;
  if (type === 'timestamp without time zone') return `2026-03-0${i + 1} 12:34:56.789123`;
  if (type.startsWith('time')) return '08:30:00';
  if (type === 'jsonb' || type === 'json') return JSON.stringify({ i, note: AWKWARD, list: [1, 2, { deep: null }] });
  if (type === 'bytea') return '\\x00ff10';
  if (type === 'interval') return '1 day 02:03:04';
  if (type === 'inet') return '10.0.0.1';
  throw new Error(`fillEveryTable: no sample value for ${table.schema}.${table.name}.${column.name} (${type}); add one`);
}

/**
 * Puts `rows` rows into every table of the application and the job queue that has none, whatever
 * the schema is today (new tables included): values by column type, foreign keys pointing at rows
 * of the referenced table (filled first: load order), the third row's nullable columns NULL.
 */
export async function fillEveryTable(client: pg.Client, rows = 3): Promise<void> {
  const { tables, partitions } = await readTables(client);
  for (const table of tables) {
    // a range partition (the job queue's daily statistics) takes instants from its lower bound
    const bound = partitions.find((p) => p.schema === table.schema && p.name === table.name)?.bound;
    const rangeFrom = bound ? /FROM \('([^']+)'\)/.exec(bound)?.[1] : undefined;
    const target = quoteTable(table);
    if ((await client.query(`SELECT 1 FROM ${target} LIMIT 1`)).rowCount) continue;
    const columns = (
      await client.query<ColumnInfo>(
        `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, t.typtype, NOT a.attnotnull AS nullable,
                CASE WHEN t.typtype = 'e' THEN (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) END AS labels
           FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
          WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
          ORDER BY a.attnum`,
        [target],
      )
    ).rows;
    const keys = (
      await client.query<{ columns: string[]; ref: string; refColumns: string[] }>(
        `SELECT (SELECT array_agg(a.attname::text ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY k(num, n) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num) AS columns,
                c.confrelid::regclass::text AS ref,
                (SELECT array_agg(a.attname::text ORDER BY k.n) FROM unnest(c.confkey) WITH ORDINALITY k(num, n) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.num) AS "refColumns"
           FROM pg_constraint c WHERE c.conrelid = $1::regclass AND c.contype = 'f'`,
        [target],
      )
    ).rows;
    for (let i = 0; i < rows; i += 1) {
      const values = new Map<string, string | null>();
      for (const key of keys) {
        const ref = await client.query(
          `SELECT ${key.refColumns.map((c) => `${quoteIdent(c)}::text`).join(', ')} FROM ${key.ref} ORDER BY 1 OFFSET $1 LIMIT 1`,
          [i],
        );
        const row = ref.rows[0] ?? (await client.query(`SELECT ${key.refColumns.map((c) => `${quoteIdent(c)}::text`).join(', ')} FROM ${key.ref} LIMIT 1`)).rows[0];
        key.columns.forEach((column, n) => values.set(column, row ? (Object.values(row)[n] as string) : null));
      }
      for (const column of columns) if (!values.has(column.name)) values.set(column.name, sample(column, table, i, rangeFrom));
      const names = columns.map((c) => c.name);
      await client.query(
        `INSERT INTO ${target} (${names.map(quoteIdent).join(', ')}) VALUES (${columns.map((c, n) => `$${n + 1}::${c.type}`).join(', ')})`,
        names.map((n) => values.get(n) ?? null),
      );
    }
  }
}
