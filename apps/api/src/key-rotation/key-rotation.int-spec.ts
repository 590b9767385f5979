import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../libs/testing/src/database.js';
import { AuditLog } from '../audit/audit-log.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { fillEveryTable } from '../backup/testing/fill-every-table.js';
import { SecretBox } from '../common/crypto/secret-box.js';
import { ENCRYPTED_COLUMNS } from './encrypted-columns.js';
import { KeyRotationService } from './key-rotation.service.js';

const k1 = { kid: 'k1', key: randomBytes(32) };
const k2 = { kid: 'k2', key: randomBytes(32) };
const before = new SecretBox([k1]);
const after = new SecretBox([k2, k1]);
const onlyNew = new SecretBox([k2]);

interface Stored {
  table: string;
  column: string;
  id: string;
  value: string;
}

describe('npm run rotate-key', () => {
  let db: TestDatabase;
  /** plaintext of every encrypted cell, by table.column:id */
  const plain = new Map<string, string>();

  const stored = async (): Promise<Stored[]> => {
    const all: Stored[] = [];
    for (const c of ENCRYPTED_COLUMNS) {
      const rows: { id: string; value: string }[] = await db.dataSource.query(
        `SELECT "${c.id}"::text AS id, "${c.column}" AS value FROM "${c.table}" WHERE "${c.column}" IS NOT NULL`,
      );
      all.push(...rows.map((r) => ({ table: c.table, column: c.column, ...r })));
    }
    return all;
  };
  const rotationRows = () => db.dataSource.getRepository(AuditLog).find({ where: { action: 'encryption_key.rotate' }, order: { createdAt: 'ASC' } });
  const service = (box: SecretBox) => {
    const audit = new AuditService(db.dataSource.getRepository(AuditLog));
    return new KeyRotationService(db.dataSource, box, audit);
  };

  beforeEach(async () => {
    db = await createTestDatabase();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await fillEveryTable(client, 3);
    } finally {
      await client.end();
    }
    // every encrypted column holds ciphertext under k1, bound to its row as the features bind it
    plain.clear();
    for (const c of ENCRYPTED_COLUMNS) {
      const ids: { id: string }[] = await db.dataSource.query(`SELECT "${c.id}"::text AS id FROM "${c.table}"`);
      for (const { id } of ids) {
        const secret = `${c.column} of ${id} ${randomBytes(4).toString('hex')}`;
        plain.set(`${c.table}.${c.column}:${id}`, secret);
        await db.dataSource.query(`UPDATE "${c.table}" SET "${c.column}" = $1 WHERE "${c.id}"::text = $2`, [before.encrypt(secret, c.aad(id)), id]);
      }
    }
  });
  afterEach(async () => {
    await db?.drop();
  });

  it('re-encrypts every encrypted column under the first key, in batches, so the old key is no longer needed', async () => {
    const cells = await stored();
    expect(cells.length).toBe(ENCRYPTED_COLUMNS.length * 3);
    const batches: number[] = [];
    const report = await service(after).rotate({ batchSize: 2, onBatch: (_c, done) => void batches.push(done) });

    expect(report).toMatchObject({ toKeyId: 'k2', reencrypted: cells.length, failed: 0, unlistedColumns: [] });
    expect(batches.length).toBe(ENCRYPTED_COLUMNS.length * 2);
    for (const cell of await stored()) {
      expect(SecretBox.keyIdOf(cell.value)).toBe('k2');
      const column = ENCRYPTED_COLUMNS.find((c) => c.table === cell.table && c.column === cell.column)!;
      expect(onlyNew.decrypt(cell.value, column.aad(cell.id))).toBe(plain.get(`${cell.table}.${cell.column}:${cell.id}`));
    }
    const [audit] = await rotationRows();
    expect(audit).toMatchObject({ action: 'encryption_key.rotate', outcome: 'success', userId: null, resource: 'encryption_keys', resourceId: 'k2' });
    expect(audit.details).toMatchObject({ toKeyId: 'k2', fromKeyIds: ['k1'], reencrypted: cells.length, failed: 0 });
    expect(JSON.stringify(audit.details)).not.toMatch(/v1:k[12]:/);

    // a second run finds nothing left to do
    expect((await service(after).rotate()).reencrypted).toBe(0);
  });

  it('resumes where a stopped run left off', async () => {
    const total = (await stored()).length;
    let batches = 0;
    await expect(
      service(after).rotate({
        batchSize: 2,
        onBatch: () => {
          batches += 1;
          if (batches === 3) throw new Error('the machine went down');
        },
      }),
    ).rejects.toThrow('the machine went down');
    const halfway = (await stored()).filter((c) => SecretBox.keyIdOf(c.value) === 'k2').length;
    expect(halfway).toBe(5);

    const report = await service(after).rotate({ batchSize: 2 });
    expect(report.reencrypted).toBe(total - halfway);
    expect((await stored()).every((c) => SecretBox.keyIdOf(c.value) === 'k2')).toBe(true);
    expect((await rotationRows()).map((r) => r.outcome)).toEqual(['error', 'success']);
  });

  it('leaves a ciphertext it cannot open as it is, names its row, and reports the run as an error', async () => {
    const [victim] = await db.dataSource.query(`SELECT id::text AS id FROM waitlist ORDER BY id LIMIT 1`);
    const foreign = new SecretBox([{ kid: 'k0', key: randomBytes(32) }]).encrypt('unknown key', `waitlist.details_enc:${victim.id}`);
    await db.dataSource.query(`UPDATE waitlist SET details_enc = $1 WHERE id = $2`, [foreign, victim.id]);

    const report = await service(after).rotate();
    const waitlist = report.columns.find((c) => c.table === 'waitlist')!;
    expect(waitlist.failedIds).toEqual([victim.id]);
    expect(report.failed).toBe(1);
    const [{ details_enc: left }] = await db.dataSource.query(`SELECT details_enc FROM waitlist WHERE id = $1`, [victim.id]);
    expect(left).toBe(foreign);
    const [audit] = await rotationRows();
    expect(audit.outcome).toBe('error');
  });

  it('finds ciphertext under an old key in a column it does not list', async () => {
    const [log] = await db.dataSource.query(`SELECT id FROM call_logs LIMIT 1`);
    await db.dataSource.query(`UPDATE call_logs SET summary = $1 WHERE id = $2`, [before.encrypt('Caller booked.'), log.id]);
    const report = await service(after).rotate();
    expect(report.unlistedColumns).toEqual([{ table: 'call_logs', column: 'summary', rows: 1 }]);
  });

  it('only counts on a dry run, and rotates only the key ids asked for', async () => {
    const dry = await service(after).rotate({ dryRun: true });
    expect(dry.reencrypted).toBe((await stored()).length);
    expect((await stored()).every((c) => SecretBox.keyIdOf(c.value) === 'k1')).toBe(true);
    expect(await rotationRows()).toEqual([]);

    const none = await service(after).rotate({ fromKeyIds: ['k7'] });
    expect(none.reencrypted).toBe(0);
    expect((await service(after).rotate({ fromKeyIds: ['k1'] })).reencrypted).toBe((await stored()).length);
  });

  it('lists every *Enc column of the entities, each bound to the context its feature encrypts with', () => {
    const listed = ENCRYPTED_COLUMNS.map((c) => `${c.table}.${c.column}`);
    const encColumns = db.dataSource.entityMetadatas.flatMap((entity) =>
      entity.columns.filter((c) => /Enc$/.test(c.propertyName)).map((c) => `${entity.tableName}.${c.databaseName}`),
    );
    expect(encColumns.filter((c) => !listed.includes(c))).toEqual([]);
    // literal contexts, as the features write them (clinic-secret-context.ts, mfa.service.ts, waitlist-details.ts, tool-call-receipts.service.ts, fax-content.ts)
    expect(Object.fromEntries(ENCRYPTED_COLUMNS.map((c) => [`${c.table}.${c.column}`, c.aad('ID')]))).toEqual({
      'clinic_config.oscar_consumer_secret_enc': 'clinic_config.oscarConsumerSecretEnc:ID',
      'clinic_config.oscar_token_secret_enc': 'clinic_config.oscarTokenSecretEnc:ID',
      'clinic_config.oscar_soap_password_enc': 'clinic_config.oscarSoapPasswordEnc:ID',
      'clinic_config.vapi_webhook_secret': 'clinic_config.vapiWebhookSecret:ID',
      'users.mfa_secret_enc': 'users.mfa_secret:ID',
      'waitlist.details_enc': 'waitlist.details_enc:ID',
      'tool_call_receipts.result': 'tool_call_receipts.result:ID',
      'fax_document_files.key_enc': 'fax_document_files.key:ID',
      'fax_documents.extracted_data_enc': 'fax_documents.extracted_data_enc:ID',
      'fax_documents.matched_patient_name': 'fax_documents.matched_patient_name:ID',
      'fax_documents.reject_reason_enc': 'fax_documents.reject_reason_enc:ID',
    });
  });
});
