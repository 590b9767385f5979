import 'reflect-metadata';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DataSource } from 'typeorm';
import { startOscarSim, type RunningOscarSim } from '../../oscar-sim/src/index.js';
import { SecretBox } from './common/crypto/secret-box.js';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config.js';
import { seedDemo, type DemoSeedResult } from './demo/demo-seed.js';
import { prepareDemoEmr } from './demo/demo-emr.js';
import { startServer, type RunningServer } from './server.js';

/**
 * `npm start`: the whole system on one machine — embedded PostgreSQL (unless DATABASE_URL),
 * migrations, the OSCAR simulator, the API with the console, and the demo clinic.
 * Talks to the person at the terminal on stdout (never through the logger: passwords are printed
 * here exactly once, when created).
 */
const say = (line: string) => process.stdout.write(`${line}\n`);

/** A path as the person at the terminal would type it: relative inside the project, absolute outside. */
function shownPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

function writeCredentials(config: AppConfig, seeded: DemoSeedResult): void {
  const file = join(config.dataDir, 'demo-credentials.json');
  const shown = shownPath(file);
  if (!seeded.createdCredentials) {
    say(
      existsSync(file)
        ? `Demo logins: ${shown} (passwords were printed when they were created)`
        : `Demo users already exist; their passwords were printed when created. Delete ${shownPath(config.dataDir)}/ to start over.`,
    );
    return;
  }
  const { admin, manager } = seeded.createdCredentials;
  mkdirSync(config.dataDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify({ admin, manager, webhookSecret: config.vapiWebhookSecret }, null, 2)}\n`, {
    mode: 0o600,
  });
  say('Demo logins (shown once; also saved to ' + shown + '):');
  say(`  platform admin   ${admin.email}   ${admin.password}`);
  say(`  clinic manager   ${manager.email}   ${manager.password}`);
}

async function main(): Promise<void> {
  let sim: RunningOscarSim | undefined;
  let server: RunningServer | undefined;
  const stop = async () => {
    await server?.stop().catch(() => undefined);
    await sim?.close().catch(() => undefined);
  };
  const started = Date.now();
  try {
    const config = loadConfig();
    sim = await startOscarSim({ port: config.oscarSimPort, dataFile: config.oscarSimData, host: '127.0.0.1' });
    say(`OSCAR simulator on ${sim.wsUrl}/ (${config.oscarSimData ? `data: ${config.oscarSimData}` : 'built-in demo data'})`);
    server = await startServer(config, say);
    const dataSource = server.app.get(DataSource);
    const box = new SecretBox(config.encryptionKeys);
    const seeded = await seedDemo(dataSource, {
      url: sim.url,
      timezone: sim.data.timezone,
      username: String(sim.login.securityNo),
      password: sim.login.password,
    }, box);
    await prepareDemoEmr(server.app, seeded.clinicId, say);
    say(`VoiceDesk is running on ${server.url} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    say(`API documentation: ${server.url}/api/docs`);
    writeCredentials(config, seeded);
  } catch (error) {
    await stop();
    if (error instanceof ConfigError) {
      for (const problem of error.problems) process.stderr.write(`Configuration error: ${problem}\n`);
      process.exit(78);
    }
    process.stderr.write(`VoiceDesk could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const shutdown = () => void stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

void main();
