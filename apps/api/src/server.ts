import type { INestApplication } from '@nestjs/common';
import { createApp } from './bootstrap.js';
import { type AppConfig } from './config/app-config.js';
import { runMigrations } from './database/data-source.js';
import { prepareDatabase, type PreparedDatabase } from './database/prepare-database.js';

export interface RunningServer {
  app: INestApplication;
  database: PreparedDatabase;
  url: string;
  stop(): Promise<void>;
}

/** Database (embedded or `DATABASE_URL`), migrations under a lock, then the HTTP server. */
export async function startServer(config: AppConfig, say: (line: string) => void): Promise<RunningServer> {
  const database = await prepareDatabase(config, say);
  try {
    const applied = await runMigrations(database.url);
    if (applied.length) say(`Applied ${applied.length} database migration(s)`);
    const app = await createApp({ config, databaseUrl: database.url });
    await app.listen(config.port, '0.0.0.0');
    const url = `http://localhost:${config.port}`;
    let stopped = false;
    return {
      app,
      database,
      url,
      async stop() {
        if (stopped) return;
        stopped = true;
        await app.close();
        await database.stop();
      },
    };
  } catch (error) {
    await database.stop();
    throw error;
  }
}
