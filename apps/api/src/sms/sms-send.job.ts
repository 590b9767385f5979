import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ClinicConfig } from '../clinics/clinic-config.entity.js';
import { SmsDirection, SmsStatus } from '../database/enums.js';
import { JobQueue, type JobAttempt } from '../jobs/job-queue.js';
import { firstFailedGuard } from './sms-guards.js';
import type { SmsMessage } from './sms-message.entity.js';
import { SmsStore } from './sms-store.js';
import { SmsSendFailure, TelnyxGateway } from './telnyx-gateway.js';

export const SMS_SEND_JOB = 'sms.send';
export const SMS_CALL_LOG_JOB = 'sms.stamp-call-log';

export interface SmsSendJob {
  clinicId: string;
  messageId: string;
}

export interface SmsCallLogJob {
  clinicId: string;
  vapiCallId: string;
}

/**
 * The jobs of the SMS module.
 * - `sms.send`: the guard chain, then Telnyx; `queued → sending → sent` (receipts then make it
 *   `delivered` / `failed` / `undeliverable`). A guard that fails, or a refusal that will not
 *   change, marks the row `failed` with the reason and ends the job; a failure worth retrying
 *   throws (backoff 2 s × 2ⁿ up to 5 min, 6 retries) and the last one marks the row `failed`.
 *   Idempotent: a row past `sending` is never sent again.
 * - `sms.stamp-call-log`: `call_logs.sms_sent_at`. The text goes out during the call, but the call
 *   log is only written by the end-of-call report, so this retries until that row exists.
 */
@Injectable()
export class SmsSendJobs {
  private readonly logger = new Logger('SmsSend');

  constructor(
    private readonly queue: JobQueue,
    private readonly store: SmsStore,
    private readonly telnyx: TelnyxGateway,
    @InjectRepository(ClinicConfig) private readonly configs: Repository<ClinicConfig>,
  ) {
    queue.register<SmsSendJob>({
      name: SMS_SEND_JOB,
      retryLimit: 6,
      retryDelaySeconds: 2,
      retryDelayMaxSeconds: 300,
      expireInSeconds: 60,
      handle: (attempt) => this.send(attempt),
    });
    queue.register<SmsCallLogJob>({
      name: SMS_CALL_LOG_JOB,
      retryLimit: 16,
      retryDelaySeconds: 2,
      retryDelayMaxSeconds: 900,
      expireInSeconds: 30,
      handle: (attempt) => this.stampCallLog(attempt),
    });
  }

  async send(attempt: JobAttempt<SmsSendJob>): Promise<void> {
    const message = await this.store.find(attempt.data.clinicId, attempt.data.messageId);
    if (!message || message.direction !== SmsDirection.Outbound) return;
    if (message.status !== SmsStatus.Queued && message.status !== SmsStatus.Sending) return;
    const { clinicId } = message;
    const reason = await this.guard(message);
    if (reason) {
      await this.store.advance(clinicId, { id: message.id }, SmsStatus.Failed, { errorCode: reason });
      this.logger.log({ clinicId, messageId: message.id, reason }, 'confirmation text not sent');
      return;
    }
    await this.store.advance(clinicId, { id: message.id }, SmsStatus.Sending);
    let providerMessageId: string;
    try {
      ({ providerMessageId } = await this.telnyx.send({ from: message.fromE164, to: message.toE164, text: message.body }));
    } catch (error) {
      const failure = error instanceof SmsSendFailure ? error : new SmsSendFailure('connection', true);
      if (!failure.retryable || attempt.isLastAttempt) {
        await this.store.advance(clinicId, { id: message.id }, SmsStatus.Failed, { errorCode: failure.code });
        this.logger.warn({ clinicId, messageId: message.id, code: failure.code, attempt: attempt.retryCount + 1 }, 'confirmation text failed');
        return;
      }
      await this.store.advance(clinicId, { id: message.id }, SmsStatus.Sending, { errorCode: failure.code });
      throw failure;
    }
    await this.store.advance(clinicId, { id: message.id }, SmsStatus.Sent, { providerMessageId, sentAt: new Date(), errorCode: null });
    this.logger.log({ clinicId, messageId: message.id, attempt: attempt.retryCount + 1 }, 'confirmation text sent');
    if (message.vapiCallId) await this.queue.send<SmsCallLogJob>(SMS_CALL_LOG_JOB, { clinicId, vapiCallId: message.vapiCallId });
  }

  async stampCallLog(attempt: JobAttempt<SmsCallLogJob>): Promise<void> {
    if (await this.store.stampCallLog(attempt.data.clinicId, attempt.data.vapiCallId)) return;
    if (attempt.isLastAttempt) return;
    throw new CallLogNotYetWrittenError();
  }

  private async guard(message: SmsMessage) {
    const config = await this.configs.findOneBy({ clinicId: message.clinicId });
    const consent = message.vapiCallId ? await this.store.callConsent(message.clinicId, message.vapiCallId) : null;
    const optedOut = message.toE164 ? await this.store.isOptedOut(message.clinicId, message.toE164) : false;
    return firstFailedGuard({
      smsEnabled: config?.smsEnabled ?? false,
      senderNumber: message.fromE164 || null,
      consent,
      optedOut,
      toE164: message.toE164 || null,
      telnyxApiKeyConfigured: this.telnyx.configured,
    });
  }
}

/** The call's log row is not written yet (the call is still going on): retried with backoff. */
class CallLogNotYetWrittenError extends Error {
  constructor() {
    super('call log not written yet');
    this.name = 'CallLogNotYetWrittenError';
  }
}
