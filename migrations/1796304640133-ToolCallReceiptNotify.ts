import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A tool call's receipt announces when it is done or given up (docs/decisions.md "Cross-replica
 * events"): NOTIFY `tool_call_receipt` with md5(vapi_call_id, newline, tool_call_id) — the key of
 * the receipt, never its answer — when its status or answer is written, or a running receipt is
 * deleted (released for a retry). Duplicates of the tool call waiting on any replica wake at once
 * instead of polling. Sent at commit, whichever code path or transaction writes the row.
 */
export class ToolCallReceiptNotify1796304640133 implements MigrationInterface {
  name = 'ToolCallReceiptNotify1796304640133';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION "tool_call_receipt_notify"() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND OLD.status <> 'running' THEN
          RETURN NULL;
        END IF;
        PERFORM pg_notify('tool_call_receipt', md5(OLD.vapi_call_id || chr(10) || OLD.tool_call_id));
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`CREATE TRIGGER "trg_tool_call_receipts_notify"
      AFTER UPDATE OF status, result OR DELETE ON "tool_call_receipts"
      FOR EACH ROW EXECUTE FUNCTION "tool_call_receipt_notify"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "trg_tool_call_receipts_notify" ON "tool_call_receipts"`);
    await queryRunner.query(`DROP FUNCTION "tool_call_receipt_notify"()`);
  }
}
