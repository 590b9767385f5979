import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../libs/testing/src/database.js';
import { Clinic } from '../clinics/clinic.entity.js';
import { SecretBox } from '../common/crypto/secret-box.js';
import { ClusterEvents } from '../database/cluster-events.js';
import { ToolCallReceipt } from './tool-call-receipt.entity.js';
import { ToolCallReceiptsService } from './tool-call-receipts.service.js';

const ANSWER = JSON.stringify({ result: JSON.stringify({ booked: true, appointmentId: 7 }) });

/** Two replicas' receipt services on one database, each with its own listening connection. */
describe('duplicates of a tool call wait for the first delivery’s receipt', () => {
  let db: TestDatabase;
  let eventsA: ClusterEvents;
  let eventsB: ClusterEvents;
  let a: ToolCallReceiptsService;
  let b: ToolCallReceiptsService;
  let clinicId: string;
  let reads: ReturnType<typeof vi.spyOn>;

  beforeAll(async () => {
    db = await createTestDatabase();
    const repository = db.dataSource.getRepository(ToolCallReceipt);
    eventsA = new ClusterEvents({ databaseUrl: db.url, checkEveryMs: 500 }, db.dataSource);
    eventsB = new ClusterEvents({ databaseUrl: db.url, checkEveryMs: 500 }, db.dataSource);
    const box = new SecretBox([{ kid: 'k1', key: randomBytes(32) }]);
    a = new ToolCallReceiptsService(repository, box, eventsA);
    b = new ToolCallReceiptsService(repository, box, eventsB);
    await eventsA.onModuleInit();
    await eventsB.onModuleInit();
    clinicId = (await db.dataSource.getRepository(Clinic).save({ name: 'Receipts clinic', slug: `clinic-${randomUUID()}` })).id;
    reads = vi.spyOn(repository, 'findOneBy');
  });
  afterAll(async () => {
    await eventsA?.onApplicationShutdown();
    await eventsB?.onApplicationShutdown();
    await db?.drop();
  });
  beforeEach(() => {
    reads.mockClear();
  });

  const inTenSeconds = () => Date.now() + 10_000;
  /** The claim must be a run: the receipt it owns. */
  const ran = async (claim: ReturnType<ToolCallReceiptsService['claim']>, vapiCallId: string) => {
    const got = await claim;
    expect(got).toMatchObject({ kind: 'run', receiptId: expect.any(String) });
    return { vapiCallId, toolCallId: 'tc1', receiptId: (got as { receiptId: string }).receiptId };
  };

  it('50 duplicates on another replica hear the first answer once it is stored, with at most two reads in all (no polling)', async () => {
    const call = randomUUID();
    const run = await ran(a.claim(clinicId, call, 'tc1', 'create_appointment', inTenSeconds()), call);
    const waiting = Promise.all(Array.from({ length: 50 }, () => b.claim(clinicId, call, 'tc1', 'create_appointment', inTenSeconds())));
    // let the duplicates reach their sleep (one of them reads the running receipt; the others wait for it)
    await vi.waitFor(() => expect(reads).toHaveBeenCalledTimes(1));
    await a.complete(clinicId, run, ANSWER);
    expect(await waiting).toEqual(Array(50).fill({ kind: 'replay', answer: ANSWER }));
    // one read of the running receipt, one after the NOTIFY (none if the first read already saw it done)
    expect(reads.mock.calls.length).toBeLessThanOrEqual(2);
  });

  it('a duplicate arriving later replays the remembered answer without reading the database', async () => {
    const call = randomUUID();
    const run = await ran(a.claim(clinicId, call, 'tc1', 'create_appointment', inTenSeconds()), call);
    await a.complete(clinicId, run, ANSWER);
    expect(await a.claim(clinicId, call, 'tc1', 'create_appointment', inTenSeconds())).toEqual({ kind: 'replay', answer: ANSWER });
    expect(reads).not.toHaveBeenCalled();
  });

  it('another clinic presenting the same call and tool call ids hears pending, never the answer (from memory or the database)', async () => {
    const call = randomUUID();
    const other = (await db.dataSource.getRepository(Clinic).save({ name: 'Other clinic', slug: `clinic-${randomUUID()}` })).id;
    const run = await ran(a.claim(clinicId, call, 'tc1', 'create_appointment', inTenSeconds()), call);
    await a.complete(clinicId, run, ANSWER);
    expect(await a.claim(other, call, 'tc1', 'create_appointment', inTenSeconds())).toEqual({ kind: 'pending' });
    expect(await b.claim(other, call, 'tc1', 'create_appointment', inTenSeconds())).toEqual({ kind: 'pending' });
  });

  it('when the first delivery releases its claim (a failure worth retrying), a waiting duplicate runs the tool call itself', async () => {
    const call = randomUUID();
    await ran(a.claim(clinicId, call, 'tc1', 'create_appointment', inTenSeconds()), call);
    const waiting = b.claim(clinicId, call, 'tc1', 'create_appointment', inTenSeconds());
    await vi.waitFor(() => expect(reads).toHaveBeenCalledTimes(1));
    await a.release(clinicId, call, 'tc1');
    expect(await waiting).toMatchObject({ kind: 'run' });
  });

  it('a duplicate still waiting at its deadline answers pending', async () => {
    const call = randomUUID();
    await ran(a.claim(clinicId, call, 'tc1', 'create_appointment', inTenSeconds()), call);
    expect(await b.claim(clinicId, call, 'tc1', 'create_appointment', Date.now() + 300)).toEqual({ kind: 'pending' });
  });

  it('a receipt completed while the waiting replica’s listening connection was down is read again once it reconnects', async () => {
    const call = randomUUID();
    const run = await ran(a.claim(clinicId, call, 'tc1', 'create_appointment', inTenSeconds()), call);
    const waiting = b.claim(clinicId, call, 'tc1', 'create_appointment', Date.now() + 20_000);
    await vi.waitFor(() => expect(reads).toHaveBeenCalledTimes(1));
    const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await admin.connect();
    try {
      // the listeners cannot come back until the database accepts connections again: the NOTIFY is missed
      await admin.query(`ALTER DATABASE ${db.name} WITH ALLOW_CONNECTIONS false`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'voicedesk-events'`, [db.name]);
      await vi.waitFor(() => expect(eventsB.isListening).toBe(false));
      await a.complete(clinicId, run, ANSWER);
    } finally {
      await admin.query(`ALTER DATABASE ${db.name} WITH ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    expect(await waiting).toEqual({ kind: 'replay', answer: ANSWER });
  }, 30_000);
});
