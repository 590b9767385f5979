import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Confirmation texts written in the transaction of the tool call's receipt (an outbox): keyed by
 * (call, tool call, kind) so a retried tool call never writes a second text; `attempt_started_at`
 * marks a send to Telnyx whose outcome is not known yet (docs/sms.md).
 */
export class SmsOutboxKeys1796304694379 implements MigrationInterface {
  name = 'SmsOutboxKeys1796304694379';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sms_messages" ADD "tool_call_id" text`);
    await queryRunner.query(`ALTER TABLE "sms_messages" ADD "attempt_started_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "sms_messages" ADD CONSTRAINT "uq_sms_messages_vapi_call_id_tool_call_id_template_kind" UNIQUE ("vapi_call_id", "tool_call_id", "template_kind")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sms_messages" DROP CONSTRAINT "uq_sms_messages_vapi_call_id_tool_call_id_template_kind"`);
    await queryRunner.query(`ALTER TABLE "sms_messages" DROP COLUMN "attempt_started_at"`);
    await queryRunner.query(`ALTER TABLE "sms_messages" DROP COLUMN "tool_call_id"`);
  }
}
