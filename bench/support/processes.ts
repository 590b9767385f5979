import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Child processes of a benchmark: the built API, the simulator, the bare baseline server. */

export const ROOT = resolve(__dirname, '../..');
/** Node 24 from node_modules (the host's node is older) */
export const NODE = join(ROOT, 'node_modules/.bin/node');

/** One scratch directory per benchmark run: data files and the children's logs (never printed). */
export const WORK_DIR = mkdtempSync(join(tmpdir(), 'voicedesk-bench-'));

/** Removes WORK_DIR at the end of a run, unless BENCH_KEEP_LOGS=1 (then answers where it is). */
export function cleanWorkDir(): string | undefined {
  if (process.env.BENCH_KEEP_LOGS === '1') return WORK_DIR;
  rmSync(WORK_DIR, { recursive: true, force: true });
  return undefined;
}

export interface NodeProcess {
  name: string;
  pid: number;
  /** where its standard output and error go */
  logFile: string;
  /** the log's last lines, for an error message */
  tail(lines?: number): string;
  stop(): Promise<void>;
}

export function builtScript(relative: string): string {
  const path = join(ROOT, relative);
  if (!existsSync(path)) throw new Error(`${relative} is missing: run \`npm run build\` first (the npm scripts do)`);
  return path;
}

/**
 * Starts `node <script>` with `env` added to this environment, output to a log file in WORK_DIR
 * (a file, not a pipe: the benchmark's own event loop never handles the child's logging), and
 * waits until `ready()` answers true.
 */
export async function startNodeProcess(
  name: string,
  args: string[],
  env: Record<string, string>,
  ready: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<NodeProcess> {
  const logFile = join(WORK_DIR, `${name}.log`);
  const fd = openSync(logFile, 'a');
  // BENCH_PROFILE=<dir>: a CPU profile of every process the benchmark starts (node --cpu-prof), to see where time goes
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child: ChildProcess = spawn(NODE, [...profile, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const tail = (lines = 20) => (existsSync(logFile) ? readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '');
  const proc: NodeProcess = {
    name,
    pid: child.pid!,
    logFile,
    tail,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(15_000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
  const started = Date.now();
  while (!(await ready().catch(() => false))) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} while starting:\n${tail()}`);
    if (Date.now() - started > timeoutMs) {
      await proc.stop();
      throw new Error(`${name} was not ready after ${timeoutMs} ms:\n${tail()}`);
    }
    await sleep(200);
  }
  return proc;
}

/** True when `url` answers 2xx. */
export async function answers(url: string): Promise<boolean> {
  const response = await fetch(url);
  await response.arrayBuffer();
  return response.ok;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
