import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ClinicConfig } from '../clinics/clinic-config.entity.js';
import { Clinic } from '../clinics/clinic.entity.js';
import { JobQueue } from '../jobs/job-queue.js';
import { SMS_SEND_JOB, type SmsSendJob } from './sms-send.job.js';
import { SmsStore } from './sms-store.js';
import { asSmsLanguage, renderTemplate, templateFor, templateValues, type ConfirmationKind } from './sms-templates.js';

/** What a voice tool did that the caller may get a text about. */
export interface ConfirmationRequest {
  clinicId: string;
  /** the call whose latest `smsConsent` decides */
  vapiCallId: string | null;
  /** Vapi's id of the tool call: with the call and the kind, the text's key (one text per key) */
  toolCallId: string | null;
  kind: ConfirmationKind;
  /** the caller's language (`en` | `zh`; anything else is English) */
  language: string;
  /** the caller ID in E.164 */
  toE164: string | null;
  appointmentId: number;
  /** ISO 8601 */
  startTime: string;
  providerName: string | null;
  /**
   * the change was found already made (a retried or repeated tool call): write the text only if the
   * call has none of this kind for this appointment yet (the first tool call's crash lost it)
   */
  onlyIfNoneForAppointment?: boolean;
}

/**
 * Confirmation texts for book / reschedule / cancel (SPEC §7), written as an outbox: the message
 * row (`queued`, its text rendered from the clinic's template) and its send job are written in
 * the transaction that records the tool call's receipt, so a text exists exactly when the caller's
 * answer was recorded — a crash after the answer loses nothing — and the unique key (call, tool
 * call, kind) keeps a retried tool call from writing a second one. The job does the rest (guard
 * chain, Telnyx, retries): see SmsSendJobs.
 */
@Injectable()
export class SmsConfirmations {
  private readonly logger = new Logger('SmsConfirmations');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: SmsStore,
    private readonly queue: JobQueue,
  ) {}

  /** The text as a write of the tool call's receipt transaction (ToolCallReceiptsService.complete). */
  confirmation(input: ConfirmationRequest): { write(manager: EntityManager): Promise<string | null>; afterCommit(): void } {
    return {
      write: (manager) => this.writeWithin(manager, input),
      afterCommit: () => this.queue.wake(SMS_SEND_JOB),
    };
  }

  /** Wakes this replica's sender after texts were written with `writeWithin` (call after commit). */
  wake(): void {
    this.queue.wake(SMS_SEND_JOB);
  }

  /** Writes the text and its job in a transaction of its own (tools without a receipt, operations). */
  async enqueue(input: ConfirmationRequest): Promise<string | null> {
    const id = await this.dataSource.transaction((manager) => this.writeWithin(manager, input));
    this.queue.wake(SMS_SEND_JOB);
    return id;
  }

  /**
   * Writes the `queued` row and, while the queue runs, its job with `manager`. Answers the message
   * id, or null when the key already has its text. A row written while the queue is stopping has no
   * job yet: the next start of the queue (any replica) gives it one (SmsSendJobs.sendOrphans).
   */
  async writeWithin(manager: EntityManager, input: ConfirmationRequest): Promise<string | null> {
    if (input.onlyIfNoneForAppointment && input.vapiCallId && (await this.store.hasConfirmation(manager, input.clinicId, input.vapiCallId, input.appointmentId, input.kind))) {
      return null;
    }
    // one connection (the transaction's): one query at a time
    const clinic = await manager.getRepository(Clinic).findOneByOrFail({ id: input.clinicId });
    const config = await manager.getRepository(ClinicConfig).findOneBy({ clinicId: input.clinicId });
    const lang = asSmsLanguage(input.language);
    const body = renderTemplate(
      templateFor(config ?? {}, input.kind, lang),
      templateValues(clinic, { startTime: input.startTime, providerName: input.providerName }, lang),
    );
    const id = await this.store.insertOutbound(manager, {
      clinicId: input.clinicId,
      toE164: input.toE164 ?? '',
      fromE164: config?.smsSenderNumber ?? '',
      body,
      templateKind: input.kind,
      language: lang,
      vapiCallId: input.vapiCallId,
      toolCallId: input.toolCallId,
      appointmentId: input.appointmentId,
    });
    if (!id) {
      this.logger.log({ clinicId: input.clinicId, kind: input.kind }, 'confirmation text already written for this tool call');
      return null;
    }
    if (this.queue.running) await this.queue.send<SmsSendJob>(SMS_SEND_JOB, { clinicId: input.clinicId, messageId: id }, { manager });
    this.logger.log({ clinicId: input.clinicId, messageId: id, kind: input.kind, job: this.queue.running }, 'confirmation text queued');
    return id;
  }
}
