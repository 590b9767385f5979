import { Inject, Injectable, Logger } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { CallLogWriter } from '../calls/call-log.writer.js';
import { CallMetadataService } from '../calls/call-metadata.service.js';
import { clinicSecretContext } from '../common/crypto/clinic-secret-context.js';
import { SecretBox } from '../common/crypto/secret-box.js';
import { InvalidInputError } from '../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { CallOutcome } from '../database/enums.js';
import { SchedulingService } from '../scheduling/scheduling.service.js';
import { readCallReport } from './call-report.js';
import { ClinicResolver } from './clinic-resolver.js';
import { asLang, say, type Lang } from './speech.js';
import { ToolDispatcher } from './tool-dispatcher.js';
import { errorAnswer, toolError, type ToolResultEntry } from './tool-reply.js';
import { parseEnvelope, type VapiEnvelope } from './vapi-payload.js';
import type { VoiceClinic } from './voice-clinic-directory.js';
import { acceptsSecret, hasCredentials, presentedCredentials, WebhookUnauthorizedError } from './webhook-auth.js';

/** One delivery's whole budget: every tool call answers within it (SPEC §4: < 5 s; a second is left for the network and Vapi). */
export const DELIVERY_BUDGET_MS = 4_000;

export interface WebhookDelivery {
  body: unknown;
  rawBody: Buffer | undefined;
  headers: IncomingHttpHeaders;
  /** over the webhook rate limit (common/throttling/overload.ts) */
  overloaded: boolean;
  receivedAt: number;
}

export interface WebhookReply {
  status: 200 | 400;
  body: Record<string, unknown>;
}

/**
 * `POST /api/vapi/webhook`: resolve the clinic, authenticate (platform secret, or that clinic's
 * own secret), then answer by message type. Tool calls go to the ToolDispatcher; the end-of-call
 * report to the CallLogWriter; transfer requests get the clinic's transfer number.
 */
