import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `call_metadata.in_doubt`: changes (book, move, cancel) whose EMR write may have happened although
 * the tool answered EMR_UNAVAILABLE or BUSY; reconciled against the EMR after the call's report.
 */
export class CallMetadataInDoubt1796306000000 implements MigrationInterface {
  name = 'CallMetadataInDoubt1796306000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "call_metadata" ADD "in_doubt" jsonb NOT NULL DEFAULT '[]'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "call_metadata" DROP COLUMN "in_doubt"`);
  }
}
