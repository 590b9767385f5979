import type { DataSource, EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '../audit/audit-event.builder.js';
import { AuditOutcome } from '../audit/audit-vocabulary.js';
import { AuditService } from '../audit/audit.service.js';
import { SecretBox, SecretBoxError } from '../common/crypto/secret-box.js';
import { ENCRYPTED_COLUMNS, type EncryptedColumn } from './encrypted-columns.js';

export interface RotationOptions {
  /** rows re-encrypted per transaction (default 200) */
  batchSize?: number;
  /** only ciphertexts under these key ids (default: every key id but the current one) */
  fromKeyIds?: string[];
  /** count what would be re-encrypted, change nothing, write no audit row */
  dryRun?: boolean;
  /** after each committed batch (progress; a test stops the run here to resume it) */
  onBatch?: (column: EncryptedColumn, done: number) => void | Promise<void>;
}

export interface ColumnRotation {
  table: string;
  column: string;
  reencrypted: number;
  /** per old key id */
  fromKeyIds: Record<string, number>;
  /** ids of rows that could not be decrypted (unknown key id, wrong context, tampered): left as they were */
  failedIds: string[];
}

export interface RotationReport {
  toKeyId: string;
  dryRun: boolean;
  columns: ColumnRotation[];
  reencrypted: number;
  failed: number;
  /** text columns not in ENCRYPTED_COLUMNS that hold ciphertext under another key than the current one */
  unlistedColumns: { table: string; column: string; rows: number }[];
}

/** "table"."column" for SQL (names come from ENCRYPTED_COLUMNS or the catalog, never from a request). */
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * `npm run rotate-key`: re-encrypts every SecretBox ciphertext (ENCRYPTED_COLUMNS) that is not
 * under the current key — the first of ENCRYPTION_KEY — with it, in batches of one transaction
 * each (rows locked FOR UPDATE, written only if unchanged). Resumable by construction: a row
 * already under the current key is never selected again, so a run stopped anywhere is finished by
 * running it again. Old key ids stay in ENCRYPTION_KEY (every listed key still decrypts), so older
 * backups, whose data keys are wrapped under them, stay readable. Each run writes one audit row
 * (`encryption_key.rotate`, system actor) with counts, key ids and the ids of rows it could not open.
 * A plain class: the command builds it (rotate-key-cli.ts); the API itself never rotates.
 */
export class KeyRotationService {
  private readonly columns: EncryptedColumn[] = ENCRYPTED_COLUMNS;

  constructor(
    private readonly dataSource: DataSource,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
  ) {}

  async rotate(options: RotationOptions = {}): Promise<RotationReport> {
    const toKeyId = this.box.currentKeyId;
    const report: RotationReport = { toKeyId, dryRun: !!options.dryRun, columns: [], reencrypted: 0, failed: 0, unlistedColumns: [] };
    let failure: unknown;
    try {
      for (const column of this.columns) {
        const done = await this.rotateColumn(column, toKeyId, options);
        report.columns.push(done);
        report.reencrypted += done.reencrypted;
        report.failed += done.failedIds.length;
      }
      report.unlistedColumns = await this.unlistedCiphertext(toKeyId);
    } catch (error) {
      failure = error;
    }
    if (!options.dryRun) await this.record(report, failure);
    if (failure) throw failure;
    return report;
  }

  private async rotateColumn(column: EncryptedColumn, toKeyId: string, options: RotationOptions): Promise<ColumnRotation> {
    const result: ColumnRotation = { table: column.table, column: column.column, reencrypted: 0, fromKeyIds: {}, failedIds: [] };
    const batchSize = options.batchSize ?? 200;
    const current = `v1:${toKeyId}:`;
    const from = options.fromKeyIds?.map((kid) => `v1:${kid}:`);
    let after: string | null = null;
    for (;;) {
      const rows: { id: string }[] = await this.dataSource.transaction(async (manager) => {
        const batch = await this.selectBatch(manager, column, current, from, after, batchSize, !options.dryRun);
        for (const row of batch) {
          const kid = SecretBox.keyIdOf(row.value) ?? 'not a ciphertext';
          try {
            if (!SecretBox.isCiphertext(row.value)) throw new SecretBoxError('not a ciphertext');
            const fresh = this.box.encrypt(this.box.decrypt(row.value, column.aad(row.id)), column.aad(row.id));
            if (!options.dryRun) {
              await manager.query(`UPDATE ${ident(column.table)} SET ${ident(column.column)} = $1 WHERE ${ident(column.id)}::text = $2 AND ${ident(column.column)} = $3`, [
                fresh,
                row.id,
                row.value,
              ]);
            }
            result.reencrypted += 1;
            result.fromKeyIds[kid] = (result.fromKeyIds[kid] ?? 0) + 1;
          } catch (error) {
            if (!(error instanceof SecretBoxError)) throw error;
            result.failedIds.push(row.id);
          }
        }
        return batch;
      });
      if (rows.length) await options.onBatch?.(column, result.reencrypted);
      if (rows.length < batchSize) return result;
      after = rows[rows.length - 1].id;
    }
  }

  /** The next rows after `after` (keyset on the primary key) whose ciphertext is not under the current key. */
  private async selectBatch(
    manager: EntityManager,
    column: EncryptedColumn,
    current: string,
    from: string[] | undefined,
    after: string | null,
    limit: number,
    lock: boolean,
  ): Promise<{ id: string; value: string }[]> {
    const value = ident(column.column);
    const id = ident(column.id);
    return manager.query(
      `SELECT ${id}::text AS id, ${value} AS value FROM ${ident(column.table)}
        WHERE ${value} IS NOT NULL AND left(${value}, length($1)) <> $1
          AND ($2::text[] IS NULL OR left(${value}, position(':' IN substr(${value}, 4)) + 3) = ANY($2::text[]))
          AND ($3::text IS NULL OR ${id}::text > $3)
        ORDER BY ${id}::text LIMIT $4 ${lock ? 'FOR UPDATE' : ''}`,
      [current, from ?? null, after, limit],
    );
  }

  /** Text columns anywhere in the application's schema, other than the listed ones, holding ciphertext under an old key. */
  private async unlistedCiphertext(toKeyId: string): Promise<RotationReport['unlistedColumns']> {
    const listed = new Set(this.columns.map((c) => `${c.table}.${c.column}`));
    const candidates: { table: string; column: string }[] = await this.dataSource.query(
      `SELECT c.table_name AS "table", c.column_name AS "column" FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
        WHERE c.table_schema = 'public' AND c.data_type IN ('text', 'character varying')
        ORDER BY 1, 2`,
    );
    const found: RotationReport['unlistedColumns'] = [];
    for (const { table, column } of candidates) {
      if (listed.has(`${table}.${column}`)) continue;
      const [{ rows }] = await this.dataSource.query(
        `SELECT count(*)::int AS rows FROM ${ident(table)} WHERE ${ident(column)} ~ '^v1:[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:' AND left(${ident(column)}, length($1)) <> $1`,
        [`v1:${toKeyId}:`],
      );
      if (rows > 0) found.push({ table, column, rows });
    }
    return found;
  }

  private async record(report: RotationReport, failure: unknown): Promise<void> {
    const fromKeyIds = [...new Set(report.columns.flatMap((c) => Object.keys(c.fromKeyIds)))].sort();
    await this.audit.record({
      action: 'encryption_key.rotate',
      outcome: failure || report.failed || report.unlistedColumns.length ? AuditOutcome.Error : AuditOutcome.Success,
      actor: SYSTEM_ACTOR,
      resource: 'encryption_keys',
      resourceId: report.toKeyId,
      // counts, key ids and row ids only: never a ciphertext or a plaintext
      details: {
        toKeyId: report.toKeyId,
        fromKeyIds,
        reencrypted: report.reencrypted,
        failed: report.failed,
        columns: report.columns.map((c) => ({ table: c.table, field: c.column, reencrypted: c.reencrypted, failedRows: c.failedIds.slice(0, 100) })),
        unlistedColumns: report.unlistedColumns.map((c) => ({ table: c.table, field: c.column, rows: c.rows })),
        ...(failure ? { error: failure instanceof Error ? failure.name : 'unknown' } : {}),
      },
    });
  }
}
