import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../libs/testing/src/database.js';
import { Clinic } from '../clinics/clinic.entity.js';
import { CallMetadata } from './call-metadata.entity.js';
import { CallScratchJanitor, CALL_SCRATCH_MAX_AGE_MS, JANITOR_LOCK_ID } from './call-scratch-janitor.js';
import { ToolCallReceipt } from './tool-call-receipt.entity.js';

describe('the call scratch janitor with several replicas', () => {
  let db: TestDatabase;
  let janitor: CallScratchJanitor;

  beforeAll(async () => {
    db = await createTestDatabase();
    janitor = new CallScratchJanitor(db.dataSource.getRepository(CallMetadata), db.dataSource.getRepository(ToolCallReceipt));
  });
  afterAll(() => db?.drop());

  async function staleCall(): Promise<string> {
    const clinic = await db.dataSource.getRepository(Clinic).save({ name: 'Janitor clinic', slug: `clinic-${randomUUID()}` });
    const vapiCallId = randomUUID();
    const lastActivityAt = new Date(Date.now() - CALL_SCRATCH_MAX_AGE_MS - 60_000);
    await db.dataSource.getRepository(CallMetadata).insert({ clinicId: clinic.id, vapiCallId, lastActivityAt });
    return vapiCallId;
  }

  it('one replica sweeps at a time: while another holds the sweep, this one skips the round; afterwards it sweeps', async () => {
    const vapiCallId = await staleCall();
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      await other.query('SELECT pg_advisory_lock($1)', [JANITOR_LOCK_ID]);
      expect(await janitor.sweepOnce()).toBe(false);
      expect(await db.dataSource.getRepository(CallMetadata).countBy({ vapiCallId })).toBe(1);
      await other.query('SELECT pg_advisory_unlock($1)', [JANITOR_LOCK_ID]);
    } finally {
      await other.end();
    }
    expect(await janitor.sweepOnce()).toBe(true);
    expect(await db.dataSource.getRepository(CallMetadata).countBy({ vapiCallId })).toBe(0);
  });
});
