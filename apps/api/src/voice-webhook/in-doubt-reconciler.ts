import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CallLogWriter } from '../calls/call-log.writer.js';
import { CALL_RECONCILE_JOB, type CallReconcileJob, type InDoubtChange } from '../calls/in-doubt.js';
import { assertClinicId } from '../database/clinic-scoped.repository.js';
import { CallOutcome } from '../database/enums.js';
import type { EmrAdapter, EmrAppointment } from '../emr/emr-adapter.js';
import { EmrAdapterFactory } from '../emr/emr-adapter.factory.js';
import { JobQueue, type JobAttempt } from '../jobs/job-queue.js';
import { parseClinicInstant, toClinicIso } from '../scheduling/clinic-time.js';
import { SmsConfirmations } from '../sms/sms-confirmations.service.js';
import { VoiceProviders } from './tools/voice-providers.js';

/** How long one attempt may spend reading the EMR (a failed attempt is retried with backoff). */
const EMR_BUDGET_MS = 20_000;

/** Which outcome a call log keeps when several changes of the call happened: the last step of the appointment's story wins. */
const OUTCOME_RANK: Record<string, number> = { [CallOutcome.Booked]: 1, [CallOutcome.Rescheduled]: 2, [CallOutcome.Cancelled]: 3 };
const KIND_OUTCOME = { book: CallOutcome.Booked, reschedule: CallOutcome.Rescheduled, cancel: CallOutcome.Cancelled } as const;

interface CallLogRow {
  outcome: string | null;
  sms_consent: boolean | null;
  caller_phone: string | null;
  timezone: string;
}

interface Found {
  change: InDoubtChange;
  appointment: EmrAppointment;
}

/**
 * Reconciliation of in-doubt changes (docs/sms.md "Reconciliation"): a book, move or cancel that
 * answered EMR_UNAVAILABLE or BUSY may still have happened in OSCAR (it failed after the write).
 * The call records the doubt (`call_metadata.in_doubt`); its end-of-call report enqueues this job
 * (`calls.reconcile-in-doubt`, one per call at a time across the cluster, retried with backoff
 * while the EMR fails), which reads OSCAR: a booking is the chart's live appointment at the asked
 * time whose note carries the call id (`Booked by phone (VoiceDesk call <id>)`), a move is the
 * appointment found at its new time, a cancel the appointment found cancelled. What happened is
 * recorded in the call log (outcome, appointment id) and, when the caller consented, its
 * confirmation text is written — keyed by (call, tool call, kind) and only if the call has no text
 * of that kind for that appointment yet, so neither a retry of this job nor an agent's successful
 * retry of the tool ever doubles it. Changes that did not happen are dropped.
 */
