import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `audit_logs` is append-only in the database itself (SPEC §3, PIPEDA 4.1.4): UPDATE, DELETE and
 * TRUNCATE raise an error whoever runs them. A documented manual purge (7-year retention) has to
 * disable the triggers explicitly, which only the table's owner can do.
 */
export class AuditLogAppendOnly1795454995000 implements MigrationInterface {
  name = 'AuditLogAppendOnly1795454995000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION "audit_logs_refuse_change"() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_logs is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`CREATE TRIGGER "trg_audit_logs_no_update_delete"
      BEFORE UPDATE OR DELETE ON "audit_logs"
      FOR EACH ROW EXECUTE FUNCTION "audit_logs_refuse_change"()`);
    await queryRunner.query(`CREATE TRIGGER "trg_audit_logs_no_truncate"
      BEFORE TRUNCATE ON "audit_logs"
      FOR EACH STATEMENT EXECUTE FUNCTION "audit_logs_refuse_change"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "trg_audit_logs_no_truncate" ON "audit_logs"`);
    await queryRunner.query(`DROP TRIGGER "trg_audit_logs_no_update_delete" ON "audit_logs"`);
    await queryRunner.query(`DROP FUNCTION "audit_logs_refuse_change"()`);
  }
}
