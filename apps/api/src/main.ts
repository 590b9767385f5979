import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/app-config.js';
import { startServer } from './server.js';

/** Production entry: configuration, database, migrations, HTTP. (`npm start` uses start.ts, which adds the demo.) */
async function main(): Promise<void> {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  try {
    const config = loadConfig();
    const server = await startServer(config, say);
    say(`VoiceDesk API listening on ${server.url}`);
    const shutdown = () => void server.stop().then(() => process.exit(0));
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}

void main();
