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
    const shutdown = () => void server.stop().then(() => process.exit(0));
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
