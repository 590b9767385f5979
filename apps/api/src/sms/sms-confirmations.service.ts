import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
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
  kind: ConfirmationKind;
  /** the caller's language (`en` | `zh`; anything else is English) */
  language: string;
  /** the caller ID in E.164 */
  toE164: string | null;
  appointmentId: number;
  /** ISO 8601 */
  startTime: string;
  providerName: string | null;
}

/**
 * Confirmation texts for book / reschedule / cancel (SPEC §7). `request` returns at once: the
 * message row (`queued`, with its text rendered from the clinic's template) and its send job are
 * written together in one transaction behind the caller's answer, and the job does the rest
 * (guard chain, Telnyx, retries) — see SmsSendJobs.
 */
@Injectable()
export class SmsConfirmations {
  private readonly logger = new Logger('SmsConfirmations');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: SmsStore,
    private readonly queue: JobQueue,
  ) {}

  /** Fire and forget: never throws, never delays the caller (the queue waits for it on shutdown). */
  request(input: ConfirmationRequest): void {
    this.queue.track(
      this.enqueue(input).catch((error: unknown) => {
        this.logger.error({ clinicId: input.clinicId, kind: input.kind, error: error instanceof Error ? error.name : 'unknown' }, 'confirmation text not queued');
      }),
    );
  }

  /** Writes the `queued` row and its job in one transaction; answers the message id. */
  async enqueue(input: ConfirmationRequest): Promise<string> {
    const clinic = await this.dataSource.getRepository(Clinic).findOneByOrFail({ id: input.clinicId });
    const config = await this.dataSource.getRepository(ClinicConfig).findOneBy({ clinicId: input.clinicId });
    const lang = asSmsLanguage(input.language);
    const body = renderTemplate(
      templateFor(config ?? {}, input.kind, lang),
      templateValues(clinic, { startTime: input.startTime, providerName: input.providerName }, lang),
    );
    const messageId = await this.dataSource.transaction(async (manager) => {
      const id = await this.store.insertOutbound(manager, {
        clinicId: input.clinicId,
        toE164: input.toE164 ?? '',
        fromE164: config?.smsSenderNumber ?? '',
        body,
        templateKind: input.kind,
        language: lang,
        vapiCallId: input.vapiCallId,
        appointmentId: input.appointmentId,
      });
      await this.queue.send<SmsSendJob>(SMS_SEND_JOB, { clinicId: input.clinicId, messageId: id }, { manager });
      return id;
    });
    this.queue.wake(SMS_SEND_JOB);
    this.logger.log({ clinicId: input.clinicId, messageId, kind: input.kind }, 'confirmation text queued');
    return messageId;
  }
}
