import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The per-user lockout columns are gone: failed sign-ins are counted in `auth_throttles` (per
 * account and per IP, unknown emails too, shared by every replica), and nothing read these since.
 */
export class DropUserLockoutColumns1795456674991 implements MigrationInterface {
  name = 'DropUserLockoutColumns1795456674991';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "failed_login_count"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "last_failed_login_at"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "locked_until"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "locked_until" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "users" ADD "last_failed_login_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "users" ADD "failed_login_count" integer NOT NULL DEFAULT 0`);
  }
}
