import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `call_metadata.reported_at`: the end-of-call report has been merged into `call_logs`. The row
 * stays (its PHI blanked) as the call's "over" mark until the scratch janitor removes it a day
 * later, so a late tool call records into the call log instead of re-creating scratch.
 */
export class CallMetadataReportedAt1796304105978 implements MigrationInterface {
  name = 'CallMetadataReportedAt1796304105978';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "call_metadata" ADD "reported_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "call_metadata" DROP COLUMN "reported_at"`);
  }
}
