import { Inject, Injectable, Logger } from '@nestjs/common';
import { ExponentialBackoff, handleAll, retry } from 'cockatiel';
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

/**
 * An end-of-call report our database cannot take is tried again for about ten seconds (a restart
 * or a dropped connection), then answered 503 so that Vapi's retry (when configured) can bring it
 * back; the merge is idempotent.
 */
const REPORT_RETRY = retry(handleAll, { maxAttempts: 7, backoff: new ExponentialBackoff({ initialDelay: 250, maxDelay: 2_000 }) });

export interface WebhookReply {
  status: 200 | 400 | 503;
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
    let resolved: Awaited<ReturnType<ClinicResolver['resolve']>>;
    try {
      resolved = envelope.type === 'end-of-call-report' ? await this.resolveReport(envelope, deadline) : await this.resolver.resolve(envelope, deadline);
    } catch (error) {
      this.logger.error({ type: envelope.type, err: error }, 'clinic not resolved: the database failed');
      return unresolvable(envelope);
    }
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
    try {
      const results = await this.dispatcher.run({ clinic, callId: envelope.callId, callerE164: envelope.callerE164, deadline }, envelope.toolCalls);
      return { status: 200, body: { results } };
    } catch (error) {
      // the dispatcher answers every failure itself; this is the last net under it
      this.logger.error({ clinicId: clinic.id, err: error }, 'Vapi tool calls failed: answered BUSY');
      return busyEveryTool(envelope);
    }
  }

  /**
   * A report's clinic, looked up again like its merge while the database is away (a line not in
   * the cache needs it): a report has no caller waiting, and answering it 503 at once would leave
   * the call's record to Vapi's retries alone.
   */
  private resolveReport(envelope: VapiEnvelope, deadline: number): ReturnType<ClinicResolver['resolve']> {
    return REPORT_RETRY.execute(async ({ attempt }) => {
      if (attempt > 0) this.logger.warn({ type: envelope.type, attempt }, 'end-of-call report: clinic not resolved yet, trying again');
      return this.resolver.resolve(envelope, deadline);
    });
  }

  private async endOfCall(envelope: VapiEnvelope, clinic: VoiceClinic | null): Promise<WebhookReply> {
    if (!clinic || !envelope.callId) {
      this.logger.warn({ clinicId: clinic?.id ?? null, hasCallId: !!envelope.callId }, 'end-of-call report not recorded: no clinic or no call id');
      return { status: 200, body: {} };
    }
    const report = readCallReport(envelope, clinic.config.defaultLanguage);
    let outcome: Awaited<ReturnType<CallLogWriter['recordCall']>>;
    try {
      outcome = await REPORT_RETRY.execute(async ({ attempt }) => {
        if (attempt > 0) this.logger.warn({ clinicId: clinic.id, attempt }, 'end-of-call report not recorded yet: trying again');
        return this.callLogs.recordCall(clinic.id, report);
      });
    } catch (error) {
      this.logger.error({ clinicId: clinic.id, err: error }, 'end-of-call report not recorded: the database failed (answered 503 for Vapi to retry)');
      return { status: 503, body: { message: 'The call record could not be saved right now; please send the report again.' } };
    }
    // the call is over: the slot it was offered is free for other callers again
    await this.scheduling.endCall(clinic.id, envelope.callId).catch((error: unknown) => this.logger.warn({ clinicId: clinic.id, err: error }, 'offer hold not released (it expires on its own)'));
    this.logger.log({ clinicId: clinic.id, write: outcome }, 'end-of-call report recorded');
    return { status: 200, body: {} };
  }

  private async transferDestination(envelope: VapiEnvelope, clinic: VoiceClinic | null): Promise<WebhookReply> {
    // the transfer goes ahead even when the database fails: the number comes from the clinic's cached config
    const meta = clinic && envelope.callId
      ? await this.calls.find(clinic.id, envelope.callId).catch((error: unknown) => {
        this.logger.warn({ clinicId: clinic.id, err: error }, 'transfer request: the call could not be read');
        return null;
      })
      : null;
    const lang: Lang = asLang(meta?.language) ?? asLang(clinic?.config.defaultLanguage) ?? 'en';
    const number = clinic?.config.transferPhoneNumber;
    if (!clinic || !number) {
      this.logger.warn({ clinicId: clinic?.id ?? null }, 'transfer requested but no transfer number is configured');
      return { status: 200, body: { error: say(lang, 'noTransfer') } };
    }
    if (envelope.callId) {
      const call = { clinicId: clinic.id, vapiCallId: envelope.callId, callerPhoneE164: envelope.callerE164 };
      await this.calls
        // after the report the scratch is blank: a reason already in the call log stays
        .patch(call, { outcome: CallOutcome.Transferred, transferReason: meta?.reportedAt ? undefined : (meta?.transferReason ?? 'transfer requested') })
        .catch((error: unknown) => this.logger.warn({ clinicId: clinic.id, err: error }, 'transfer not noted on the call (the report still marks a forwarded call)'));
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
    if (clinic && envelope.callId && status !== 'ended') {
      await this.calls
        .touch({ clinicId: clinic.id, vapiCallId: envelope.callId, callerPhoneE164: envelope.callerE164 })
        .catch((error: unknown) => this.logger.warn({ clinicId: clinic.id, err: error }, 'call status not recorded'));
    }
    this.logger.log({ clinicId: clinic?.id ?? null, status }, 'Vapi call status');
    return { status: 200, body: {} };
  }
}

/** Every tool call of the delivery hears "one moment" (in the language it asked for, else English): nothing was done. */
function busyEveryTool(envelope: VapiEnvelope): WebhookReply {
  const results = envelope.toolCalls.map((tc) => ({ name: tc.name, toolCallId: tc.id, ...errorAnswer(toolError(asLang(tc.args.language) ?? 'en', 'BUSY', 'busy', 'retry')) }));
  return { status: 200, body: { results } };
}

/**
 * The clinic could not be looked up (our database failed), so its secret cannot be checked
 * either: answers that do nothing and reveal nothing. Tool calls hear "one moment" (Vapi's next
 * turn tries again), a transfer request the apology, and an end-of-call report 503 so that it is
 * sent again rather than lost.
 */
function unresolvable(envelope: VapiEnvelope): WebhookReply {
  switch (envelope.type) {
    case 'tool-calls':
      return busyEveryTool(envelope);
    case 'end-of-call-report':
      return { status: 503, body: { message: 'The call record could not be saved right now; please send the report again.' } };
    case 'transfer-destination-request':
      return { status: 200, body: { error: say('en', 'noTransfer') } };
    default:
      return { status: 200, body: {} };
  }
}