@Injectable()
export class InDoubtReconciler {
  private readonly logger = new Logger('InDoubtReconciler');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly emr: EmrAdapterFactory,
    private readonly sms: SmsConfirmations,
    private readonly providers: VoiceProviders,
    private readonly callLogs: CallLogWriter,
    queue: JobQueue,
  ) {
    queue.register<CallReconcileJob>({
      name: CALL_RECONCILE_JOB,
      retryLimit: 12,
      retryDelaySeconds: 5,
      retryDelayMaxSeconds: 900,
      expireInSeconds: 60,
      policy: 'stately',
      handle: (attempt) => this.reconcile(attempt),
    });
    // doubts of reported calls whose job could not be written (the queue was stopping): enqueued again
    queue.whenStarted(() => this.enqueueLeftovers());
  }

  async reconcile(attempt: JobAttempt<CallReconcileJob>): Promise<void> {
    const { clinicId, vapiCallId } = attempt.data;
    assertClinicId(clinicId);
    const rows: { in_doubt: InDoubtChange[]; reported: boolean }[] = await this.dataSource.query(
      'SELECT in_doubt, reported_at IS NOT NULL AS reported FROM call_metadata WHERE clinic_id = $1 AND vapi_call_id = $2',
      [clinicId, vapiCallId],
    );
    const doubts = rows[0]?.in_doubt ?? [];
    if (doubts.length === 0) return;
    if (!rows[0].reported) throw new Error('the call has not reported yet');
    const logs: CallLogRow[] = await this.dataSource.query(
      `SELECT l.outcome, l.sms_consent, l.caller_phone, c.timezone FROM call_logs l JOIN clinics c ON c.id = l.clinic_id
        WHERE l.clinic_id = $1 AND l.vapi_call_id = $2`,
      [clinicId, vapiCallId],
    );
    const log = logs[0];
    if (!log) throw new Error('the call has no call log yet');

    // the EMR's answer for each doubt; an EMR failure throws (the job is retried with backoff)
    const adapter = await this.emr.forClinic(clinicId);
    const found: Found[] = [];
    for (const change of doubts) {
      const appointment = await this.lookUp(adapter, vapiCallId, change, log.timezone);
      if (appointment) found.push({ change, appointment });
    }
    const names = found.length ? await this.providers.all(clinicId) : [];

    await this.dataSource.transaction(async (manager) => {
      let outcome = log.outcome;
      for (const { change, appointment } of found) {
        const next = KIND_OUTCOME[change.kind];
        if ((OUTCOME_RANK[outcome ?? ''] ?? 0) <= OUTCOME_RANK[next]) outcome = next;
        // consent: what the call log recorded (the call's latest word), else what this tool call said
        const consent = log.sms_consent ?? change.smsConsent ?? null;
        await manager.query(
          `UPDATE call_logs SET outcome = $3, appointment_id = $4, demographic_id = COALESCE(demographic_id, $5), sms_consent = COALESCE(sms_consent, $6)
            WHERE clinic_id = $1 AND vapi_call_id = $2`,
          [clinicId, vapiCallId, outcome, appointment.id, appointment.demographicNo, consent],
        );
        if (consent !== true) continue;
        const start = parseClinicInstant(appointment.start, log.timezone);
        await this.sms.writeWithin(manager, {
          clinicId, vapiCallId, toolCallId: change.toolCallId, kind: change.kind, language: change.language, toE164: log.caller_phone,
          appointmentId: appointment.id, startTime: start ? toClinicIso(start, log.timezone) : appointment.start,
          providerName: names.find((p) => p.providerId === appointment.providerNo)?.providerName ?? null,
          onlyIfNoneForAppointment: true,
        });
      }
      // the doubts read here are settled; one a late tool call added meanwhile stays for its own job
      await manager.query(
        `UPDATE call_metadata SET in_doubt = COALESCE((SELECT jsonb_agg(e) FROM jsonb_array_elements(in_doubt) e WHERE NOT (e->>'toolCallId' = ANY($3::text[]))), '[]'::jsonb)
          WHERE clinic_id = $1 AND vapi_call_id = $2`,
        [clinicId, vapiCallId, doubts.map((d) => d.toolCallId)],
      );
    });
    this.sms.wake();
    this.logger.log({ clinicId, inDoubt: doubts.length, happened: found.length }, 'in-doubt changes reconciled with the EMR');
  }

  /** The appointment as the EMR holds it when the change happened, else null. */
  private async lookUp(adapter: EmrAdapter, vapiCallId: string, change: InDoubtChange, zone: string): Promise<EmrAppointment | null> {
    const call = { deadline: Date.now() + EMR_BUDGET_MS, fresh: true };
    const at = (a: EmrAppointment, start: string | undefined): boolean => {
      if (!start) return true;
      const wanted = parseClinicInstant(start, zone);
      return !!wanted && parseClinicInstant(a.start, zone)?.toMillis() === wanted.toMillis();
    };
    if (change.kind === 'book') {
      if (!change.demographicId) return null;
      const note = `VoiceDesk call ${vapiCallId.trim().slice(0, 80)})`;
      const appointments = await adapter.getAppointmentsForPatient(change.demographicId, { ...call, limit: 200 });
      return appointments.find((a) => !a.cancelled && (a.notes ?? '').includes(note) && at(a, change.startTime) && (!change.providerNo || a.providerNo === change.providerNo)) ?? null;
    }
    if (!change.appointmentId) return null;
    const appointment = await adapter.getAppointment(change.appointmentId, call);
    if (!appointment) return null;
    if (change.kind === 'cancel') return appointment.cancelled ? appointment : null;
    return !appointment.cancelled && at(appointment, change.startTime) && (!change.providerNo || appointment.providerNo === change.providerNo) ? appointment : null;
  }

  private async enqueueLeftovers(): Promise<void> {
    const rows: { clinic_id: string; vapi_call_id: string }[] = await this.dataSource.query(
      `SELECT clinic_id, vapi_call_id FROM call_metadata WHERE reported_at IS NOT NULL AND in_doubt <> '[]'::jsonb LIMIT 1000`,
    );
    for (const row of rows) await this.callLogs.reconcileLater(undefined, row.clinic_id, row.vapi_call_id);
  }
}
