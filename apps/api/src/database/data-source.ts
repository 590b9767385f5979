import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../../migrations/index.js';
import { ENTITIES } from './entities.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/** TypeORM options shared by the app, the migration CLI and the tests. Never `synchronize`. */
export function dataSourceOptions(url: string, overrides: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // uuid keys default to gen_random_uuid() (built into PostgreSQL 13+): no extension to install,
    // which a non-superuser production role could not do anyway
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    logging: false,
    extra: { max: 10, idleTimeoutMillis: 60_000, connectionTimeoutMillis: 5000, application_name: 'voicedesk-api' },
    ...overrides,
  } as DataSourceOptions;
}

/** Lock id for "one replica migrates at a time" (pg_advisory_lock). */
const MIGRATION_LOCK_ID = 727_001;

/**
 * Runs pending migrations under an advisory lock, so N replicas starting together migrate once.
 * Returns the names of the migrations it applied. `migrations`: only those (a restore rebuilds the
 * schema a backup was taken at before loading its rows); default every migration of the code.
 */
export async function runMigrations(url: string, migrations: Function[] = MIGRATIONS): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(url, { extra: { max: 1 }, migrations }));
  await dataSource.initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await dataSource.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]);
    }
  } finally {
    await dataSource.destroy();
  }
}

/** The name TypeORM records for a migration class in the `migrations` table. */
export function migrationName(migration: Function): string {
  const instance = new (migration as new () => { name?: string })();
  return instance.name ?? migration.name;
}
