import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Clinics and what hangs off them: config, hours, holidays, providers, waitlist, onboarding (seed 000). */
export class ClinicsSchema1795454990000 implements MigrationInterface {
  name = 'ClinicsSchema1795454990000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."clinic_status" AS ENUM('active', 'inactive', 'pending')`);
    await queryRunner.query(`CREATE TYPE "public"."provider_status" AS ENUM('active', 'inactive', 'on_leave')`);
    await queryRunner.query(`CREATE TYPE "public"."waitlist_status" AS ENUM('pending', 'contacted', 'registered', 'declined')`);
    await queryRunner.query(`CREATE TYPE "public"."waitlist_source" AS ENUM('voice', 'console')`);

    await queryRunner.query(`CREATE TABLE "clinics" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "name" text NOT NULL,
      "slug" text NOT NULL,
      "phone" text,
      "phones" jsonb DEFAULT '[]',
      "vapi_phone" text,
      "address" text,
      "city" text,
      "province" text NOT NULL DEFAULT 'BC',
      "postal_code" text,
      "timezone" text NOT NULL DEFAULT 'America/Vancouver',
      "status" "public"."clinic_status" NOT NULL DEFAULT 'active',
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "uq_clinics_slug" UNIQUE ("slug"),
      CONSTRAINT "uq_clinics_vapi_phone" UNIQUE ("vapi_phone"),
      CONSTRAINT "pk_clinics" PRIMARY KEY ("id")
    )`);

    await queryRunner.query(`CREATE TABLE "clinic_config" (
      "clinic_id" uuid NOT NULL,
      "emr_type" text NOT NULL DEFAULT 'oscar-universal',
      "oscar_url" text,
      "oscar_consumer_key" text,
      "oscar_consumer_secret_enc" text,
      "oscar_token_key" text,
      "oscar_token_secret_enc" text,
      "oscar_connection_verified" boolean NOT NULL DEFAULT false,
      "oscar_last_verified_at" TIMESTAMP WITH TIME ZONE,
      "oscar_version" text,
      "oscar_last_sync" TIMESTAMP WITH TIME ZONE,
      "oscar_soap_username" text,
      "oscar_soap_password_enc" text,
      "oscar_tls_verify" boolean NOT NULL DEFAULT true,
      "oscar_admission_program_id" integer,
      "oscar_oauth_token_expires_at" TIMESTAMP WITH TIME ZONE,
      "oscar_prefer_rest" boolean NOT NULL DEFAULT false,
      "accepting_new_patients" boolean NOT NULL DEFAULT true,
      "waitlist_enabled" boolean NOT NULL DEFAULT true,
      "max_new_patients_per_week" integer,
      "appointment_duration" integer NOT NULL DEFAULT 15,
      "buffer_time" integer NOT NULL DEFAULT 5,
      "max_advance_booking_days" integer NOT NULL DEFAULT 30,
      "min_advance_booking_hours" integer NOT NULL DEFAULT 2,
      "default_language" text NOT NULL DEFAULT 'en',
      "supported_languages" text array NOT NULL DEFAULT '{en,
      zh}',
      "vapi_assistant_id" text,
      "vapi_squad_id" text,
      "vapi_webhook_secret" text,
      "vapi_connection_verified" boolean NOT NULL DEFAULT false,
      "vapi_last_verified_at" TIMESTAMP WITH TIME ZONE,
      "voice_agent_enabled" boolean NOT NULL DEFAULT true,
      "vapi_phone_number_id" text,
      "privacy_officer_name" text,
      "privacy_officer_email" text,
      "privacy_officer_phone" text,
      "transcript_retention_days" integer,
      "call_log_retention_days" integer,
      "baa_vapi_signed" boolean NOT NULL DEFAULT false,
      "baa_vapi_signed_at" TIMESTAMP WITH TIME ZONE,
      "baa_hosting_signed" boolean NOT NULL DEFAULT false,
      "baa_hosting_signed_at" TIMESTAMP WITH TIME ZONE,
      "custom_greeting" text,
      "custom_greeting_zh" text,
      "transfer_phone_number" text,
      "default_provider_id" text,
      "preferred_pharmacy" text,
      "preferred_pharmacy_addr" text,
      "preferred_pharmacy_fax" text,
      "appointment_type_mappings" jsonb,
      "schedule_template_codes" jsonb,
      "appointment_statuses" jsonb,
      "clinic_sites" jsonb,
      "bookable_schedule_codes" text array NOT NULL DEFAULT '{}',
      "blocked_schedule_codes" text array NOT NULL DEFAULT '{}',
      "oscar_config_pulled_at" TIMESTAMP WITH TIME ZONE,
      "ask_reason_before_search" boolean NOT NULL DEFAULT false,
      "default_appointment_type_code" text NOT NULL DEFAULT 'B',
      "default_slot_duration" integer NOT NULL DEFAULT 15,
      "default_visit_mode" text NOT NULL DEFAULT 'both',
      "enabled_visit_reasons" text array NOT NULL DEFAULT '{checkup,
      follow_up,
      sick_visit,
      consultation}',
      "provider_fallback_behavior" text NOT NULL DEFAULT 'best_available',
      "max_fallback_providers" integer NOT NULL DEFAULT 3,
      "fallback_search_window_days" integer NOT NULL DEFAULT 14,
      "allow_same_day_booking" boolean NOT NULL DEFAULT true,
      "allow_weekend_booking" boolean NOT NULL DEFAULT false,
      "require_dob_verification" boolean NOT NULL DEFAULT true,
      "max_appts_per_patient_per_day" integer NOT NULL DEFAULT 1,
      "cancellation_min_notice_hours" integer NOT NULL DEFAULT 24,
      "new_patient_requires_longer_slot" boolean NOT NULL DEFAULT true,
      "new_patient_min_duration" integer NOT NULL DEFAULT 30,
      "sms_enabled" boolean NOT NULL DEFAULT false,
      "sms_sender_number" text,
      "sms_template_book_en" text,
      "sms_template_book_zh" text,
      "sms_template_cancel_en" text,
      "sms_template_cancel_zh" text,
      "sms_template_reschedule_en" text,
      "sms_template_reschedule_zh" text,
      "sms_inbound_webhook_enabled" boolean NOT NULL DEFAULT false,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "uq_clinic_config_vapi_assistant_id" UNIQUE ("vapi_assistant_id"),
      CONSTRAINT "uq_clinic_config_vapi_phone_number_id" UNIQUE ("vapi_phone_number_id"),
      CONSTRAINT "pk_clinic_config" PRIMARY KEY ("clinic_id")
    )`);

