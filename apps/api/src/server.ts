import { Logger, type INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from './bootstrap.js';
import { type AppConfig } from './config/app-config.js';
import { runMigrations } from './database/data-source.js';
import { prepareDatabase, type PreparedDatabase } from './database/prepare-database.js';
import { ServerLifecycle } from './health/server-lifecycle.js';

/**
 * How long a stopping replica waits for the requests in flight before cutting their connections.
 * A webhook delivery answers within 4 s (DELIVERY_BUDGET_MS); console requests are shorter.
 */
export const HTTP_DRAIN_TIMEOUT_MS = 10_000;

export interface RunningServer {
  app: INestApplication;
  database: PreparedDatabase;
  url: string;
  /** Graceful stop: drain, answer what is in flight, stop the job queue, close the database pool. */
  stop(): Promise<StopReport>;
}

export interface StopReport {
  /** requests being answered when the port closed */
  requestsInFlight: number;
  /** some were still running at HTTP_DRAIN_TIMEOUT_MS and their connections were cut */
  cut: boolean;
  ms: number;
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
    let stopping: Promise<StopReport> | undefined;
    return {
      app,
      database,
      url,
      stop() {
        stopping ??= stopGracefully(app, config).then(async (report) => {
          await database.stop();
          return report;
        });
        return stopping;
      },
    };
  } catch (error) {
    await database.stop();
    throw error;
  }
}

/**
 * The order a replica stops in (docs/operations.md, "Stopping and rolling restarts"):
 * 1. draining: `/api/health` answers 503 and responses close their connections, so a load balancer
 *    takes the replica out; for `SHUTDOWN_DRAIN_SECONDS` it keeps serving meanwhile;
 * 2. the port closes (new connections are refused: a balancer retries them on another replica),
 *    and the requests in flight — webhook deliveries within their deadline — are answered;
 * 3. Nest's shutdown: the job queue stops gracefully (background writes, then running jobs), the
 *    database pool closes.
 */
async function stopGracefully(app: INestApplication, config: AppConfig): Promise<StopReport> {
  const logger = new Logger('Shutdown');
  const lifecycle = app.get(ServerLifecycle);
  const started = Date.now();
  lifecycle.beginDrain();
  logger.log({ drainSeconds: config.shutdownDrainSeconds, requestsInFlight: lifecycle.requestsInFlight }, 'stopping: health answers 503');
  if (config.shutdownDrainSeconds > 0) await sleep(config.shutdownDrainSeconds * 1000);
  const inFlight = lifecycle.requestsInFlight;
  const { cut } = await lifecycle.closeHttp(app.getHttpServer() as Server, HTTP_DRAIN_TIMEOUT_MS);
  if (cut) logger.warn({ timeoutMs: HTTP_DRAIN_TIMEOUT_MS }, 'requests still running at the drain timeout were cut');
  logger.log({ requestsInFlight: inFlight, cut, ms: Date.now() - started }, 'HTTP closed: the requests in flight were answered');
  await app.close();
  return { requestsInFlight: inFlight, cut, ms: Date.now() - started };
}