@Injectable()
export class VoiceWebhookService {
  private readonly logger = new Logger('VoiceWebhook');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly box: SecretBox,
    private readonly resolver: ClinicResolver,
    private readonly dispatcher: ToolDispatcher,
    private readonly calls: CallMetadataService,
    private readonly callLogs: CallLogWriter,
    private readonly scheduling: SchedulingService,
  ) {}

  async handle(delivery: WebhookDelivery): Promise<WebhookReply> {
    const deadline = delivery.receivedAt + DELIVERY_BUDGET_MS;
    const envelope = parseEnvelope(delivery.body);
    const credentials = presentedCredentials(delivery.headers);
    // nothing to check: refused before any lookup (no database or Vapi API work for anonymous requests)
    if (!hasCredentials(credentials)) throw new WebhookUnauthorizedError();
    const platform = acceptsSecret(credentials, this.config.vapiWebhookSecret, delivery.rawBody);
    if (!envelope) {
      if (!platform) throw new WebhookUnauthorizedError();
      throw new InvalidInputError('Not a Vapi server message: expected {"message": {"type": …}}');
    }
    const resolved = await this.resolver.resolve(envelope, deadline);
    const clinic = resolved?.clinic ?? null;
    if (!platform && !(clinic && this.acceptsClinicSecret(clinic, credentials, delivery.rawBody))) {
      this.logger.warn({ type: envelope.type, clinicId: clinic?.id ?? null }, 'Vapi webhook refused: credentials not accepted');
      throw new WebhookUnauthorizedError();
    }
    switch (envelope.type) {
      case 'tool-calls':
        return this.toolCalls(envelope, clinic, delivery.overloaded, deadline);
      case 'end-of-call-report':
        return this.endOfCall(envelope, clinic);
      case 'transfer-destination-request':
        return this.transferDestination(envelope, clinic);
      case 'status-update':
        return this.statusUpdate(envelope, clinic);
      default:
        if (envelope.type === 'hang') this.logger.warn({ clinicId: clinic?.id ?? null }, 'Vapi reports the assistant waited too long (hang)');
        return { status: 200, body: {} };
    }
  }

  private acceptsClinicSecret(clinic: VoiceClinic, credentials: ReturnType<typeof presentedCredentials>, rawBody: Buffer | undefined): boolean {
    const sealed = clinic.config.vapiWebhookSecret;
    if (!sealed) return false;
    try {
      return acceptsSecret(credentials, this.box.decrypt(sealed, clinicSecretContext(clinic.id, 'vapiWebhookSecret')), rawBody);
    } catch {
      this.logger.warn({ clinicId: clinic.id }, 'the clinic’s Vapi webhook secret cannot be decrypted');
      return false;
    }
  }

  private async toolCalls(envelope: VapiEnvelope, clinic: VoiceClinic | null, overloaded: boolean, deadline: number): Promise<WebhookReply> {
    const lang: Lang = asLang(clinic?.config.defaultLanguage) ?? 'en';
    const every = (entry: (name: string) => ReturnType<typeof errorAnswer>): ToolResultEntry[] =>
      envelope.toolCalls.map((tc) => ({ name: tc.name, toolCallId: tc.id, ...entry(tc.name) }));
    if (!clinic) {
      this.logger.warn({ toolCalls: envelope.toolCalls.length }, 'Vapi tool calls for no known clinic');
      return { status: 400, body: { results: every(() => errorAnswer(toolError(lang, 'CLINIC_OFFLINE', 'unresolved', 'transfer'))) } };
    }
    if (overloaded) {
      this.logger.warn({ clinicId: clinic.id, toolCalls: envelope.toolCalls.length }, 'Vapi tool calls over the rate limit: answered BUSY');
      return { status: 200, body: { results: every(() => errorAnswer(toolError(lang, 'BUSY', 'busy', 'retry'))) } };
    }
    const results = await this.dispatcher.run({ clinic, callId: envelope.callId, callerE164: envelope.callerE164, deadline }, envelope.toolCalls);
    return { status: 200, body: { results } };
  }

  private async endOfCall(envelope: VapiEnvelope, clinic: VoiceClinic | null): Promise<WebhookReply> {
    if (!clinic || !envelope.callId) {
      this.logger.warn({ clinicId: clinic?.id ?? null, hasCallId: !!envelope.callId }, 'end-of-call report not recorded: no clinic or no call id');
      return { status: 200, body: {} };
    }
    const outcome = await this.callLogs.recordCall(clinic.id, readCallReport(envelope, clinic.config.defaultLanguage));
    // the call is over: the slot it was offered is free for other callers again
    await this.scheduling.endCall(clinic.id, envelope.callId).catch((error: unknown) => this.logger.warn({ clinicId: clinic.id, err: error }, 'offer hold not released (it expires on its own)'));
    this.logger.log({ clinicId: clinic.id, write: outcome }, 'end-of-call report recorded');
    return { status: 200, body: {} };
  }

  private async transferDestination(envelope: VapiEnvelope, clinic: VoiceClinic | null): Promise<WebhookReply> {
    const meta = clinic && envelope.callId ? await this.calls.find(clinic.id, envelope.callId) : null;
    const lang: Lang = asLang(meta?.language) ?? asLang(clinic?.config.defaultLanguage) ?? 'en';
    const number = clinic?.config.transferPhoneNumber;
    if (!clinic || !number) {
      this.logger.warn({ clinicId: clinic?.id ?? null }, 'transfer requested but no transfer number is configured');
      return { status: 200, body: { error: say(lang, 'noTransfer') } };
    }
    if (envelope.callId) {
      const call = { clinicId: clinic.id, vapiCallId: envelope.callId, callerPhoneE164: envelope.callerE164 };
      await this.calls.patch(call, { outcome: CallOutcome.Transferred, transferReason: meta?.transferReason ?? 'transfer requested' });
    }
    return {
      status: 200,
      body: {
        destination: { type: 'number', number, message: say(lang, 'connecting') },
        message: { type: 'request-start', content: say(lang, 'transferring') },
      },
    };
  }

  private async statusUpdate(envelope: VapiEnvelope, clinic: VoiceClinic | null): Promise<WebhookReply> {
    const status = typeof envelope.message.status === 'string' ? envelope.message.status.slice(0, 40) : null;
    if (clinic && envelope.callId && status !== 'ended') await this.calls.touch({ clinicId: clinic.id, vapiCallId: envelope.callId, callerPhoneE164: envelope.callerE164 });
    this.logger.log({ clinicId: clinic?.id ?? null, status }, 'Vapi call status');
    return { status: 200, body: {} };
  }
}