    await queryRunner.query(`CREATE TABLE "clinic_hours" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "clinic_id" uuid NOT NULL,
      "day_of_week" integer NOT NULL,
      "open_time" text,
      "close_time" text,
      "is_closed" boolean NOT NULL DEFAULT false,
      CONSTRAINT "uq_clinic_hours_clinic_id_day_of_week" UNIQUE ("clinic_id", "day_of_week"),
      CONSTRAINT "chk_clinic_hours_f3d95515" CHECK ("day_of_week" BETWEEN 0 AND 6),
      CONSTRAINT "pk_clinic_hours" PRIMARY KEY ("id")
    )`);

    await queryRunner.query(`CREATE TABLE "clinic_holidays" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "clinic_id" uuid NOT NULL,
      "date" date NOT NULL,
      "name" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "uq_clinic_holidays_clinic_id_date" UNIQUE ("clinic_id", "date"),
      CONSTRAINT "pk_clinic_holidays" PRIMARY KEY ("id")
    )`);

    await queryRunner.query(`CREATE TABLE "clinic_providers" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "clinic_id" uuid NOT NULL,
      "first_name" text NOT NULL,
      "last_name" text NOT NULL,
      "title" text NOT NULL DEFAULT 'Dr.',
      "display_name" text,
      "specialty" text,
      "email" text,
      "phone" text,
      "accepting_new_patients" boolean NOT NULL DEFAULT true,
      "languages" text array NOT NULL DEFAULT '{English}',
      "status" "public"."provider_status" NOT NULL DEFAULT 'active',
      "appointment_types" text array NOT NULL DEFAULT '{}',
      "color" text NOT NULL DEFAULT '#3B82F6',
      "oscar_provider_id" text,
      "voice_bookable" boolean NOT NULL DEFAULT true,
      "max_advance_booking_days" integer,
      "last_synced_at" TIMESTAMP WITH TIME ZONE,
      "visit_mode" text NOT NULL DEFAULT 'both',
      "accepts_walk_ins" boolean NOT NULL DEFAULT false,
      "schedule_code_config" jsonb,
      "appointment_type_overrides" jsonb,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "uq_clinic_providers_clinic_id_oscar_provider_id" UNIQUE ("clinic_id", "oscar_provider_id"),
      CONSTRAINT "pk_clinic_providers" PRIMARY KEY ("id")
    )`);

