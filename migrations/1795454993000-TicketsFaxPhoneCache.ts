import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Support tickets and their messages, notifications, fax documents, the caller phone cache. */
export class TicketsFaxPhoneCache1795454993000 implements MigrationInterface {
  name = 'TicketsFaxPhoneCache1795454993000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."ticket_priority" AS ENUM('low', 'medium', 'high', 'urgent')`);
    await queryRunner.query(`CREATE TYPE "public"."ticket_status" AS ENUM('open', 'in_progress', 'waiting', 'resolved', 'closed')`);
    await queryRunner.query(`CREATE TYPE "public"."fax_status" AS ENUM('pending', 'processing', 'extracted', 'matched', 'verified', 'failed', 'archived')`);

    await queryRunner.query(`CREATE TABLE "support_tickets" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "clinic_id" uuid NOT NULL,
      "created_by_id" uuid NOT NULL,
      "assignee_id" uuid,
      "title" text NOT NULL,
      "description" text NOT NULL,
      "priority" "public"."ticket_priority" NOT NULL DEFAULT 'medium',
      "status" "public"."ticket_status" NOT NULL DEFAULT 'open',
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_support_tickets" PRIMARY KEY ("id")
    )`);
    await queryRunner.query(`CREATE INDEX "idx_support_tickets_clinic_id" ON "support_tickets"("clinic_id")`);
    await queryRunner.query(`CREATE INDEX "idx_support_tickets_assignee_id" ON "support_tickets"("assignee_id")`);
    await queryRunner.query(`CREATE INDEX "idx_support_tickets_status" ON "support_tickets"("status")`);

    await queryRunner.query(`CREATE TABLE "ticket_messages" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "ticket_id" uuid NOT NULL,
      "author_id" uuid NOT NULL,
      "content" text NOT NULL,
      "is_internal" boolean NOT NULL DEFAULT false,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_ticket_messages" PRIMARY KEY ("id")
    )`);
    await queryRunner.query(`CREATE INDEX "idx_ticket_messages_ticket_id" ON "ticket_messages"("ticket_id")`);

    await queryRunner.query(`CREATE TABLE "notifications" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL,
      "type" text NOT NULL,
      "title" text NOT NULL,
      "message" text NOT NULL,
      "link" text,
      "read" boolean NOT NULL DEFAULT false,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_notifications" PRIMARY KEY ("id")
    )`);
    await queryRunner.query(`CREATE INDEX "idx_notifications_user_id" ON "notifications"("user_id")`);
    await queryRunner.query(`CREATE INDEX "idx_notifications_read" ON "notifications"("read")`);

    await queryRunner.query(`CREATE TABLE "fax_documents" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "clinic_id" uuid NOT NULL,
      "status" "public"."fax_status" NOT NULL DEFAULT 'pending',
      "source" text NOT NULL DEFAULT 'upload',
      "original_filename" text,
      "file_path" text NOT NULL,
      "page_count" integer,
      "extracted_data" jsonb,
      "extraction_provider" text,
      "extraction_model" text,
      "extraction_cost_cents" double precision,
      "matched_patient_id" text,
      "matched_patient_name" text,
      "match_confidence" double precision,
      "match_method" text,
      "match_verified" boolean NOT NULL DEFAULT false,
      "match_verified_by" uuid,
      "match_verified_at" TIMESTAMP WITH TIME ZONE,
      "sender_fax_number" text,
      "received_at" TIMESTAMP WITH TIME ZONE,
      "processed_at" TIMESTAMP WITH TIME ZONE,
      "error_message" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_fax_documents" PRIMARY KEY ("id")
    )`);
    await queryRunner.query(`CREATE INDEX "idx_fax_documents_clinic_id" ON "fax_documents"("clinic_id")`);
    await queryRunner.query(`CREATE INDEX "idx_fax_documents_status" ON "fax_documents"("status")`);
    await queryRunner.query(`CREATE INDEX "idx_fax_documents_matched_patient_id" ON "fax_documents"("matched_patient_id")`);

    await queryRunner.query(`CREATE TABLE "patient_phone_cache" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "clinic_id" uuid NOT NULL,
      "phone_e164" text NOT NULL,
      "demographic_no" integer NOT NULL,
      "patient_name" text,
      "last_seen" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "uq_patient_phone_cache_clinic_id_phone_e164" UNIQUE ("clinic_id", "phone_e164"),
      CONSTRAINT "pk_patient_phone_cache" PRIMARY KEY ("id")
    )`);
    await queryRunner.query(`CREATE INDEX "idx_patient_phone_cache_clinic_id_phone_e164" ON "patient_phone_cache"("clinic_id", "phone_e164")`);

    await queryRunner.query(`ALTER TABLE "fax_documents" ADD CONSTRAINT "fk_fax_documents_clinic_id" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "ticket_messages" ADD CONSTRAINT "fk_ticket_messages_ticket_id" FOREIGN KEY ("ticket_id") REFERENCES "support_tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "patient_phone_cache"`);
    await queryRunner.query(`DROP TABLE "fax_documents"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP TABLE "ticket_messages"`);
    await queryRunner.query(`DROP TABLE "support_tickets"`);
    await queryRunner.query(`DROP TYPE "public"."fax_status"`);
    await queryRunner.query(`DROP TYPE "public"."ticket_status"`);
    await queryRunner.query(`DROP TYPE "public"."ticket_priority"`);
  }
}
