import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { runMigrations } from '../../../apps/api/src/database/data-source.js';
import { loadEmbeddedPostgres } from '../../../apps/api/src/database/load-embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `postgres://…/` of the run's cluster, without a database name */
    pgAdminUrl: string;
    /** name of the migrated template database that `createTestDatabase` copies */
    pgTemplate: string;
  }
}

export const TEMPLATE_DB = 'vd_template';

/**
 * One real PostgreSQL per test run (or `DATABASE_URL`'s server when set), with a migrated
 * template database; each suite copies it into a fresh database of its own.
 */
export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_URL;
  let stop: () => Promise<void> = async () => undefined;
  let adminUrl: string;
  if (external) {
    adminUrl = external;
  } else {
    const { startEmbeddedPostgres } = await loadEmbeddedPostgres({ keepSignalHandlers: false });
    const dir = mkdtempSync(join(tmpdir(), 'voicedesk-test-pg-'));
    const cluster = await startEmbeddedPostgres({ dir: join(dir, 'cluster'), persistent: false });
    adminUrl = cluster.adminUrl;
    stop = async () => {
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE_DB}`;
  await runMigrations(templateUrl.toString());

  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', TEMPLATE_DB);
  return stop;
}
