import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/app-config.js';

/** Production entry: configuration, database, migrations, HTTP. (`npm start` uses start.ts, which adds the demo.) */
async function main(): Promise<void> {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  try {
    const config = loadConfig();
    // the application (Nest, TypeORM, every module) loads only once the configuration passed:
    // a refused configuration is reported in a fraction of a second instead of after a full import
    const { startServer } = await import('./server.js');
    const server = await startServer(config, say);
    say(`VoiceDesk API listening on ${server.url}`);
    // a second signal while stopping ends the process at once (the listener is gone: Node's default)
    const shutdown = (signal: NodeJS.Signals) => {
      say(`${signal}: stopping (health answers 503; requests in flight are answered first)`);
      server.stop().then(
        (report) => {
          say(`Stopped cleanly in ${report.ms} ms: ${report.requestsInFlight} request(s) in flight answered${report.cut ? ', some cut at the drain timeout' : ''}; job queue stopped, database pool closed`);
          process.exit(0);
        },
        (error: unknown) => {
          process.stderr.write(`VoiceDesk did not stop cleanly: ${error instanceof Error ? error.message : String(error)}\n`);
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) process.stderr.write(`Configuration error: ${problem}\n`);
      process.exit(78);
    }
    process.stderr.write(`VoiceDesk could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

void main();
