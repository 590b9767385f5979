import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../../apps/api/src/database/free-port.js';
import { loadEmbeddedPostgres } from '../../apps/api/src/database/load-embedded-postgres.js';

/**
 * The gauntlet's own embedded PostgreSQL cluster (not the test runs' shared one): persistent
 * files on a fixed port, so it can be stopped and started again during the load as a managed
 * PostgreSQL's restart or fail-over would look to the replicas.
 */
export interface RestartableCluster {
  /** superuser URL of `database` */
  urlFor(database: string): string;
  createDatabase(name: string): Promise<string>;
  /** stops the server (clients see their connections end), waits `downMs`, starts it again on the same files and port */
  restart(downMs: number): Promise<{ stoppedAt: number; startedAt: number }>;
  query<T extends pg.QueryResultRow = any>(database: string, sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

export async function startRestartableCluster(): Promise<RestartableCluster> {
  const { startEmbeddedPostgres } = await loadEmbeddedPostgres({ keepSignalHandlers: false });
  const dir = mkdtempSync(join(tmpdir(), 'voicedesk-gauntlet-pg-'));
  const port = await freePort();
  const options = { dir: join(dir, 'cluster'), persistent: true, port };
  let cluster = await startEmbeddedPostgres(options);
  let running = true;
  return {
    urlFor: (database) => cluster.urlFor(database),
    async createDatabase(name) {
      await cluster.ensureDatabase(name);
      return cluster.urlFor(name);
    },
    async restart(downMs) {
      const stoppedAt = Date.now();
      running = false;
      await cluster.stop();
      await new Promise((r) => setTimeout(r, downMs));
      cluster = await startEmbeddedPostgres(options);
      running = true;
      return { stoppedAt, startedAt: Date.now() };
    },
    async query(database, sql, params = []) {
      const client = new pg.Client({ connectionString: cluster.urlFor(database) });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows;
      } finally {
        await client.end();
      }
    },
    async stop() {
      if (running) await cluster.stop();
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
