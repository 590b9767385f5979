import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ClinicConfig } from '../clinics/clinic-config.entity.js';
import { SmsStatus } from '../database/enums.js';
import { JobQueue, type JobAttempt } from '../jobs/job-queue.js';
import { SmsFailureNotices } from './sms-failure-notices.js';
import { firstFailedGuard } from './sms-guards.js';
import { HELP_REPLY_KIND } from './sms-help-reply.js';
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
 * How long an attempt whose outcome is unknown (the process died, or the request timed out, after
 * it left) waits for Telnyx's receipt before the text is sent again. A receipt of an accepted send
 * normally arrives within seconds and settles the row (SmsStore.adoptAcceptedSend).
 */
export const RECEIPT_WAIT_SECONDS = 60;
/** A `queued` text this old with no job (written while the queue was stopping) gets one when the queue starts. */
const ORPHAN_AGE_MS = 30_000;

/** Codes of failures where the request may have reached Telnyx but no answer came back. */
const UNANSWERED = new Set(['timeout', 'connection', 'no_message_id']);

/**
 * The jobs of the SMS module.
 * - `sms.send`: takes the text (`queued → sending`, marked as an attempt in progress in one
 *   statement, so two jobs of one text never both send), runs the guard chain, then Telnyx; `sent`
 *   with Telnyx's id (receipts then make it `delivered` / `failed` / `undeliverable`). A guard that
 *   fails, or a refusal that will not change, marks the row `failed` with the reason. A refusal
 *   worth retrying throws (backoff 2 s × 2ⁿ up to 5 min, 6 retries) and the last one marks the row
 *   `failed`. An attempt whose outcome is unknown (a crash or a timeout after the request left)
 *   waits RECEIPT_WAIT_SECONDS for Telnyx's receipt, then sends again: the one double the design
 *   accepts (docs/sms.md). A row past `sending` is never sent again.
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
    private readonly failureNotices: SmsFailureNotices,
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
    queue.whenStarted(() => this.sendOrphans());
  }

  async send(attempt: JobAttempt<SmsSendJob>): Promise<void> {
    const { clinicId, messageId } = attempt.data;
    const message = await this.claim(clinicId, messageId, attempt.isLastAttempt);
    if (!message) return;
    const reason = await this.guard(message);
    if (reason) {
      if (await this.store.advance(clinicId, { id: message.id }, SmsStatus.Failed, { errorCode: reason })) await this.failureNotices.failed(clinicId, reason);
      this.logger.log({ clinicId, messageId: message.id, reason }, 'confirmation text not sent');
      return;
    }
    let providerMessageId: string;
    try {
      ({ providerMessageId } = await this.telnyx.send({ from: message.fromE164, to: message.toE164, text: message.body }));
    } catch (error) {
      const failure = error instanceof SmsSendFailure ? error : new SmsSendFailure('connection', true);
      if (!failure.retryable || attempt.isLastAttempt) {
        if (await this.store.advance(clinicId, { id: message.id }, SmsStatus.Failed, { errorCode: failure.code })) await this.failureNotices.failed(clinicId, failure.code);
        this.logger.warn({ clinicId, messageId: message.id, code: failure.code, attempt: attempt.retryCount + 1 }, 'confirmation text failed');
        return;
      }
      await this.store.attemptFailed(clinicId, message.id, failure.code, !UNANSWERED.has(failure.code));
      throw failure;
    }
    await this.store.advance(clinicId, { id: message.id }, SmsStatus.Sent, { providerMessageId, sentAt: new Date(), errorCode: null });
    this.logger.log({ clinicId, messageId: message.id, attempt: attempt.retryCount + 1 }, 'confirmation text sent');
    if (message.vapiCallId) await this.queue.send<SmsCallLogJob>(SMS_CALL_LOG_JOB, { clinicId, vapiCallId: message.vapiCallId });
  }

  /**
   * The text for this attempt, or null when there is nothing to send. An earlier attempt still in
   * doubt is waited for (this attempt throws and is retried later) until RECEIPT_WAIT_SECONDS have
   * passed without a receipt, or this is the last attempt: then it is given up and the text taken.
   */
  private async claim(clinicId: string, messageId: string, isLastAttempt: boolean): Promise<SmsMessage | null> {
    const first = await this.store.claimForSend(clinicId, messageId);
    if (first.kind === 'claimed') return first.message;
    if (first.kind === 'done') return null;
    const waited = isLastAttempt ? 0 : RECEIPT_WAIT_SECONDS;
    if (!(await this.store.abandonAttempt(clinicId, messageId, waited))) throw new SendOutcomeUnknownError();
    this.logger.warn({ clinicId, messageId, waitedSeconds: waited }, 'confirmation text: no receipt for an attempt cut off mid-send, sending again');
    const second = await this.store.claimForSend(clinicId, messageId);
    return second.kind === 'claimed' ? second.message : null;
  }

  /** Jobs for `queued` texts that have none (written while the queue was stopping); a second job of a text is harmless (claimForSend). */
  async sendOrphans(): Promise<number> {
    const orphans = await this.store.queuedBefore(new Date(Date.now() - ORPHAN_AGE_MS), 500);
    for (const { clinicId, id } of orphans) await this.queue.send<SmsSendJob>(SMS_SEND_JOB, { clinicId, messageId: id });
    if (orphans.length) this.logger.log({ count: orphans.length }, 'queued texts without a job sent to the queue');
    return orphans.length;
  }

  async stampCallLog(attempt: JobAttempt<SmsCallLogJob>): Promise<void> {
    if (await this.store.stampCallLog(attempt.data.clinicId, attempt.data.vapiCallId)) return;
    if (attempt.isLastAttempt) return;
    throw new CallLogNotYetWrittenError();
  }

  /** The guard chain (sms-guards.ts) for this text: a confirmation, or the answer to a HELP text. */
  private async guard(message: SmsMessage) {
    const purpose = message.templateKind === HELP_REPLY_KIND ? 'help_reply' : 'confirmation';
    const config = await this.configs.findOneBy({ clinicId: message.clinicId });
    const consent = purpose === 'confirmation' && message.vapiCallId ? await this.store.callConsent(message.clinicId, message.vapiCallId) : null;
    const optedOut = purpose === 'confirmation' && message.toE164 ? await this.store.isOptedOut(message.clinicId, message.toE164) : false;
    return firstFailedGuard({
      purpose,
      telnyxApiKeyConfigured: this.telnyx.configured,
      senderNumber: message.fromE164 || null,
      consent,
      optedOut,
      toE164: message.toE164 || null,
      smsEnabled: config?.smsEnabled ?? false,
    });
  }
}

/** Another attempt of the text began and its outcome is not known yet: retried with backoff. */
class SendOutcomeUnknownError extends Error {
  constructor() {
    super('an earlier attempt of this text is still in doubt');
    this.name = 'SendOutcomeUnknownError';
  }
}

/** The call's log row is not written yet (the call is still going on): retried with backoff. */
class CallLogNotYetWrittenError extends Error {
  constructor() {
    super('call log not written yet');
    this.name = 'CallLogNotYetWrittenError';
  }
}
