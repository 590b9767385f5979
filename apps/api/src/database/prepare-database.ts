import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { loadEmbeddedPostgres } from './load-embedded-postgres.js';

export interface PreparedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

const APP_DATABASE = 'voicedesk';

/**
 * `DATABASE_URL` when set; otherwise the embedded cluster under `.data/postgres`, reused across restarts.
 * `attach`: when the embedded cluster is already running (the app in another terminal), use it
 * as it is (and leave it running) instead of failing to start a second server on its files.
 */
export async function prepareDatabase(config: AppConfig, say: (line: string) => void, options: { attach?: boolean } = {}): Promise<PreparedDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  // loaded only when needed: the package hooks process exit and signals as soon as it is imported
  const { clusterDirFor, runningClusterUrl, startEmbeddedPostgres } = await loadEmbeddedPostgres({ keepSignalHandlers: true });
  const wanted = join(config.dataDir, 'postgres');
  const running = options.attach ? runningClusterUrl(wanted, APP_DATABASE) : undefined;
  if (running) return { url: running, embedded: true, stop: async () => undefined };
  const placement = clusterDirFor(wanted);
  if (placement.movedBecause) say(`Embedded PostgreSQL lives in ${placement.dir} (${placement.movedBecause})`);
  const cluster = await startEmbeddedPostgres({ dir: wanted, onNotice: (m) => say(`postgres: ${m}`) });
  await cluster.ensureDatabase(APP_DATABASE);
  return { url: cluster.urlFor(APP_DATABASE), embedded: true, stop: () => cluster.stop() };
}
