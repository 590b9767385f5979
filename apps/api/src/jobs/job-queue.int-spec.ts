import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../libs/testing/src/database.js';
import { waitFor } from '../../../../libs/testing/src/telnyx-fake.js';
import { JobQueue, JobQueueUnavailableError, type JobAttempt } from './job-queue.js';

interface Ping {
  n: number;
}

describe('the job queue on PostgreSQL (pg-boss, schema pgboss)', () => {
  let db: TestDatabase;
  let queue: JobQueue;
  const seen: JobAttempt<Ping>[] = [];
  const failFirst = new Map<number, number>();

  beforeAll(async () => {
    db = await createTestDatabase();
    queue = new JobQueue({ databaseUrl: db.url, pollingIntervalSeconds: 0.5 });
    queue.register<Ping>({
      name: 'test.ping',
      retryLimit: 2,
      retryDelaySeconds: 1,
      retryDelayMaxSeconds: 2,
      expireInSeconds: 10,
      async handle(attempt) {
        seen.push(attempt);
        const left = failFirst.get(attempt.data.n) ?? 0;
        if (left > 0) {
          failFirst.set(attempt.data.n, left - 1);
          throw new Error('not yet');
        }
      },
    });
    await queue.onApplicationBootstrap();
  });
  afterAll(async () => {
    await queue?.beforeApplicationShutdown();
    await db?.drop();
  });

  const attemptsOf = (n: number) => seen.filter((a) => a.data.n === n);

  it('lives in its own schema', async () => {
    const rows: { n: number }[] = await db.dataSource.query(`SELECT count(*)::int AS n FROM information_schema.schemata WHERE schema_name = 'pgboss'`);
    expect(rows[0].n).toBe(1);
  });

  it('a job sent inside a transaction exists only if the transaction commits', async () => {
    await expect(
      db.dataSource.transaction(async (manager) => {
        await queue.send<Ping>('test.ping', { n: 1 }, { manager });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await db.dataSource.transaction((manager) => queue.send<Ping>('test.ping', { n: 2 }, { manager }));
    queue.wake('test.ping');
    await waitFor(() => (attemptsOf(2).length ? true : undefined), 10_000, 'job 2');
    // the rolled-back job was never written, so it can never run (checked in the table, not by waiting)
    const written: { n: string }[] = await db.dataSource.query(`SELECT data->>'n' AS n FROM pgboss.job WHERE name = 'test.ping' AND data->>'n' IN ('1', '2')`);
    expect(written.map((j) => j.n)).toEqual(['2']);
    expect(attemptsOf(1)).toHaveLength(0);
    expect(attemptsOf(2)).toMatchObject([{ retryCount: 0, retryLimit: 2, isLastAttempt: false }]);
  });

  it('a failing job is retried with backoff, and its last attempt says so', async () => {
    failFirst.set(3, 2);
    await queue.send<Ping>('test.ping', { n: 3 });
    queue.wake('test.ping');
    await waitFor(() => (attemptsOf(3).length === 3 ? true : undefined), 20_000, 'three attempts');
    expect(attemptsOf(3).map((a) => [a.retryCount, a.isLastAttempt])).toEqual([[0, false], [1, false], [2, true]]);
  }, 30_000);

  it('refuses unknown job kinds, and any send while it is not running', async () => {
    await expect(queue.send('test.unknown', {})).rejects.toThrow('unknown job test.unknown');
    const stopped = new JobQueue({ databaseUrl: db.url });
    stopped.register<Ping>({ name: 'test.ping', retryLimit: 0, retryDelaySeconds: 1, retryDelayMaxSeconds: 1, expireInSeconds: 10, handle: async () => undefined });
    await expect(stopped.send<Ping>('test.ping', { n: 4 })).rejects.toBeInstanceOf(JobQueueUnavailableError);
  });

  it('on shutdown, a send still being written behind an answer completes before pg-boss stops', async () => {
    const other = new JobQueue({ databaseUrl: db.url, pollingIntervalSeconds: 0.5 });
    other.register<Ping>({ name: 'test.late', retryLimit: 0, retryDelaySeconds: 1, retryDelayMaxSeconds: 1, expireInSeconds: 10, handle: async () => undefined });
    await other.onApplicationBootstrap();
    let sent: string | null = null;
    other.track(new Promise((r) => setTimeout(r, 300)).then(async () => (sent = await other.send<Ping>('test.late', { n: 5 }))));
    await other.beforeApplicationShutdown();
    expect(sent).toEqual(expect.any(String));
    const rows: { n: number }[] = await db.dataSource.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'test.late'`);
    expect(rows[0].n).toBe(1);
  });

  it('on shutdown, a job already running is finished (and recorded completed) before the queue stops', async () => {
    const other = new JobQueue({ databaseUrl: db.url, pollingIntervalSeconds: 0.5 });
    let release!: () => void;
    const running = new Promise<void>((r) => (release = r));
    let started = false;
    let finished = false;
    other.register<Ping>({
      name: 'test.long',
      retryLimit: 0,
      retryDelaySeconds: 1,
      retryDelayMaxSeconds: 1,
      expireInSeconds: 30,
      async handle() {
        started = true;
        await running;
        finished = true;
      },
    });
    await other.onApplicationBootstrap();
    const id = await other.send<Ping>('test.long', { n: 6 });
    other.wake('test.long');
    await waitFor(() => started || undefined, 10_000, 'the job to start');
    let stopped = false;
    const stopping = other.beforeApplicationShutdown().then(() => (stopped = true));
    // the stop waits on the job, however long it takes (up to pg-boss's graceful timeout)
    await new Promise((r) => setTimeout(r, 300));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(finished).toBe(true);
    const rows: { state: string }[] = await db.dataSource.query(`SELECT state FROM pgboss.job WHERE id = $1`, [id]);
    expect(rows[0]?.state).toBe('completed');
  });
});
