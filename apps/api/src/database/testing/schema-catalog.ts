import type { DataSource } from 'typeorm';

/**
 * Reads the shape of the `public` schema from pg_catalog, in the notation of schema.expected.ts,
 * for the schema tests.
 */
export interface ColumnShape {
  type: string;
  notNull: boolean;
  default: string | null;
}

/** `'BC'::text` → `'BC'`; `'{en,zh}'::text[]` → `'{en,zh}'`; `now()` stays. */
export function withoutCast(expression: string | null): string | null {
  return expression === null ? null : expression.replace(/::[a-z_ ]+(\[\])?$/, '');
}

/** `text[]! = '{}'` → `{type: 'text[]', notNull: true, default: "'{}'"}` (`timestamptz` spelled out) */
export function parseColumn(notation: string): ColumnShape {
  const [left, ...defaultParts] = notation.split(' = ');
  const notNull = left.endsWith('!');
  const type = (notNull ? left.slice(0, -1) : left).replace(/^timestamptz$/, 'timestamp with time zone');
  return { type, notNull, default: defaultParts.length ? defaultParts.join(' = ') : null };
}

export async function tablesOf(db: DataSource): Promise<string[]> {
  const rows: { name: string }[] = await db.query(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

export async function columnsOf(db: DataSource): Promise<Record<string, Record<string, ColumnShape>>> {
  const rows: { tbl: string; col: string; type: string; not_null: boolean; def: string | null }[] = await db.query(`
    SELECT c.relname AS tbl, a.attname AS col, format_type(a.atttypid, a.atttypmod) AS type,
           a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS def
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
       AND c.relname <> 'migrations'`);
  const out: Record<string, Record<string, ColumnShape>> = {};
  for (const r of rows) {
    (out[r.tbl] ??= {})[r.col] = { type: r.type, notNull: r.not_null, default: withoutCast(r.def) };
  }
  return out;
}

/** `table.constraint → columns` of the constraints of one kind (u = unique, p = primary key) */
export async function constraintsOf(db: DataSource, kind: 'u' | 'p'): Promise<Record<string, string[]>> {
  const rows: { tbl: string; name: string; columns: string[] }[] = await db.query(
    `SELECT conrelid::regclass::text AS tbl, conname AS name,
            array(SELECT a.attname FROM unnest(conkey) WITH ORDINALITY k(num, ord)
                    JOIN pg_attribute a ON a.attrelid = conrelid AND a.attnum = k.num ORDER BY k.ord)::text[] AS columns
       FROM pg_constraint
      WHERE contype = $1 AND connamespace = 'public'::regnamespace AND conrelid::regclass::text <> 'migrations'`,
    [kind],
  );
  return Object.fromEntries(rows.map((r) => [`${r.tbl}.${r.name}`, r.columns]));
}

/** `table.index → columns` of indexes that do not back a constraint */
export async function plainIndexesOf(db: DataSource): Promise<Record<string, string[]>> {
  const rows: { tbl: string; name: string; columns: string[] }[] = await db.query(`
    SELECT t.relname AS tbl, i.relname AS name,
           array(SELECT a.attname FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(num, ord)
                   JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.num ORDER BY k.ord)::text[] AS columns
      FROM pg_index ix
      JOIN pg_class i ON i.oid = ix.indexrelid
      JOIN pg_class t ON t.oid = ix.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = 'public' AND t.relname <> 'migrations'
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid)`);
  return Object.fromEntries(rows.map((r) => [`${r.tbl}.${r.name}`, r.columns]));
}

const DELETE_RULES: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

/** `table.column → "parent RULE"`, plus each key's name */
export async function foreignKeysOf(db: DataSource): Promise<{ rules: Record<string, string>; names: Record<string, string> }> {
  const rows: { tbl: string; name: string; columns: string[]; parent: string; rule: string }[] = await db.query(`
    SELECT conrelid::regclass::text AS tbl, conname AS name, confrelid::regclass::text AS parent, confdeltype AS rule,
           array(SELECT a.attname FROM unnest(conkey) k(num) JOIN pg_attribute a ON a.attrelid = conrelid AND a.attnum = k.num)::text[] AS columns
      FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`);
  const rules: Record<string, string> = {};
  const names: Record<string, string> = {};
  for (const r of rows) {
    const key = `${r.tbl}.${r.columns.join(',')}`;
    rules[key] = `${r.parent} ${DELETE_RULES[r.rule]}`;
    names[key] = r.name;
  }
  return { rules, names };
}

export async function enumsOf(db: DataSource): Promise<Record<string, string[]>> {
  const rows: { name: string; labels: string[] }[] = await db.query(`
    SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = 'public' GROUP BY t.typname`);
  return Object.fromEntries(rows.map((r) => [r.name, r.labels]));
}

/** names of the functions and triggers we created in `public` */
export async function routinesAndTriggersOf(db: DataSource): Promise<string[]> {
  const rows: { name: string }[] = await db.query(`
    SELECT p.proname AS name FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
    UNION ALL
    SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
     WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal
    ORDER BY 1`);
  return rows.map((r) => r.name);
}
