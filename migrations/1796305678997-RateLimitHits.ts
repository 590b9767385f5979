import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The sign-in, refresh and MFA rate limits' counters, shared by every replica (docs/rate-limits.md). */
export class RateLimitHits1796305678997 implements MigrationInterface {
  name = 'RateLimitHits1796305678997';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "rate_limit_hits" ("key" text NOT NULL, "step" bigint NOT NULL, "hits" integer NOT NULL, CONSTRAINT "pk_rate_limit_hits" PRIMARY KEY ("key", "step"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limit_hits"`);
  }
}
