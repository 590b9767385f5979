import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Clinic alerts announced once across replicas (EMR connection lost and back, texts failing:
 * docs/notifications.md), and when a notification was e-mailed (optional e-mail delivery).
 */
export class ClinicAlertsNotificationEmail1796314295202 implements MigrationInterface {
  name = 'ClinicAlertsNotificationEmail1796314295202';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "clinic_alerts" ("clinic_id" uuid NOT NULL, "kind" text NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_clinic_alerts" PRIMARY KEY ("clinic_id", "kind"))`,
    );
    await queryRunner.query(`ALTER TABLE "notifications" ADD "emailed_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "emailed_at"`);
    await queryRunner.query(`DROP TABLE "clinic_alerts"`);
  }
}
