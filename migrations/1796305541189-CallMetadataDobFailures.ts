import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `call_metadata.dob_failures`: dates of birth that matched no chart in this call (three, then the caller is offered staff). */
export class CallMetadataDobFailures1796305541189 implements MigrationInterface {
  name = 'CallMetadataDobFailures1796305541189';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "call_metadata" ADD "dob_failures" integer NOT NULL DEFAULT '0'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "call_metadata" DROP COLUMN "dob_failures"`);
  }
}
