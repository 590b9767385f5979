import { Inject, Injectable } from '@nestjs/common';
import type Telnyx from 'telnyx';
import type { APIError as TelnyxApiError } from 'telnyx';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** Why a send did not go through, and whether trying again can help. Never carries the text or the number. */
export class SmsSendFailure extends Error {
  constructor(
    /** Telnyx's error code (`40300`…), else `http_<status>`, `timeout` or `connection` */
    readonly code: string,
    readonly retryable: boolean,
  ) {
    super(`Telnyx refused the message (${code})`);
    this.name = 'SmsSendFailure';
  }
}

/** Telnyx codes that will not change on a retry even if the status says so. */
const PERMANENT_CODES = new Set(['40300', '40001', '40008', '40002', '40003']);

/**
 * Telnyx's messages API through the official SDK (`TELNYX_BASE_URL`, a local fake in tests). The
 * SDK's own retries are off: a retry without an idempotency key can text twice, so the job queue
 * decides when to try again.
 */
@Injectable()
export class TelnyxGateway {
  private client: Telnyx | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get configured(): boolean {
    return !!this.config.telnyxApiKey;
  }

  async send(message: { from: string; to: string; text: string }): Promise<{ providerMessageId: string }> {
    try {
      const response = await (await this.telnyx()).messages.send({ from: message.from, to: message.to, text: message.text }, { maxRetries: 0, timeout: 10_000 });
      const id = response.data?.id;
      if (!id) throw new SmsSendFailure('no_message_id', true);
      return { providerMessageId: id };
    } catch (error) {
      throw classify(error, (await import('telnyx')).APIError);
    }
  }

  /** The SDK is loaded on the first text: ~440 modules a replica that never texts does not hold. */
  private async telnyx(): Promise<Telnyx> {
    if (!this.config.telnyxApiKey) throw new SmsSendFailure('telnyx_not_configured', false);
    const { default: TelnyxClient } = await import('telnyx');
    this.client ??= new TelnyxClient({ apiKey: this.config.telnyxApiKey, baseURL: this.config.telnyxBaseUrl, maxRetries: 0, timeout: 10_000, logLevel: 'off' });
    return this.client;
  }
}

function classify(error: unknown, APIError: typeof TelnyxApiError): SmsSendFailure {
  if (error instanceof SmsSendFailure) return error;
  if (error instanceof APIError) {
    const status = error.status;
    if (status === undefined) return new SmsSendFailure(error.name === 'APIConnectionTimeoutError' ? 'timeout' : 'connection', true);
    const code = telnyxCode(error.error);
    if (code && PERMANENT_CODES.has(code)) return new SmsSendFailure(code, false);
    const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
    return new SmsSendFailure(code ?? `http_${status}`, retryable);
  }
  return new SmsSendFailure('connection', true);
}

function telnyxCode(body: unknown): string | undefined {
  const errors = (body as { errors?: { code?: unknown }[] } | undefined)?.errors;
  const code = Array.isArray(errors) ? errors[0]?.code : undefined;
  return code === undefined || code === null ? undefined : String(code);
}
