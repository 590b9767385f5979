import type { DataSource } from 'typeorm';
import { JOBS_SCHEMA } from '../jobs/job-queue.js';

/**
 * Counts read at scrape time, platform-wide (one small GROUP BY each, on indexed columns). They
 * read the tables directly rather than through the owning modules: a scrape wants one aggregate
 * over every clinic, which no feature service offers, and writes nothing.
 */

/** Job states that mean work not yet done (or given up on): `created` and `retry` wait, `active` runs, `failed` gave up. */
export const JOB_STATES = ['created', 'retry', 'active', 'failed'] as const;

export async function jobCounts(dataSource: DataSource): Promise<Array<{ queue: string; state: string; jobs: number }>> {
  return dataSource.query(
    `SELECT q.name AS queue, s.state, count(j.id)::int AS jobs
       FROM ${JOBS_SCHEMA}.queue q
       CROSS JOIN unnest($1::text[]) AS s(state)
       LEFT JOIN ${JOBS_SCHEMA}.job j ON j.name = q.name AND j.state = s.state::${JOBS_SCHEMA}.job_state
      GROUP BY q.name, s.state`,
    [JOB_STATES],
  );
}

export async function textCounts(dataSource: DataSource): Promise<Array<{ status: string; texts: number }>> {
  return dataSource.query(`SELECT status, count(*)::int AS texts FROM sms_messages GROUP BY status`);
}
