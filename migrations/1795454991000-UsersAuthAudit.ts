import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Console users (argon2id, lockout, TOTP MFA), hashed refresh tokens, the audit trail. */
export class UsersAuthAudit1795454991000 implements MigrationInterface {
  name = 'UsersAuthAudit1795454991000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."user_role" AS ENUM('platform_admin', 'clinic_manager')`);
    await queryRunner.query(`CREATE TYPE "public"."audit_outcome" AS ENUM('success', 'denied', 'failure')`);

    await queryRunner.query(`CREATE TABLE "users" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "email" text NOT NULL,
      "password_hash" text NOT NULL,
      "first_name" text NOT NULL,
      "last_name" text NOT NULL,
      "role" "public"."user_role" NOT NULL DEFAULT 'clinic_manager',
      "is_active" boolean NOT NULL DEFAULT true,
      "clinic_id" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "mfa_enabled" boolean NOT NULL DEFAULT false,
      "mfa_secret_enc" text,
      "mfa_backup_code_hashes" text array NOT NULL DEFAULT '{}',
      "failed_login_count" integer NOT NULL DEFAULT 0,
      "last_failed_login_at" TIMESTAMP WITH TIME ZONE,
      "locked_until" TIMESTAMP WITH TIME ZONE,
      "password_changed_at" TIMESTAMP WITH TIME ZONE,
      "last_login_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "uq_users_email" UNIQUE ("email"),
      CONSTRAINT "pk_users" PRIMARY KEY ("id")
    )`);

    await queryRunner.query(`CREATE TABLE "refresh_tokens" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL,
      "token_hash" text NOT NULL,
      "family_id" uuid NOT NULL,
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "revoked_at" TIMESTAMP WITH TIME ZONE,
      "revoked_reason" text,
      "replaced_by" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "user_agent" text,
      "ip_address" text,
      CONSTRAINT "uq_refresh_tokens_token_hash" UNIQUE ("token_hash"),
      CONSTRAINT "pk_refresh_tokens" PRIMARY KEY ("id")
    )`);
    await queryRunner.query(`CREATE INDEX "idx_refresh_tokens_user_id" ON "refresh_tokens"("user_id")`);
    await queryRunner.query(`CREATE INDEX "idx_refresh_tokens_family_id" ON "refresh_tokens"("family_id")`);

    await queryRunner.query(`CREATE TABLE "audit_logs" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "user_id" uuid,
      "user_email" text,
      "action" text NOT NULL,
      "method" text,
      "path" text,
      "outcome" "public"."audit_outcome" NOT NULL DEFAULT 'success',
      "status_code" integer,
      "resource" text NOT NULL,
      "resource_id" text,
      "clinic_id" uuid,
      "details" jsonb,
      "ip_address" text,
      "user_agent" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_audit_logs" PRIMARY KEY ("id")
    )`);
    await queryRunner.query(`CREATE INDEX "idx_audit_logs_user_id" ON "audit_logs"("user_id")`);
    await queryRunner.query(`CREATE INDEX "idx_audit_logs_action" ON "audit_logs"("action")`);
    await queryRunner.query(`CREATE INDEX "idx_audit_logs_clinic_id" ON "audit_logs"("clinic_id")`);
    await queryRunner.query(`CREATE INDEX "idx_audit_logs_created_at" ON "audit_logs"("created_at")`);

    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "fk_users_clinic_id" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" ADD CONSTRAINT "fk_refresh_tokens_user_id" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_logs"`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TYPE "public"."audit_outcome"`);
    await queryRunner.query(`DROP TYPE "public"."user_role"`);
  }
}
