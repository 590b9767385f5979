import type { INestApplication } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createApp } from '../../../apps/api/src/bootstrap.js';
import { loadConfig, type AppConfig } from '../../../apps/api/src/config/app-config.js';
import { createTestDatabase, type TestDatabase } from './database.js';

/**
 * Suites share one loopback address and a few users, so the production limits (100/min per
 * client, 10/min per IP on sign-in) would refuse their ordinary traffic. Rate-limit suites pass
 * their own `RATE_LIMIT_*` values in `env`.
 */
const TEST_RATE_LIMITS = {
  RATE_LIMIT_PER_MINUTE: '100000',
  RATE_LIMIT_AUTH_PER_MINUTE: '100000',
  RATE_LIMIT_REFRESH_PER_MINUTE: '100000',
  RATE_LIMIT_WEBHOOK_PER_MINUTE: '100000',
};

export interface TestApp {
  app: INestApplication;
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  config: AppConfig;
  db: TestDatabase;
  /** every log line the app wrote, as raw JSON text */
  logLines: string[];
  close(): Promise<void>;
}

/**
 * The whole API on a fresh database, listening on a free port, with its log output captured.
 * `env` adds or overrides environment variables (as strings, like the real environment).
 * `replicaOf`: a second replica of that app, on the same database (its `close()` leaves the
 * database to the first).
 */
export async function createTestApp(
  env: Record<string, string> = {},
  options: { migrated?: boolean; replicaOf?: TestApp } = {},
): Promise<TestApp> {
  const shared = options.replicaOf?.db;
  const db = shared ?? (await createTestDatabase(options));
  const cwd = mkdtempSync(join(tmpdir(), 'vd-app-'));
  // a replica reads the first app's generated secrets (JWT, encryption key): a token or a sealed secret is good on both
  const dataDir = options.replicaOf ? { VOICEDESK_DATA_DIR: options.replicaOf.config.dataDir } : {};
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', CONSOLE_DIR: join(cwd, 'no-console'), ...TEST_RATE_LIMITS, ...dataDir, ...env }, cwd);
  const logLines: string[] = [];
  const logDestination = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const app = await createApp({ config, databaseUrl: db.url, logDestination });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    baseUrl: `http://127.0.0.1:${address.port}`,
    config,
    db,
    logLines,
    async close() {
      await app.close();
      if (!shared) await db.drop();
    },
  };
}
