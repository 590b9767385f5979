import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `users.must_change_password`: an admin's password reset answers a one-time password and makes
 * the user choose their own at the next sign-in. `(clinic_id, created_at)` on `call_logs`: every
 * console read of calls (list, analytics, dashboard) is one clinic's time range.
 */
export class UserPasswordResetCallLogsClinicTime1796303978712 implements MigrationInterface {
  name = 'UserPasswordResetCallLogsClinicTime1796303978712';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "must_change_password" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`CREATE INDEX "idx_call_logs_clinic_id_created_at" ON "call_logs"  ("clinic_id", "created_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_call_logs_clinic_id_created_at"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "must_change_password"`);
  }
}
