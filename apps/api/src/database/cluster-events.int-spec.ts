import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../libs/testing/src/database.js';
import { ClusterEvents } from './cluster-events.js';

const CHANNEL = 'voicedesk_test_channel';

/** Two replicas' event services on one database. */
describe('events between replicas (PostgreSQL LISTEN/NOTIFY)', () => {
  let db: TestDatabase;
  let a: ClusterEvents;
  let b: ClusterEvents;
  const heardByB: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    a = new ClusterEvents({ databaseUrl: db.url, checkEveryMs: 500 }, db.dataSource);
    b = new ClusterEvents({ databaseUrl: db.url, checkEveryMs: 500 }, db.dataSource);
    b.on(CHANNEL, (payload) => heardByB.push(payload));
    // listened to before the first test publishes (a handler added later listens asynchronously)
    a.on(CHANNEL, () => undefined);
    await a.onModuleInit();
    await b.onModuleInit();
  });
  afterAll(async () => {
    await a?.onApplicationShutdown();
    await b?.onApplicationShutdown();
    await db?.drop();
  });

  /** The next payload `events` hears on CHANNEL. */
  function next(events: ClusterEvents): Promise<string> {
    return new Promise((resolve) => {
      const stop = events.on(CHANNEL, (payload) => {
        stop();
        resolve(payload);
      });
    });
  }

  function reconnected(events: ClusterEvents): Promise<void> {
    return new Promise((resolve) => {
      const stop = events.onReconnect(() => {
        stop();
        resolve();
      });
    });
  }

  async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  /** Cuts every listening connection of the test database, as a database restart does. */
  function cutListeners(): Promise<unknown> {
    return admin((client) =>
      client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'voicedesk-events'`, [db.name]),
    );
  }

  it('a notification published by one replica reaches the other (and itself)', async () => {
    const atB = next(b);
    const atA = next(a);
    await a.publish(CHANNEL, 'clinic 1 changed');
    expect(await atB).toBe('clinic 1 changed');
    expect(await atA).toBe('clinic 1 changed');
  });

  it('a notification published in a transaction leaves at commit, and never when it rolls back', async () => {
    const atB = next(b);
    await db.dataSource
      .transaction(async (manager) => {
        await a.publish(CHANNEL, 'rolled back', manager);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await db.dataSource.transaction((manager) => a.publish(CHANNEL, 'committed', manager));
    expect(await atB).toBe('committed');
    expect(heardByB).not.toContain('rolled back');
  });

  it('refuses a payload PostgreSQL would refuse', async () => {
    await expect(a.publish(CHANNEL, 'x'.repeat(8000))).rejects.toThrow(/too long/);
  });

  it('after its connection is cut, a replica reconnects, says so, and hears notifications again', async () => {
    const back = reconnected(b);
    await cutListeners();
    await back;
    expect(b.isListening).toBe(true);
    const atB = next(b);
    await a.publish(CHANNEL, 'after the cut');
    expect(await atB).toBe('after the cut');
  });

  it('keeps trying through an outage longer than pg-listen’s default give-up (3 s), and hears again once the database is back', async () => {
    const back = reconnected(b);
    await admin((client) => client.query(`ALTER DATABASE ${db.name} WITH ALLOW_CONNECTIONS false`));
    try {
      await cutListeners();
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      expect(b.isListening).toBe(false);
    } finally {
      await admin((client) => client.query(`ALTER DATABASE ${db.name} WITH ALLOW_CONNECTIONS true`));
    }
    await back;
    const atB = next(b);
    await a.publish(CHANNEL, 'after the outage');
    expect(await atB).toBe('after the outage');
  }, 30_000);
});
