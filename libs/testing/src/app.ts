import type { INestApplication } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createApp } from '../../../apps/api/src/bootstrap.js';
import { loadConfig, type AppConfig } from '../../../apps/api/src/config/app-config.js';
import { createTestDatabase, type TestDatabase } from './database.js';

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
 */
export async function createTestApp(
  env: Record<string, string> = {},
  options: { migrated?: boolean } = {},
): Promise<TestApp> {
  const db = await createTestDatabase(options);
  const cwd = mkdtempSync(join(tmpdir(), 'vd-app-'));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', CONSOLE_DIR: join(cwd, 'no-console'), ...env }, cwd);
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
      await db.drop();
    },
  };
}
