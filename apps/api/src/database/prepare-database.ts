import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { loadEmbeddedPostgres } from './load-embedded-postgres.js';

export interface PreparedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

const APP_DATABASE = 'voicedesk';

/** `DATABASE_URL` when set; otherwise the embedded cluster under `.data/postgres`, reused across restarts. */
export async function prepareDatabase(config: AppConfig, say: (line: string) => void): Promise<PreparedDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  // loaded only when needed: the package hooks process exit and signals as soon as it is imported
  const { clusterDirFor, startEmbeddedPostgres } = await loadEmbeddedPostgres({ keepSignalHandlers: true });
  const wanted = join(config.dataDir, 'postgres');
  const placement = clusterDirFor(wanted);
  if (placement.movedBecause) say(`Embedded PostgreSQL lives in ${placement.dir} (${placement.movedBecause})`);
  const cluster = await startEmbeddedPostgres({ dir: wanted, onNotice: (m) => say(`postgres: ${m}`) });
  await cluster.ensureDatabase(APP_DATABASE);
  return { url: cluster.urlFor(APP_DATABASE), embedded: true, stop: () => cluster.stop() };
}
