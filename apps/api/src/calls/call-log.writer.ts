import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { assertClinicId } from '../database/clinic-scoped.repository.js';
import { CallOutcome, type CallIntent } from '../database/enums.js';
import { CallLog } from './call-log.entity.js';
import { CallMetadata } from './call-metadata.entity.js';
import { CallMetadataService } from './call-metadata.service.js';
import { CALL_RECONCILE_JOB, type CallReconcileJob } from './in-doubt.js';
import { JobQueue } from '../jobs/job-queue.js';

/** What Vapi's end-of-call report says about a call (read by the voice webhook, any shape). */
export interface CallReport {
  vapiCallId: string;
  callerPhone: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  durationSeconds: number | null;
  cost: number | null;
  transcript: string | null;
  summary: string | null;
  endedReason: string | null;
  /** Vapi forwarded the call (a transfer destination, `assistant-forwarded-call`) */
  forwarded: boolean;
  /** the clinic's default, used when the call never named its language */
  fallbackLanguage: string | null;
}

export type CallLogWrite = 'created' | 'merged' | 'foreign';

/**
 * The end-of-call merge (SPEC §4): the call's durable metadata and Vapi's report become one
 * `call_logs` row (unique by `vapi_call_id`), in one transaction that holds the lock of the call's
 * scratch row (created as an empty one when the call recorded nothing). The scratch row's PHI is
 * then blanked and it is marked reported: from then on tool notes go straight into the call log
 * (CallMetadataService), and a second report, here or on another replica, waits for the lock and
 * merges into the same row without blanking what the first one wrote. Tool-call receipts are left
 * for the scratch janitor (a day), so a late duplicate still replays its first answer.
 */
@Injectable()
export class CallLogWriter {
  private readonly logger = new Logger('CallLogWriter');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metadata: CallMetadataService,
    private readonly queue: JobQueue,
  ) {}

  async recordCall(clinicId: string, report: CallReport): Promise<CallLogWrite> {
    assertClinicId(clinicId);
    const written = await this.dataSource.transaction(async (manager): Promise<CallLogWrite> => {
      const logs = manager.getRepository(CallLog);
      const recorded = await logs.findOne({ where: { vapiCallId: report.vapiCallId }, select: { id: true, clinicId: true } });
      if (recorded && recorded.clinicId !== clinicId) {
        this.logger.warn({ clinicId }, 'end-of-call report for a call id recorded under another clinic: ignored');
        return 'foreign';
      }
      await lockCall(manager, clinicId, report.vapiCallId);
      const meta = await manager.getRepository(CallMetadata).findOneBy({ clinicId, vapiCallId: report.vapiCallId });
      const existing = await logs.findOne({ where: { vapiCallId: report.vapiCallId }, lock: { mode: 'pessimistic_write' } });
      if (existing && existing.clinicId !== clinicId) return 'foreign';
      const fields = merge(report, meta, existing);
      if (existing) {
        await logs.update({ id: existing.id }, fields);
      } else {
        const inserted = await manager
          .createQueryBuilder()
          .insert()
          .into(CallLog)
          .values({ clinicId, vapiCallId: report.vapiCallId, ...fields })
          .orIgnore()
          .returning(['id'])
          .execute();
        // only another clinic's report for the same call id can have inserted meanwhile (ours wait for the lock)
        if (inserted.raw.length === 0) return 'foreign';
      }
      await blankScratch(manager, clinicId, report.vapiCallId);
      // changes the EMR may have made while the tool answered a failure: read the EMR now that the call is over
      if (meta?.inDoubt?.length) await this.reconcileLater(manager, clinicId, report.vapiCallId);
      return existing ? 'merged' : 'created';
    });
    this.metadata.forget(clinicId, report.vapiCallId);
    if (written !== 'foreign') this.queue.wake(CALL_RECONCILE_JOB);
    return written;
  }

  /**
   * The call's reconciliation job (one per call at a time across the cluster), written in `manager`'s
   * transaction when given. While the queue is stopped the doubt stays on the row: the next start of
   * the queue (any replica) enqueues it (InDoubtReconciler).
   */
  async reconcileLater(manager: EntityManager | undefined, clinicId: string, vapiCallId: string): Promise<void> {
    if (!this.queue.running) {
      this.logger.warn({ clinicId }, 'job queue not running: the call’s in-doubt changes wait for its next start');
      return;
    }
    await this.queue.send<CallReconcileJob>(CALL_RECONCILE_JOB, { clinicId, vapiCallId }, { manager, singletonKey: `${clinicId}:${vapiCallId}` });
  }
}

/**
 * Marks the call reported and takes its scratch row's lock until the transaction ends (a tool
 * note's upsert on the same row waits for it, then sees the call is over).
 */
async function lockCall(manager: EntityManager, clinicId: string, vapiCallId: string): Promise<void> {
  await manager.query(
    `INSERT INTO call_metadata (clinic_id, vapi_call_id, reported_at) VALUES ($1, $2, now())
     ON CONFLICT (clinic_id, vapi_call_id) DO UPDATE SET reported_at = COALESCE(call_metadata.reported_at, now()), last_activity_at = now()`,
    [clinicId, vapiCallId],
  );
}

/** The merged scratch keeps no PHI: only the call's language (for a late tool's answer) and the reported mark. */
async function blankScratch(manager: EntityManager, clinicId: string, vapiCallId: string): Promise<void> {
  await manager.query(
    `UPDATE call_metadata SET caller_phone_e164 = NULL, matched_demographic_ids = '{}', verified_demographic_ids = '{}', intent = NULL,
            outcome = NULL, demographic_id = NULL, appointment_id = NULL, sms_consent = NULL, transfer_reason = NULL
      WHERE clinic_id = $1 AND vapi_call_id = $2`,
    [clinicId, vapiCallId],
  );
}

/** New values win; what is missing now keeps what was written before. */
function merge(report: CallReport, meta: CallMetadata | null, existing: CallLog | null): Partial<CallLog> {
  const pick = <T>(...values: (T | null | undefined)[]): T | null => values.find((v) => v !== null && v !== undefined) ?? null;
  const transferred = report.forwarded || !!meta?.transferReason || meta?.outcome === CallOutcome.Transferred || !!existing?.transferredToStaff;
  const outcome = pick<CallOutcome>(meta?.outcome, existing?.outcome, transferred ? CallOutcome.Transferred : null, CallOutcome.NoAction);
  return {
    callerPhone: pick(meta?.callerPhoneE164, report.callerPhone, existing?.callerPhone),
    demographicId: pick(meta?.demographicId, existing?.demographicId),
    appointmentId: pick(meta?.appointmentId, existing?.appointmentId),
    language: pick(meta?.language, existing?.language, report.fallbackLanguage),
    intent: pick<CallIntent>(meta?.intent, existing?.intent),
    outcome,
    smsConsent: pick(meta?.smsConsent, existing?.smsConsent),
    transferredToStaff: transferred,
    transferReason: pick(meta?.transferReason, existing?.transferReason),
    durationSeconds: pick(report.durationSeconds, existing?.durationSeconds),
    cost: pick(report.cost, existing?.cost),
    transcript: pick(report.transcript, existing?.transcript),
    summary: pick(report.summary, existing?.summary),
    startedAt: pick(report.startedAt, existing?.startedAt),
    endedAt: pick(report.endedAt, existing?.endedAt),
    endedReason: pick(report.endedReason, existing?.endedReason),
  };
}
