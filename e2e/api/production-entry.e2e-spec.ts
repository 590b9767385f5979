import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../migrations/index.js';
import {
  MAIN_JS, ROOT, freePort, generatedSecrets, productionCommand, rssBytes, runProductionToExit, startOwnedCluster, startProduction,
  type OwnedCluster, type ProductionProcess,
} from '../../libs/testing/src/production.js';

/**
 * `npm run start:prod` as production runs it (the Docker image's command): the built `dist/`, no
 * simulator, no demo data, `NODE_ENV=production`, generated secrets, and a database owned by a role
 * that is no superuser, on a second embedded PostgreSQL cluster of its own. Two replicas start at
 * the same moment on the empty database.
 */
describe('the production entry (npm run start:prod; needs `npm run build`, which npm test runs first)', () => {
  let cluster: OwnedCluster;
  let replicas: ProductionProcess[] = [];
  let secrets: ReturnType<typeof generatedSecrets>;
  let healthyMs: number[] = [];

  async function adminQuery<T = any>(sql: string): Promise<T[]> {
    const client = new pg.Client({ connectionString: cluster.adminUrl });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    if (!existsSync(MAIN_JS)) throw new Error('dist is missing: run npm run build');
    cluster = await startOwnedCluster();
    secrets = generatedSecrets();
    const env = { NODE_ENV: 'production', DATABASE_URL: cluster.appUrl, ...secrets };
    replicas = [startProduction(env, await freePort()), startProduction(env, await freePort())];
    healthyMs = await Promise.all(replicas.map((r) => r.untilHealthy(90_000)));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await cluster?.stop();
  }, 60_000);

  it('runs as a database role that owns its database and is no superuser', async () => {
    const [role] = await adminQuery(`SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = '${cluster.appRole}'`);
    expect(role).toEqual({ rolsuper: false, rolcreatedb: false, rolcreaterole: false });
    const [db] = await adminQuery(`SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = 'voicedesk'`);
    expect(db.owner).toBe(cluster.appRole);
  });

  it('two replicas started together both answer /api/health with 200: database up, migrations current', async () => {
    for (const replica of replicas) {
      const response = await fetch(`${replica.baseUrl}/api/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, migrations: { status: 'up' } } });
    }
    console.log(`start:prod: healthy ${healthyMs.join(' ms and ')} ms after spawn (two replicas at once, empty database)`);
  });

  it('migrates once: one replica applies every migration, the other finds none pending', async () => {
    const appliers = replicas.filter((r) => /Applied \d+ database migration/.test(r.output()));
    expect(appliers).toHaveLength(1);
    expect(appliers[0]!.output()).toContain(`Applied ${MIGRATIONS.length} database migration(s)`);
    const rows = await adminQuery<{ name: string }>('SELECT name FROM migrations');
    expect(rows).toHaveLength(MIGRATIONS.length);
    expect(new Set(rows.map((r) => r.name)).size).toBe(MIGRATIONS.length);
    const [owner] = await adminQuery(`SELECT tableowner FROM pg_tables WHERE tablename = 'migrations'`);
    expect(owner.tableowner).toBe(cluster.appRole);
  });

  it('starts no simulator and writes no demo data', async () => {
    const [counts] = await adminQuery('SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM clinics)::int AS clinics');
    expect(counts).toEqual({ users: 0, clinics: 0 });
    for (const replica of replicas) {
      expect(replica.output()).not.toMatch(/OSCAR simulator|Demo logins|demo-credentials/);
      expect(replica.output()).not.toContain(secrets.JWT_SECRET);
    }
  });

  it('serves the console at / and at a deep link, and answers unknown API paths in JSON', async () => {
    const [replica] = replicas;
    for (const path of ['/', '/clinics']) {
      const response = await fetch(`${replica!.baseUrl}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toContain('text/html');
      expect(await response.text(), path).toContain('<vd-root');
    }
    const missing = await fetch(`${replica!.baseUrl}/api/no-such-route`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/json');
  });

  it('stops within seconds of SIGTERM even while a client keeps its connection busy (a load balancer polling health)', async () => {
    const replica = replicas[1]!;
    const pid = replica.nodePid()!;
    let polling = true;
    const poller = (async () => {
      while (polling) await fetch(`${replica.baseUrl}/api/health`).then((r) => r.text(), () => undefined);
    })();
    await new Promise((r) => setTimeout(r, 300));
    const sent = Date.now();
    process.kill(pid, 'SIGTERM');
    while (rssBytes(pid) !== undefined && Date.now() - sent < 20_000) await new Promise((r) => setTimeout(r, 50));
    polling = false;
    await poller;
    expect(rssBytes(pid), 'the node process is still running 20 s after SIGTERM').toBeUndefined();
    console.log(`start:prod: exited ${Date.now() - sent} ms after SIGTERM`);
  }, 30_000);

  it('is what the Docker image runs: the same node flags and script as npm run start:prod', () => {
    const { env, flags, command } = productionCommand();
    const dockerfile = readFileSync(join(ROOT, 'docker/Dockerfile'), 'utf8');
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)![1]!;
    expect(JSON.parse(cmd)).toEqual(command);
    // what the script sets in front of node, the image sets with ENV
    expect(env).toEqual({ MALLOC_ARENA_MAX: '2' });
    for (const [name, value] of Object.entries(env)) expect(dockerfile).toMatch(new RegExp(`^\\s+${name}=${value}\\b`, 'm'));
    expect(flags.some((flag) => /^--max-old-space-size=\d+$/.test(flag))).toBe(true);
  });

  it('refuses to start without its secrets, naming each missing one, and never listens', async () => {
    const port = await freePort();
    const { code, output } = await runProductionToExit({ NODE_ENV: 'production' }, port);
    expect(code).toBe(78);
    for (const name of ['ENCRYPTION_KEY', 'JWT_SECRET', 'VAPI_WEBHOOK_SECRET', 'DATABASE_URL']) {
      expect(output).toContain(`Configuration error: ${name} is required when NODE_ENV=production`);
    }
    expect(output).not.toContain('listening');
  });

  it('refuses weak secrets, naming each one and echoing none', async () => {
    const weak = {
      ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('hex'),
      JWT_SECRET: 'changeme-changeme',
      VAPI_WEBHOOK_SECRET: 'secret',
    };
    const { code, output } = await runProductionToExit({ NODE_ENV: 'production', DATABASE_URL: cluster.appUrl, ...weak }, await freePort());
    expect(code).toBe(78);
    expect(output).toMatch(/Configuration error: ENCRYPTION_KEY is too weak/);
    expect(output).toMatch(/Configuration error: JWT_SECRET must be at least 32 bytes/);
    expect(output).toMatch(/Configuration error: VAPI_WEBHOOK_SECRET must be at least 24 bytes/);
    for (const value of Object.values(weak)) expect(output).not.toContain(value);
  });
});
