import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Auth hardening: access-token generation per user (`token_version`), TOTP replay guard
 * (`mfa_last_used_step`), failed-sign-in counters per account and per IP shared by every replica
 * (`auth_throttles`), and platform switches such as "MFA required for admins" (`platform_settings`).
 */
export class AuthSessionsMfaSettings1795455211542 implements MigrationInterface {
  name = 'AuthSessionsMfaSettings1795455211542';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "token_version" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE "users" ADD "mfa_last_used_step" bigint`);
    await queryRunner.query(`CREATE TABLE "auth_throttles" (
      "key" text NOT NULL,
      "failures" integer NOT NULL DEFAULT 0,
      "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "locked_until" TIMESTAMP WITH TIME ZONE,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_auth_throttles" PRIMARY KEY ("key")
    )`);
    await queryRunner.query(`CREATE TABLE "platform_settings" (
      "key" text NOT NULL,
      "value" jsonb NOT NULL,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_by" uuid,
      CONSTRAINT "pk_platform_settings" PRIMARY KEY ("key")
    )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "platform_settings"`);
    await queryRunner.query(`DROP TABLE "auth_throttles"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "mfa_last_used_step"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "token_version"`);
  }
}
