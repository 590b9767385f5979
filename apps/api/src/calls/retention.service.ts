import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, LessThan, Not, type DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../audit/audit-event.builder.js';
import { AuditService } from '../audit/audit.service.js';
import { AuditOutcome } from '../audit/audit-vocabulary.js';
import { ClinicConfigService } from '../clinics/clinic-config.service.js';
import { NotFoundInClinicError } from '../common/errors/domain-error.js';
import { ClinicScopedRepository } from '../database/clinic-scoped.repository.js';
import { CallLog } from './call-log.entity.js';

/** SPEC §9 / seed 000 "Data Retention": the defaults when a clinic sets none. */
export const DEFAULT_TRANSCRIPT_RETENTION_DAYS = 90;
export const DEFAULT_CALL_LOG_RETENTION_DAYS = 365;
/** pg advisory lock id of the retention run ("one replica at a time"). */
export const RETENTION_LOCK_ID = 727_003;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ClinicRetention {
  clinicId: string;
  transcriptRetentionDays: number;
  callLogRetentionDays: number;
  transcriptsCleared: number;
  callLogsDeleted: number;
}

/** Another module's share of the run (e.g. fax documents): counts only, never PHI. */
export type RetentionTask = (now: Date) => Promise<Record<string, number>>;

export type RetentionReport =
  | { ran: true; startedAt: Date; transcriptsCleared: number; callLogsDeleted: number; clinics: ClinicRetention[]; tasks: Record<string, Record<string, number>> }
  | { ran: false; reason: 'another replica is running it' };

/**
 * The retention job (SPEC §9, PIPEDA 4.5): per clinic, transcripts older than
 * `transcriptRetentionDays` (default 90) are nulled and call logs older than `callLogRetentionDays`
 * (default 365) are deleted, by `created_at`. Audit logs are never purged here. Each run writes one
 * `retention.run` audit row with the system actor and counts only (no PHI). A session advisory lock
 * lets one replica run at a time; the others skip.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger('Retention');
  private readonly logs: ClinicScopedRepository<CallLog>;
  private readonly tasks = new Map<string, RetentionTask>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly configs: ClinicConfigService,
    private readonly audit: AuditService,
  ) {
    this.logs = new ClinicScopedRepository(dataSource.getRepository(CallLog));
  }

  /** Adds a module's own purge to every run (called from that module's constructor). */
  registerTask(name: string, task: RetentionTask): void {
    if (this.tasks.has(name)) throw new Error(`retention task ${name} already registered`);
    this.tasks.set(name, task);
  }

  /**
   * One run as of `now`. `holdLockMs`: keep the lock that long after the start even when the work
   * is done, so that a replica whose clock is a little late finds it taken and skips (the cron).
   */
  async run(now = new Date(), holdLockMs = 0): Promise<RetentionReport> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [RETENTION_LOCK_ID])) as { locked: boolean }[];
      if (!locked) return { ran: false, reason: 'another replica is running it' };
      try {
        const report = await this.purge(now);
        const wait = now.getTime() + holdLockMs - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        return report;
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [RETENTION_LOCK_ID]);
      }
    } finally {
      await runner.release();
    }
  }

  private async purge(now: Date): Promise<RetentionReport> {
    const clinicIds = (await this.logs.repository
      .createQueryBuilder('cl')
      .select('DISTINCT cl.clinic_id', 'clinicId')
      .getRawMany<{ clinicId: string }>()).map((r) => r.clinicId);
    const clinics: ClinicRetention[] = [];
    let failed = 0;
    for (const clinicId of clinicIds) {
      try {
        clinics.push(await this.purgeClinic(clinicId, now));
      } catch (error) {
        failed += 1;
        this.logger.error({ err: error, clinicId }, 'retention failed for a clinic');
      }
    }
    const tasks: Record<string, Record<string, number>> = {};
    for (const [name, task] of this.tasks) {
      try {
        tasks[name] = await task(now);
      } catch (error) {
        failed += 1;
        this.logger.error({ err: error, task: name }, 'retention task failed');
      }
    }
    const transcriptsCleared = clinics.reduce((n, c) => n + c.transcriptsCleared, 0);
    const callLogsDeleted = clinics.reduce((n, c) => n + c.callLogsDeleted, 0);
    await this.audit.record({
      action: 'retention.run',
      outcome: failed ? AuditOutcome.Error : AuditOutcome.Success,
      actor: SYSTEM_ACTOR,
      resource: 'call_logs',
      // counts only; key names avoid the redaction layer's PHI words ("transcript…")
      details: {
        clinicsChecked: clinicIds.length,
        clinicsFailed: failed,
        callTextsCleared: transcriptsCleared,
        callLogsDeleted,
        tasks,
        changed: clinics
          .filter((c) => c.transcriptsCleared || c.callLogsDeleted)
          .map((c) => ({ clinicId: c.clinicId, textDays: c.transcriptRetentionDays, logDays: c.callLogRetentionDays, textsCleared: c.transcriptsCleared, logsDeleted: c.callLogsDeleted })),
      },
    });
    this.logger.log({ clinics: clinicIds.length, failed, transcriptsCleared, callLogsDeleted }, 'retention run done');
    return { ran: true, startedAt: now, transcriptsCleared, callLogsDeleted, clinics, tasks };
  }

  private async purgeClinic(clinicId: string, now: Date): Promise<ClinicRetention> {
    const { transcriptDays, callLogDays } = await this.retentionOf(clinicId);
    const deleted = await this.logs.delete(clinicId, { createdAt: LessThan(new Date(now.getTime() - callLogDays * DAY_MS)) });
    const cleared = await this.logs.update(
      clinicId,
      { createdAt: LessThan(new Date(now.getTime() - transcriptDays * DAY_MS)), transcript: Not(IsNull()) },
      { transcript: null },
    );
    return {
      clinicId,
      transcriptRetentionDays: transcriptDays,
      callLogRetentionDays: callLogDays,
      transcriptsCleared: cleared.affected ?? 0,
      callLogsDeleted: deleted.affected ?? 0,
    };
  }

  private async retentionOf(clinicId: string): Promise<{ transcriptDays: number; callLogDays: number }> {
    let config: { transcriptRetentionDays: number | null; callLogRetentionDays: number | null } = { transcriptRetentionDays: null, callLogRetentionDays: null };
    try {
      config = await this.configs.read(clinicId);
    } catch (error) {
      if (!(error instanceof NotFoundInClinicError)) throw error;
    }
    const days = (value: number | null, fallback: number) => (value !== null && Number.isInteger(value) && value > 0 ? value : fallback);
    return {
      transcriptDays: days(config.transcriptRetentionDays, DEFAULT_TRANSCRIPT_RETENTION_DAYS),
      callLogDays: days(config.callLogRetentionDays, DEFAULT_CALL_LOG_RETENTION_DAYS),
    };
  }
}
