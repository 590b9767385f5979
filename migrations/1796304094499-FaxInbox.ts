import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The fax inbox (issue 9): documents stored encrypted in PostgreSQL, `needs_review`, the clinic's fax number and fax settings. */

export class FaxInbox1796304094499 implements MigrationInterface {
  name = 'FaxInbox1796304094499';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "fax_document_files" ("fax_document_id" uuid NOT NULL, "clinic_id" uuid NOT NULL, "content" bytea NOT NULL, "key_enc" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_fax_document_files" PRIMARY KEY ("fax_document_id"))`);
    await queryRunner.query(`CREATE INDEX "idx_fax_document_files_clinic_id" ON "fax_document_files"  ("clinic_id") `);
    await queryRunner.query(`ALTER TABLE "clinic_config" ADD "fax_number" text`);
    await queryRunner.query(`ALTER TABLE "clinic_config" ADD CONSTRAINT "uq_clinic_config_fax_number" UNIQUE ("fax_number")`);
    await queryRunner.query(`ALTER TABLE "clinic_config" ADD "fax_archive_days" integer`);
    await queryRunner.query(`ALTER TABLE "clinic_config" ADD "fax_retention_days" integer`);
    await queryRunner.query(`ALTER TABLE "clinic_config" ADD "fax_auto_match_threshold" double precision`);
    await queryRunner.query(`ALTER TABLE "clinic_config" ADD "fax_extraction_vendor" text`);
    await queryRunner.query(`ALTER TABLE "fax_documents" ADD "mime_type" text`);
    await queryRunner.query(`ALTER TABLE "fax_documents" ADD "size_bytes" integer`);
    await queryRunner.query(`ALTER TABLE "fax_documents" ADD "checksum_sha256" text`);
    await queryRunner.query(`ALTER TABLE "fax_documents" ADD "telnyx_fax_id" text`);
    await queryRunner.query(`ALTER TABLE "fax_documents" ADD "document_type" text`);
    await queryRunner.query(`ALTER TABLE "fax_documents" ADD "extracted_data_enc" text`);
    await queryRunner.query(`ALTER TABLE "fax_documents" ADD "candidates" jsonb`);
    await queryRunner.query(`ALTER TABLE "fax_documents" ADD "extraction_note" text`);
    await queryRunner.query(`ALTER TABLE "fax_documents" ADD "reject_reason_enc" text`);
    await queryRunner.query(`ALTER TABLE "fax_documents" ADD "review_notified_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "fax_documents" ADD "archived_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TYPE "public"."fax_status" ADD VALUE 'needs_review'`);
    await queryRunner.query(`ALTER TABLE "fax_documents" ALTER COLUMN "file_path" DROP NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "idx_fax_documents_telnyx_fax_id_25f55f" ON "fax_documents"  ("telnyx_fax_id") WHERE "telnyx_fax_id" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_fax_documents_clinic_id_created_at" ON "fax_documents"  ("clinic_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "idx_fax_documents_clinic_id_checksum_sha256_c8eb66" ON "fax_documents"  ("clinic_id", "checksum_sha256") WHERE "checksum_sha256" IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "fax_document_files" ADD CONSTRAINT "fk_fax_document_files_fax_document_id" FOREIGN KEY ("fax_document_id") REFERENCES "fax_documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "fax_document_files" ADD CONSTRAINT "fk_fax_document_files_clinic_id" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "fax_document_files" DROP CONSTRAINT "fk_fax_document_files_clinic_id"`);
    await queryRunner.query(`ALTER TABLE "fax_document_files" DROP CONSTRAINT "fk_fax_document_files_fax_document_id"`);
    await queryRunner.query(`DROP INDEX "public"."idx_fax_documents_clinic_id_checksum_sha256_c8eb66"`);
    await queryRunner.query(`DROP INDEX "public"."idx_fax_documents_clinic_id_created_at"`);
    await queryRunner.query(`DROP INDEX "public"."idx_fax_documents_telnyx_fax_id_25f55f"`);
    // the older schema knows neither documents without a file path nor `needs_review`
    await queryRunner.query(`UPDATE "fax_documents" SET "file_path" = '' WHERE "file_path" IS NULL`);
    await queryRunner.query(`ALTER TABLE "fax_documents" ALTER COLUMN "file_path" SET NOT NULL`);
    await queryRunner.query(`UPDATE "fax_documents" SET "status" = 'extracted' WHERE "status" = 'needs_review'`);
    await queryRunner.query(`CREATE TYPE "public"."fax_status_old" AS ENUM('pending', 'processing', 'extracted', 'matched', 'verified', 'failed', 'archived')`);
    await queryRunner.query(`ALTER TABLE "fax_documents" ALTER COLUMN "status" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "fax_documents" ALTER COLUMN "status" TYPE "public"."fax_status_old" USING "status"::"text"::"public"."fax_status_old"`);
    await queryRunner.query(`ALTER TABLE "fax_documents" ALTER COLUMN "status" SET DEFAULT 'pending'`);
    await queryRunner.query(`DROP TYPE "public"."fax_status"`);
    await queryRunner.query(`ALTER TYPE "public"."fax_status_old" RENAME TO "fax_status"`);
    await queryRunner.query(`ALTER TABLE "fax_documents" DROP COLUMN "archived_at"`);
    await queryRunner.query(`ALTER TABLE "fax_documents" DROP COLUMN "review_notified_at"`);
    await queryRunner.query(`ALTER TABLE "fax_documents" DROP COLUMN "reject_reason_enc"`);
    await queryRunner.query(`ALTER TABLE "fax_documents" DROP COLUMN "extraction_note"`);
    await queryRunner.query(`ALTER TABLE "fax_documents" DROP COLUMN "candidates"`);
    await queryRunner.query(`ALTER TABLE "fax_documents" DROP COLUMN "extracted_data_enc"`);
    await queryRunner.query(`ALTER TABLE "fax_documents" DROP COLUMN "document_type"`);
    await queryRunner.query(`ALTER TABLE "fax_documents" DROP COLUMN "telnyx_fax_id"`);
    await queryRunner.query(`ALTER TABLE "fax_documents" DROP COLUMN "checksum_sha256"`);
    await queryRunner.query(`ALTER TABLE "fax_documents" DROP COLUMN "size_bytes"`);
    await queryRunner.query(`ALTER TABLE "fax_documents" DROP COLUMN "mime_type"`);
    await queryRunner.query(`ALTER TABLE "clinic_config" DROP COLUMN "fax_extraction_vendor"`);
    await queryRunner.query(`ALTER TABLE "clinic_config" DROP COLUMN "fax_auto_match_threshold"`);
    await queryRunner.query(`ALTER TABLE "clinic_config" DROP COLUMN "fax_retention_days"`);
    await queryRunner.query(`ALTER TABLE "clinic_config" DROP COLUMN "fax_archive_days"`);
    await queryRunner.query(`ALTER TABLE "clinic_config" DROP CONSTRAINT "uq_clinic_config_fax_number"`);
    await queryRunner.query(`ALTER TABLE "clinic_config" DROP COLUMN "fax_number"`);
    await queryRunner.query(`DROP INDEX "public"."idx_fax_document_files_clinic_id"`);
    await queryRunner.query(`DROP TABLE "fax_document_files"`);
  }
}
