import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `clinic_holidays.source`: where a holiday came from — `manual` (added by a person) or
 * `statutory:CA-BC` (imported from the province's statutory holidays).
 */
export class ClinicHolidaySource1796314551325 implements MigrationInterface {
  name = 'ClinicHolidaySource1796314551325';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "clinic_holidays" ADD "source" text NOT NULL DEFAULT 'manual'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "clinic_holidays" DROP COLUMN "source"`);
  }
}
