import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../apps/api/src/database/free-port.js';

/**
 * What `npm start` does on a fresh machine, driven for real: the built launcher with its own
 * embedded PostgreSQL, simulator, API and console, in a throw-away data directory.
 */
const root = resolve(__dirname, '../..');
const launcher = join(root, 'dist/node/apps/api/src/start.js');
const nodeBin = join(root, 'node_modules/.bin/node');

interface Started {
  child: ChildProcess;
  output: () => string;
  baseUrl: string;
  readyMs: number;
}

async function startOnce(dataDir: string, port: number, simPort: number): Promise<Started> {
  const begin = Date.now();
  let out = '';
  const child = spawn(nodeBin, [launcher], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'development', PORT: String(port), OSCAR_SIM_PORT: String(simPort), VOICEDESK_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (out += String(chunk)));
  child.stderr!.on('data', (chunk) => (out += String(chunk)));
  const baseUrl = `http://127.0.0.1:${port}`;
  while (Date.now() - begin < 60_000) {
    if (child.exitCode !== null) throw new Error(`launcher exited early:\n${out}`);
    if (out.includes('VoiceDesk is running')) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, output: () => out, baseUrl, readyMs: Date.now() - begin };
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

describe('npm start on a fresh machine (needs `npm run build`, which npm test runs first)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vd-start-'));
  let port: number;
  let simPort: number;
  let first: Started;

  beforeAll(async () => {
    if (!existsSync(launcher)) throw new Error('dist is missing: run npm run build');
    [port, simPort] = [await freePort(), await freePort()];
    first = await startOnce(dataDir, port, simPort);
  }, 90_000);

  afterAll(async () => {
    if (first) await stop(first.child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers /api/health with 200 within 60 s of start', async () => {
    expect(first.readyMs).toBeLessThan(60_000);
    const response = await fetch(`${first.baseUrl}/api/health`);
    expect(response.status).toBe(200);
    console.log(`npm start: ready in ${first.readyMs} ms on a fresh data directory`);
  });

  it('serves the console at /', async () => {
    const response = await fetch(`${first.baseUrl}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('<vd-root');
  });

  it('prints the demo logins once and writes them to .data/demo-credentials.json', async () => {
    const file = join(dataDir, 'demo-credentials.json');
    const credentials = JSON.parse(readFileSync(file, 'utf8'));
    expect(credentials.admin.email).toBe('admin@voicedesk.demo');
    expect(credentials.manager.clinicId).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof credentials.webhookSecret).toBe('string');
    expect(first.output()).toContain(credentials.admin.password);
    const login = await fetch(`${first.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: credentials.admin.email, password: credentials.admin.password }),
    });
    expect(login.status).toBe(200);
  });

  it('on the next start reuses the database and prints only where the logins are', async () => {
    await stop(first.child);
    const credentials = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8'));
    first = await startOnce(dataDir, port, simPort);
    const health = await fetch(`${first.baseUrl}/api/health`);
    expect(health.status).toBe(200);
    expect(first.output()).not.toContain(credentials.admin.password);
    expect(first.output()).toContain('demo-credentials.json');
    console.log(`npm start: warm restart ready in ${first.readyMs} ms`);
  }, 90_000);
});
