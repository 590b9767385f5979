import { SchedulerRegistry } from '@nestjs/schedule';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallLog } from '../../apps/api/src/calls/call-log.entity.js';
import { RETENTION_LOCK_ID, RetentionService } from '../../apps/api/src/calls/retention.service.js';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('the retention job', () => {
  let s: ApiSuite;
  let retention: RetentionService;
  const now = new Date();

  beforeAll(async () => {
    s = await startApiSuite();
    retention = s.t.app.get(RetentionService);
  });
  afterAll(async () => {
    await s?.t.close();
  });

  /** A call with a transcript, recorded `days` ago (back-dated by SQL). */
  async function callDaysAgo(clinicId: string, days: number): Promise<string> {
    const ds = s.t.db.dataSource;
    const saved = await ds.getRepository(CallLog).save({ clinicId, vapiCallId: `call-${randomUUID()}`, transcript: 'AI: Hello…', summary: 'Asked about hours' });
    await ds.query('UPDATE call_logs SET created_at = $2 WHERE id = $1', [saved.id, new Date(now.getTime() - days * DAY_MS - 60_000)]);
    return saved.id;
  }

  async function state(id: string): Promise<'gone' | 'transcript' | 'no transcript'> {
    const [row] = await s.t.db.dataSource.query('SELECT transcript, summary FROM call_logs WHERE id = $1', [id]);
    if (!row) return 'gone';
    expect(row.summary).toBe('Asked about hours');
    return row.transcript === null ? 'no transcript' : 'transcript';
  }

  it("nulls transcripts after 90 days and deletes calls after 365 by default, or after the clinic's own periods; writes one system audit row", async () => {
    const byDefault = await s.newClinic();
    const strict = await s.newClinic();
    const saved = await s.as(s.adminToken, 'PUT', `/api/clinics/${strict.id}/config`, { retention: { transcriptRetentionDays: 30, callLogRetentionDays: 60 } });
    expect(saved.status).toBe(200);
    const d = {
      recent: await callDaysAgo(byDefault.id, 10),
      day89: await callDaysAgo(byDefault.id, 89),
      day91: await callDaysAgo(byDefault.id, 91),
      day364: await callDaysAgo(byDefault.id, 364),
      day366: await callDaysAgo(byDefault.id, 366),
    };
    const st = { day20: await callDaysAgo(strict.id, 20), day31: await callDaysAgo(strict.id, 31), day61: await callDaysAgo(strict.id, 61) };
    const [{ count: auditBefore }] = await s.t.db.dataSource.query('SELECT count(*)::int AS count FROM audit_logs');

    const report = await retention.run(now);
    expect(report).toMatchObject({ ran: true, transcriptsCleared: 3, callLogsDeleted: 2 });

    expect(await state(d.recent)).toBe('transcript');
    expect(await state(d.day89)).toBe('transcript');
    expect(await state(d.day91)).toBe('no transcript');
    expect(await state(d.day364)).toBe('no transcript');
    expect(await state(d.day366)).toBe('gone');
    expect(await state(st.day20)).toBe('transcript');
    expect(await state(st.day31)).toBe('no transcript');
    expect(await state(st.day61)).toBe('gone');

    // the staff see the call without its transcript
    const detail = await s.as(s.adminToken, 'GET', `/api/clinics/${byDefault.id}/call-logs/${d.day91}`);
    expect(detail.body).toMatchObject({ transcript: null, hasTranscript: false, summary: 'Asked about hours' });

    const rows = await s.t.db.dataSource.query(
      `SELECT user_id, user_email, outcome, resource, details FROM audit_logs WHERE action = 'retention.run' ORDER BY created_at`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user_id: null, user_email: null, outcome: 'success', resource: 'call_logs' });
    expect(rows[0].details).toMatchObject({ clinicsChecked: 2, clinicsFailed: 0, callTextsCleared: 3, callLogsDeleted: 2 });
    expect(rows[0].details.changed).toEqual(
      expect.arrayContaining([
        { clinicId: byDefault.id, textDays: 90, logDays: 365, textsCleared: 2, logsDeleted: 1 },
        { clinicId: strict.id, textDays: 30, logDays: 60, textsCleared: 1, logsDeleted: 1 },
      ]),
    );
    // the audit trail itself is never purged
    const [{ count: auditAfter }] = await s.t.db.dataSource.query('SELECT count(*)::int AS count FROM audit_logs');
    expect(auditAfter).toBe(auditBefore + 1);

    // a second run finds nothing more to do
    expect(await retention.run(now)).toMatchObject({ ran: true, transcriptsCleared: 0, callLogsDeleted: 0 });
  });

  it('runs on one replica at a time: while another holds the lock, a run skips and changes nothing', async () => {
    const clinic = await s.newClinic();
    const old = await callDaysAgo(clinic.id, 400);
    const other = s.t.db.dataSource.createQueryRunner();
    await other.connect();
    try {
      await other.query('SELECT pg_advisory_lock($1)', [RETENTION_LOCK_ID]);
      expect(await retention.run(now)).toEqual({ ran: false, reason: 'another replica is running it' });
      expect(await state(old)).toBe('transcript');
      await other.query('SELECT pg_advisory_unlock($1)', [RETENTION_LOCK_ID]);
    } finally {
      await other.release();
    }
    const both = await Promise.all([retention.run(new Date(), 1000), retention.run(new Date(), 1000)]);
    expect(both.filter((r) => r.ran)).toHaveLength(1);
    expect(await state(old)).toBe('gone');
  });

  it('is scheduled daily at 03:00 UTC', () => {
    const job = s.t.app.get(SchedulerRegistry).getCronJob('retention');
    const next = job.nextDate().toUTC();
    expect([next.hour, next.minute, next.second]).toEqual([3, 0, 0]);
    expect(job.nextDates(2)[1].toUTC().diff(next, 'hours').hours).toBe(24);
  });
});
