/**
 * `npm run migration:generate -- <Name>`: boots a throw-away embedded PostgreSQL, runs every
 * migration, asks TypeORM's schema builder what the entities still need, and writes that as
 * migrations/<timestamp>-<Name>.ts (registered in migrations/index.ts), or says "no changes".
 * Review the SQL before committing it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from './data-source.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { pendingSchemaChanges, registerMigration, renderMigration } from './schema-diff.js';

async function main(): Promise<number> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) {
    console.error('usage: npm run migration:generate -- <PascalCaseName>');
    return 2;
  }
  const migrationsDir = resolve(process.cwd(), 'migrations');
  const workDir = mkdtempSync(join(tmpdir(), 'voicedesk-migration-'));
  const cluster = await startEmbeddedPostgres({ dir: join(workDir, 'cluster'), persistent: false });
  try {
    await cluster.ensureDatabase('voicedesk_generate');
    const url = cluster.urlFor('voicedesk_generate');
    await runMigrations(url);
    const dataSource = new DataSource(dataSourceOptions(url, { extra: { max: 1 } }));
    await dataSource.initialize();
    const diff = await pendingSchemaChanges(dataSource).finally(() => dataSource.destroy());
    if (diff.up.length === 0) {
      console.log('no changes: the entities and the migrations agree');
      return 0;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const fileBase = `${timestamp}-${name}`;
    writeFileSync(join(migrationsDir, `${fileBase}.ts`), renderMigration(className, diff));
    const indexPath = join(migrationsDir, 'index.ts');
    writeFileSync(indexPath, registerMigration(readFileSync(indexPath, 'utf8'), className, fileBase));
    console.log(`wrote migrations/${fileBase}.ts (${diff.up.length} statements) and registered it in migrations/index.ts`);
    return 0;
  } finally {
    await cluster.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
