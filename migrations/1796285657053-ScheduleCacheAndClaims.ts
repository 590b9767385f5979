import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The schedule cache shared by every replica (day schedules and the refresh's SOAP budget per
 * clinic), offer holds and booking claims (`scheduling_claims`), and `offerHoldMinutes` (SPEC §5).
 */
export class ScheduleCacheAndClaims1796285657053 implements MigrationInterface {
  name = 'ScheduleCacheAndClaims1796285657053';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "schedule_cache_budgets" ("clinic_id" uuid NOT NULL, "tokens" double precision NOT NULL, "refilled_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_schedule_cache_budgets" PRIMARY KEY ("clinic_id"))`);
    await queryRunner.query(`CREATE TABLE "schedule_cache_days" ("clinic_id" uuid NOT NULL, "provider_no" text NOT NULL, "date" date NOT NULL, "schedule" jsonb, "read_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_schedule_cache_days" PRIMARY KEY ("clinic_id", "provider_no", "date"))`);
    await queryRunner.query(`CREATE INDEX "idx_schedule_cache_days_clinic_id_read_at" ON "schedule_cache_days"  ("clinic_id", "read_at") `);
    await queryRunner.query(`CREATE TABLE "scheduling_claims" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "claim_key" text NOT NULL, "call_id" text NOT NULL, "kind" text NOT NULL, "provider_no" text, "starts_at" TIMESTAMP WITH TIME ZONE, "ends_at" TIMESTAMP WITH TIME ZONE, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "settled_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_scheduling_claims_clinic_id_claim_key" UNIQUE ("clinic_id", "claim_key"), CONSTRAINT "pk_scheduling_claims" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_scheduling_claims_clinic_id_call_id" ON "scheduling_claims"  ("clinic_id", "call_id") `);
    await queryRunner.query(`CREATE INDEX "idx_scheduling_claims_clinic_id_expires_at" ON "scheduling_claims"  ("clinic_id", "expires_at") `);
    await queryRunner.query(`ALTER TABLE "clinic_config" ADD "offer_hold_minutes" integer NOT NULL DEFAULT '3'`);
    await queryRunner.query(`ALTER TABLE "schedule_cache_budgets" ADD CONSTRAINT "fk_schedule_cache_budgets_clinic_id" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "schedule_cache_days" ADD CONSTRAINT "fk_schedule_cache_days_clinic_id" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "scheduling_claims" ADD CONSTRAINT "fk_scheduling_claims_clinic_id" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "scheduling_claims" DROP CONSTRAINT "fk_scheduling_claims_clinic_id"`);
    await queryRunner.query(`ALTER TABLE "schedule_cache_days" DROP CONSTRAINT "fk_schedule_cache_days_clinic_id"`);
    await queryRunner.query(`ALTER TABLE "schedule_cache_budgets" DROP CONSTRAINT "fk_schedule_cache_budgets_clinic_id"`);
    await queryRunner.query(`ALTER TABLE "clinic_config" DROP COLUMN "offer_hold_minutes"`);
    await queryRunner.query(`DROP INDEX "public"."idx_scheduling_claims_clinic_id_expires_at"`);
    await queryRunner.query(`DROP INDEX "public"."idx_scheduling_claims_clinic_id_call_id"`);
    await queryRunner.query(`DROP TABLE "scheduling_claims"`);
    await queryRunner.query(`DROP INDEX "public"."idx_schedule_cache_days_clinic_id_read_at"`);
    await queryRunner.query(`DROP TABLE "schedule_cache_days"`);
    await queryRunner.query(`DROP TABLE "schedule_cache_budgets"`);
  }
}
