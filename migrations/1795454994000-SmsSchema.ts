import type { MigrationInterface, QueryRunner } from 'typeorm';

/** SMS messages with delivery status, and opt-outs (SPEC §3/§7). */
export class SmsSchema1795454994000 implements MigrationInterface {
  name = 'SmsSchema1795454994000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."sms_direction" AS ENUM('outbound', 'inbound')`);
    await queryRunner.query(`CREATE TYPE "public"."sms_status" AS ENUM('queued', 'sending', 'sent', 'delivered', 'failed', 'undeliverable', 'received')`);

    await queryRunner.query(`CREATE TABLE "sms_messages" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "clinic_id" uuid NOT NULL,
      "direction" "public"."sms_direction" NOT NULL,
      "to_e164" text NOT NULL,
      "from_e164" text NOT NULL,
      "body" text NOT NULL,
      "template_kind" text,
      "language" text,
      "status" "public"."sms_status" NOT NULL,
      "provider_message_id" text,
      "error_code" text,
      "vapi_call_id" text,
      "appointment_id" integer,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "sent_at" TIMESTAMP WITH TIME ZONE,
      "delivered_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "uq_sms_messages_provider_message_id" UNIQUE ("provider_message_id"),
      CONSTRAINT "pk_sms_messages" PRIMARY KEY ("id")
    )`);
    await queryRunner.query(`CREATE INDEX "idx_sms_messages_status" ON "sms_messages"("status")`);
    await queryRunner.query(`CREATE INDEX "idx_sms_messages_vapi_call_id" ON "sms_messages"("vapi_call_id")`);
    await queryRunner.query(`CREATE INDEX "idx_sms_messages_clinic_id_created_at" ON "sms_messages"("clinic_id", "created_at")`);

    await queryRunner.query(`CREATE TABLE "sms_opt_outs" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "clinic_id" uuid NOT NULL,
      "phone_e164" text NOT NULL,
      "opted_out_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "source_keyword" text NOT NULL,
      "opted_back_in_at" TIMESTAMP WITH TIME ZONE,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "uq_sms_opt_outs_clinic_id_phone_e164" UNIQUE ("clinic_id", "phone_e164"),
      CONSTRAINT "pk_sms_opt_outs" PRIMARY KEY ("id")
    )`);

    await queryRunner.query(`ALTER TABLE "sms_messages" ADD CONSTRAINT "fk_sms_messages_clinic_id" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sms_opt_outs" ADD CONSTRAINT "fk_sms_opt_outs_clinic_id" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sms_opt_outs"`);
    await queryRunner.query(`DROP TABLE "sms_messages"`);
    await queryRunner.query(`DROP TYPE "public"."sms_status"`);
    await queryRunner.query(`DROP TYPE "public"."sms_direction"`);
  }
}
