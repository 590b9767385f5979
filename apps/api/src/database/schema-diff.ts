import type { DataSource } from 'typeorm';

export interface SchemaDiff {
  /** SQL that brings the database to the entities, in order */
  up: string[];
  /** SQL that undoes `up`, in the order to run it */
  down: string[];
}

/**
 * What TypeORM's schema builder would change to make the database match the entities; empty when
 * entities and migrations agree. Nothing is executed.
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<SchemaDiff> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return {
    up: sql.upQueries.map((q) => withParameters(q.query, q.parameters)),
    down: sql.downQueries.map((q) => withParameters(q.query, q.parameters)).reverse(),
  };
}

function withParameters(query: string, parameters: unknown[] | undefined): string {
  if (parameters?.length) throw new Error(`schema query with parameters is not supported: ${query}`);
  return query;
}

function literal(query: string): string {
  return '`' + query.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
}

/** The TypeScript source of a migration class running `diff` (reviewed by a person before commit). */
export function renderMigration(className: string, diff: SchemaDiff): string {
  const body = (queries: string[]) => queries.map((q) => `    await queryRunner.query(${literal(q)});`).join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${body(diff.up)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${body(diff.down)}
  }
}
`;
}

/** Adds `import { X } from './<file>.js'` and `X` (last) to the `MIGRATIONS` list of migrations/index.ts. */
export function registerMigration(indexSource: string, className: string, fileBase: string): string {
  const importLine = `import { ${className} } from './${fileBase}.js';\n`;
  const listStart = indexSource.indexOf('export const MIGRATIONS');
  if (listStart < 0) throw new Error('migrations/index.ts has no MIGRATIONS list');
  const close = indexSource.indexOf('];', listStart);
  const list = indexSource.slice(listStart, close);
  const open = list.indexOf('= [') + 2;
  if (open < 2) throw new Error('migrations/index.ts: MIGRATIONS is not a list literal');
  const entries = list
    .slice(open + 1)
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  entries.push(className);
  const newList = `${list.slice(0, open + 1)}\n${entries.map((e) => `  ${e},`).join('\n')}\n`;
  const imports = [...indexSource.slice(0, listStart).matchAll(/^import .*\n/gm)];
  const last = imports.at(-1);
  const insertAt = last ? last.index + last[0].length : 0;
  const separator = last ? '' : '\n';
  const head = indexSource.slice(0, insertAt) + importLine + separator + indexSource.slice(insertAt, listStart);
  return head + newList + indexSource.slice(close);
}
