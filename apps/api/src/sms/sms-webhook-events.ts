import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import { ClinicConfig } from '../clinics/clinic-config.entity.js';
import { Clinic } from '../clinics/clinic.entity.js';
import { SmsStatus } from '../database/enums.js';
import { SmsFailureNotices } from './sms-failure-notices.js';
import { JobQueue } from '../jobs/job-queue.js';
import { HELP_REPLY_KIND, helpReplyText } from './sms-help-reply.js';
import { SMS_SEND_JOB, type SmsSendJob } from './sms-send.job.js';
import { SmsStore } from './sms-store.js';
import { TelnyxEventHandlers, type TelnyxEvent, type TelnyxEventOutcome } from './telnyx-events.js';

/** Whole-message keywords (case and surrounding space ignored), as Telnyx applies them, plus French and Chinese. */
const OPT_OUT = new Set(['STOP', 'STOPALL', 'STOP ALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'ARRET', 'ARRÊT', '退订']);
const OPT_IN = new Set(['START', 'UNSTOP']);
/** HELP and INFO, as carriers define them; 帮助 asks for the answer in Chinese. */
const HELP = new Map([['HELP', 'en'], ['INFO', 'en'], ['帮助', 'zh']] as const);

/** Telnyx's `to[].status` of a receipt → ours; statuses not listed leave the row as it is. */
const RECEIPT_STATUS: Record<string, SmsStatus> = {
  sent: SmsStatus.Sent,
  delivered: SmsStatus.Delivered,
  sending_failed: SmsStatus.Failed,
  delivery_failed: SmsStatus.Undeliverable,
  expired: SmsStatus.Undeliverable,
};

function phoneOf(value: unknown): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return first;
  const phone = (first as { phone_number?: unknown } | undefined)?.phone_number;
  return typeof phone === 'string' ? phone : null;
}

function statusOf(payload: Record<string, unknown>): string | null {
  const to = Array.isArray(payload.to) ? (payload.to[0] as { status?: unknown } | undefined) : undefined;
  return typeof to?.status === 'string' ? to.status : null;
}

function errorCodeOf(payload: Record<string, unknown>): string | null {
  const first = Array.isArray(payload.errors) ? (payload.errors[0] as { code?: unknown } | undefined) : undefined;
  return first?.code === undefined || first.code === null ? null : String(first.code);
}

/**
 * Telnyx messaging events: delivery receipts (`message.sent`, `message.finalized`) move the
 * outbound row found by Telnyx's id (never backwards, so duplicates and late arrivals change
 * nothing); inbound texts (`message.received`) to a clinic's sender number are kept, STOP /
 * START keywords opt the number out of, or back into, that clinic's texts, and HELP is answered
 * with who is texting, whom to call and how to stop (sent by the queue, once per inbound text).
 */
@Injectable()
export class SmsWebhookEvents {
  private readonly logger = new Logger('SmsWebhook');

  constructor(
    handlers: TelnyxEventHandlers,
    private readonly store: SmsStore,
    private readonly queue: JobQueue,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(ClinicConfig) private readonly configs: Repository<ClinicConfig>,
    private readonly failureNotices: SmsFailureNotices,
  ) {
    handlers.register('message.sent', (e) => this.receipt(e));
    handlers.register('message.finalized', (e) => this.receipt(e));
    handlers.register('message.received', (e) => this.inbound(e));
  }

  private async receipt(event: TelnyxEvent): Promise<TelnyxEventOutcome> {
    const providerMessageId = typeof event.payload.id === 'string' ? event.payload.id : null;
    const status = RECEIPT_STATUS[statusOf(event.payload) ?? ''];
    if (!providerMessageId || !status) return 'ignored';
    const message = (await this.store.findByProviderId(providerMessageId)) ?? (await this.adopt(providerMessageId, event.payload));
    if (!message) return 'ignored';
    const failed = status === SmsStatus.Failed || status === SmsStatus.Undeliverable;
    const errorCode = failed ? (errorCodeOf(event.payload) ?? 'delivery_failed') : undefined;
    const moved = await this.store.advance(message.clinicId, { providerMessageId }, status, {
      ...(status === SmsStatus.Delivered ? { deliveredAt: event.occurredAt } : {}),
      ...(status === SmsStatus.Sent ? { sentAt: event.occurredAt } : {}),
      ...(errorCode ? { errorCode } : {}),
    });
    if (moved && status === SmsStatus.Failed) await this.failureNotices.failed(message.clinicId, errorCode ?? 'sending_failed');
    this.logger.log({ clinicId: message.clinicId, messageId: message.id, status, moved }, 'SMS delivery receipt');
    return moved ? 'processed' : 'duplicate';
  }

  /**
   * The receipt of a send whose answer we lost (a crash or a timeout after Telnyx accepted it):
   * the text still in doubt with the same sender, number and words takes Telnyx's id, so the job
   * does not send it again.
   */
  private async adopt(providerMessageId: string, payload: Record<string, unknown>) {
    const from = phoneOf(payload.from);
    const to = phoneOf(payload.to);
    const text = typeof payload.text === 'string' ? payload.text : null;
    if (!from || !to || text === null || payload.direction !== 'outbound') return null;
    const adopted = await this.store.adoptAcceptedSend(providerMessageId, from, to, text);
    if (adopted) this.logger.warn({ clinicId: adopted.clinicId, messageId: adopted.id }, 'SMS receipt settled a send whose answer was lost');
    return adopted;
  }

  private async inbound(event: TelnyxEvent): Promise<TelnyxEventOutcome> {
    const from = phoneOf(event.payload.from);
    const to = phoneOf(event.payload.to);
    const providerMessageId = typeof event.payload.id === 'string' ? event.payload.id : null;
    if (!from || !to || !providerMessageId) return 'ignored';
    const config = await this.configs.findOne({ where: { smsSenderNumber: to }, order: { updatedAt: 'DESC' } });
    if (!config) {
      this.logger.log('inbound SMS to a number no clinic sends from: ignored');
      return 'ignored';
    }
    const clinicId = config.clinicId;
    const text = typeof event.payload.text === 'string' ? event.payload.text : '';
    const keyword = keywordOf(text, event.payload.autoresponse_type);
    // opt-outs are honoured even when the clinic does not process inbound texts: the law asks for it
    if (keyword?.kind === 'out') await this.store.optOut(clinicId, from, keyword.word, event.occurredAt);
    if (keyword?.kind === 'in') await this.store.optIn(clinicId, from, event.occurredAt);
    const inbound = { clinicId, fromE164: from, toE164: to, body: text, providerMessageId };
    let stored = false;
    if (keyword?.kind === 'help' && event.payload.autoresponse_type !== 'HELP') {
      stored = await this.answerHelp(config, inbound, keyword.lang);
    } else if (config.smsInboundWebhookEnabled || keyword) {
      stored = await this.store.insertInbound(inbound);
    }
    this.logger.log({ clinicId, keyword: keyword?.kind ?? null, stored }, 'inbound SMS');
    return stored || keyword ? 'processed' : 'ignored';
  }

  /**
   * Keeps the HELP text and, in the same transaction, writes the answer and its send job: a
   * duplicate delivery of the HELP (same Telnyx id) stores nothing and answers nothing. The answer
   * goes to the number that asked, from the number it asked. When the messaging profile answered
   * HELP itself (`autoresponse_type: HELP`), this is not called: the patient gets one answer.
   */
  private async answerHelp(config: ClinicConfig, inbound: Parameters<SmsStore['insertInbound']>[0], lang: 'en' | 'zh'): Promise<boolean> {
    const replyId = await this.dataSource.transaction(async (manager) => {
      if (!(await this.store.insertInbound(inbound, manager))) return undefined;
      const clinic = await manager.getRepository(Clinic).findOneByOrFail({ id: inbound.clinicId });
      const body = helpReplyText({ clinicName: clinic.name, contactPhone: clinic.phone ?? config.transferPhoneNumber }, lang);
      const id = await this.store.insertOutbound(manager, {
        clinicId: inbound.clinicId, toE164: inbound.fromE164, fromE164: inbound.toE164, body, templateKind: HELP_REPLY_KIND,
        language: lang, vapiCallId: null, toolCallId: null, appointmentId: null,
      });
      if (id && this.queue.running) await this.queue.send<SmsSendJob>(SMS_SEND_JOB, { clinicId: inbound.clinicId, messageId: id }, { manager });
      return id;
    });
    if (replyId === undefined) return false;
    this.queue.wake(SMS_SEND_JOB);
    this.logger.log({ clinicId: inbound.clinicId, messageId: replyId }, 'answer to HELP queued');
    return true;
  }
}

export type Keyword = { kind: 'out' | 'in'; word: string } | { kind: 'help'; word: string; lang: 'en' | 'zh' };

export function keywordOf(text: string, autoresponseType: unknown): Keyword | null {
  const word = text.trim().replace(/\s+/g, ' ').toUpperCase();
  if (OPT_OUT.has(word)) return { kind: 'out', word };
  if (OPT_IN.has(word)) return { kind: 'in', word };
  const help = HELP.get(word as never);
  if (help) return { kind: 'help', word, lang: help };
  if (autoresponseType === 'STOP') return { kind: 'out', word: 'STOP' };
  if (autoresponseType === 'START') return { kind: 'in', word: 'START' };
  if (autoresponseType === 'HELP') return { kind: 'help', word: 'HELP', lang: 'en' };
  return null;
}
