import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CallOutcome, type CallIntent } from '../database/enums.js';
import { CallLog } from './call-log.entity.js';
import { CallMetadata } from './call-metadata.entity.js';
import { CallMetadataService } from './call-metadata.service.js';
import { ToolCallReceipt } from './tool-call-receipt.entity.js';

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
 * `call_logs` row (unique by `vapi_call_id`), then the call's PHI-bearing scratch rows (metadata,
 * tool-call receipts) are deleted, in one transaction. A repeated report merges into the same row
 * and never blanks what the first one wrote.
 */
@Injectable()
export class CallLogWriter {
  private readonly logger = new Logger('CallLogWriter');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metadata: CallMetadataService,
  ) {}

  async recordCall(clinicId: string, report: CallReport): Promise<CallLogWrite> {
    const written = await this.dataSource.transaction(async (manager): Promise<CallLogWrite> => {
      const logs = manager.getRepository(CallLog);
      const existing = await logs.findOne({ where: { vapiCallId: report.vapiCallId }, lock: { mode: 'pessimistic_write' } });
      if (existing && existing.clinicId !== clinicId) {
        this.logger.warn({ clinicId }, 'end-of-call report for a call id recorded under another clinic: ignored');
        return 'foreign';
      }
      const meta = await manager.getRepository(CallMetadata).findOneBy({ clinicId, vapiCallId: report.vapiCallId });
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
        // a concurrent report inserted first: merge into its row
        if (inserted.raw.length === 0) await logs.update({ vapiCallId: report.vapiCallId, clinicId }, fields);
      }
      await purge(manager, clinicId, report.vapiCallId);
      return existing ? 'merged' : 'created';
    });
    this.metadata.forget(clinicId, report.vapiCallId);
    return written;
  }
}

async function purge(manager: EntityManager, clinicId: string, vapiCallId: string): Promise<void> {
  await manager.getRepository(CallMetadata).delete({ clinicId, vapiCallId });
  await manager.getRepository(ToolCallReceipt).delete({ clinicId, vapiCallId });
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
