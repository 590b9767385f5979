import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit outcomes gain `error` (our side failed: 5xx) beside `success`, `denied` (refused by a
 * guard or a limit) and `failure` (the request was wrong), so a reviewer can tell an attack from
 * an outage.
 */
export class AuditOutcomeError1795455426411 implements MigrationInterface {
  name = 'AuditOutcomeError1795455426411';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "audit_outcome" ADD VALUE IF NOT EXISTS 'error'`);
  }

  /** PostgreSQL cannot drop an enum value: the type is rebuilt; `error` rows become `failure`. */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "audit_outcome" RENAME TO "audit_outcome_old"`);
    await queryRunner.query(`CREATE TYPE "audit_outcome" AS ENUM('success', 'denied', 'failure')`);
    await queryRunner.query(`ALTER TABLE "audit_logs" ALTER COLUMN "outcome" DROP DEFAULT`);
    await queryRunner.query(
      `ALTER TABLE "audit_logs" ALTER COLUMN "outcome" TYPE "audit_outcome"
        USING (CASE WHEN "outcome"::text = 'error' THEN 'failure' ELSE "outcome"::text END)::"audit_outcome"`,
    );
    await queryRunner.query(`ALTER TABLE "audit_logs" ALTER COLUMN "outcome" SET DEFAULT 'success'`);
    await queryRunner.query(`DROP TYPE "audit_outcome_old"`);
  }
}
