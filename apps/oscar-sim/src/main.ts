import { simOptionsFromEnv } from './cli-options.js';
import { createDemoData } from './data/demo/demo-data.js';
import { startOscarSim } from './index.js';

/**
 * `npm run sim`: the simulator alone. OSCAR_SIM_PORT (default 8091), OSCAR_SIM_DATA (data file;
 * default the built-in demo data), OSCAR_SIM_HOST (default 127.0.0.1), fault knobs OSCAR_SIM_* (README).
 * `--print-demo-data` writes the built-in demo data file to standard output.
 */
async function main(): Promise<void> {
  if (process.argv.includes('--print-demo-data')) {
    process.stdout.write(`${JSON.stringify(createDemoData(), null, 2)}\n`);
    return;
  }
  const sim = await startOscarSim(simOptionsFromEnv(process.env));
  const status = await sim.control.status();
  process.stdout.write(
    `OSCAR simulator listening on ${sim.wsUrl}/ (${status.providers} providers, ${status.demographics} charts, `
    + `${status.appointments} appointments, zone ${status.timezone}, today ${status.today})\n`
    + `  login: security number ${sim.login.securityNo} (user ${sim.login.userName}); control: ${sim.controlUrl}\n`,
  );
  const stop = () => { sim.close().then(() => process.exit(0)); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