    await queryRunner.query(`CREATE TABLE "waitlist" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "clinic_id" uuid NOT NULL,
      "first_name" text NOT NULL,
      "last_name" text NOT NULL,
      "phone" text NOT NULL,
      "email" text,
      "notes" text,
      "status" "public"."waitlist_status" NOT NULL DEFAULT 'pending',
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "contacted_at" TIMESTAMP WITH TIME ZONE,
      "registered_at" TIMESTAMP WITH TIME ZONE,
      "details_enc" text,
      "source" "public"."waitlist_source" NOT NULL DEFAULT 'console',
      "vapi_call_id" text,
      CONSTRAINT "pk_waitlist" PRIMARY KEY ("id")
    )`);
    await queryRunner.query(`CREATE INDEX "idx_waitlist_clinic_id" ON "waitlist"("clinic_id")`);
    await queryRunner.query(`CREATE INDEX "idx_waitlist_status" ON "waitlist"("status")`);

    await queryRunner.query(`CREATE TABLE "onboarding_progress" (
      "clinic_id" uuid NOT NULL,
      "current_step" integer NOT NULL DEFAULT 1,
      "clinic_info_done" boolean NOT NULL DEFAULT false,
      "hours_done" boolean NOT NULL DEFAULT false,
      "providers_done" boolean NOT NULL DEFAULT false,
      "emr_connected" boolean NOT NULL DEFAULT false,
      "vapi_assigned" boolean NOT NULL DEFAULT false,
      "test_call_passed" boolean NOT NULL DEFAULT false,
      "privacy_officer_set" boolean NOT NULL DEFAULT false,
      "baa_signed" boolean NOT NULL DEFAULT false,
      "completed_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_onboarding_progress" PRIMARY KEY ("clinic_id")
    )`);

    await queryRunner.query(`ALTER TABLE "clinic_config" ADD CONSTRAINT "fk_clinic_config_clinic_id" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "clinic_holidays" ADD CONSTRAINT "fk_clinic_holidays_clinic_id" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "clinic_hours" ADD CONSTRAINT "fk_clinic_hours_clinic_id" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "onboarding_progress" ADD CONSTRAINT "fk_onboarding_progress_clinic_id" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "waitlist" ADD CONSTRAINT "fk_waitlist_clinic_id" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "clinic_providers" ADD CONSTRAINT "fk_clinic_providers_clinic_id" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "onboarding_progress"`);
    await queryRunner.query(`DROP TABLE "waitlist"`);
    await queryRunner.query(`DROP TABLE "clinic_providers"`);
    await queryRunner.query(`DROP TABLE "clinic_holidays"`);
    await queryRunner.query(`DROP TABLE "clinic_hours"`);
    await queryRunner.query(`DROP TABLE "clinic_config"`);
    await queryRunner.query(`DROP TABLE "clinics"`);
    await queryRunner.query(`DROP TYPE "public"."waitlist_source"`);
    await queryRunner.query(`DROP TYPE "public"."waitlist_status"`);
    await queryRunner.query(`DROP TYPE "public"."provider_status"`);
    await queryRunner.query(`DROP TYPE "public"."clinic_status"`);
  }
}
