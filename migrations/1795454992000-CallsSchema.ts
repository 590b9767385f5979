import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Call logs (unique vapi_call_id), durable per-call metadata, tool-call receipts (SPEC §3). */
export class CallsSchema1795454992000 implements MigrationInterface {
  name = 'CallsSchema1795454992000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."call_intent" AS ENUM('book', 'reschedule', 'cancel', 'register', 'inquiry', 'other')`);
    await queryRunner.query(`CREATE TYPE "public"."call_outcome" AS ENUM('booked', 'rescheduled', 'cancelled', 'registered', 'waitlisted', 'transferred', 'no_action')`);
    await queryRunner.query(`CREATE TYPE "public"."tool_call_status" AS ENUM('running', 'done')`);

    await queryRunner.query(`CREATE TABLE "call_logs" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "clinic_id" uuid NOT NULL,
      "vapi_call_id" text,
      "caller_phone" text,
      "demographic_id" integer,
      "language" text,
      "intent" "public"."call_intent",
      "outcome" "public"."call_outcome",
      "appointment_id" integer,
      "duration_seconds" integer,
      "cost" double precision,
      "transcript" text,
      "summary" text,
      "transferred_to_staff" boolean NOT NULL DEFAULT false,
      "transfer_reason" text,
      "sms_consent" boolean,
      "sms_sent_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "started_at" TIMESTAMP WITH TIME ZONE,
      "ended_at" TIMESTAMP WITH TIME ZONE,
      "ended_reason" text,
      CONSTRAINT "uq_call_logs_vapi_call_id" UNIQUE ("vapi_call_id"),
      CONSTRAINT "pk_call_logs" PRIMARY KEY ("id")
    )`);
    await queryRunner.query(`CREATE INDEX "idx_call_logs_clinic_id" ON "call_logs"("clinic_id")`);
    await queryRunner.query(`CREATE INDEX "idx_call_logs_created_at" ON "call_logs"("created_at")`);

    await queryRunner.query(`CREATE TABLE "call_metadata" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "clinic_id" uuid NOT NULL,
      "vapi_call_id" text NOT NULL,
      "caller_phone_e164" text,
      "matched_demographic_ids" integer array NOT NULL DEFAULT '{}',
      "verified_demographic_ids" integer array NOT NULL DEFAULT '{}',
      "language" text,
      "intent" "public"."call_intent",
      "outcome" "public"."call_outcome",
      "demographic_id" integer,
      "appointment_id" integer,
      "sms_consent" boolean,
      "transfer_reason" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "last_activity_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "uq_call_metadata_clinic_id_vapi_call_id" UNIQUE ("clinic_id", "vapi_call_id"),
      CONSTRAINT "pk_call_metadata" PRIMARY KEY ("id")
    )`);
    await queryRunner.query(`CREATE INDEX "idx_call_metadata_last_activity_at" ON "call_metadata"("last_activity_at")`);

    await queryRunner.query(`CREATE TABLE "tool_call_receipts" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "clinic_id" uuid NOT NULL,
      "vapi_call_id" text NOT NULL,
      "tool_call_id" text NOT NULL,
      "tool_name" text NOT NULL,
      "status" "public"."tool_call_status" NOT NULL DEFAULT 'running',
      "result" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "completed_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "uq_tool_call_receipts_vapi_call_id_tool_call_id" UNIQUE ("vapi_call_id", "tool_call_id"),
      CONSTRAINT "pk_tool_call_receipts" PRIMARY KEY ("id")
    )`);
    await queryRunner.query(`CREATE INDEX "idx_tool_call_receipts_created_at" ON "tool_call_receipts"("created_at")`);

    await queryRunner.query(`ALTER TABLE "call_logs" ADD CONSTRAINT "fk_call_logs_clinic_id" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "call_metadata" ADD CONSTRAINT "fk_call_metadata_clinic_id" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "tool_call_receipts" ADD CONSTRAINT "fk_tool_call_receipts_clinic_id" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "tool_call_receipts"`);
    await queryRunner.query(`DROP TABLE "call_metadata"`);
    await queryRunner.query(`DROP TABLE "call_logs"`);
    await queryRunner.query(`DROP TYPE "public"."tool_call_status"`);
    await queryRunner.query(`DROP TYPE "public"."call_outcome"`);
    await queryRunner.query(`DROP TYPE "public"."call_intent"`);
  }
}
