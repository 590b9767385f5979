import { Inject, Injectable, Logger } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { TelnyxWebhook } from 'telnyx/lib/webhooks';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { TelnyxEventInvalidError, TelnyxSignatureError } from './sms-errors.js';
import { TelnyxEventHandlers, type TelnyxEvent, type TelnyxEventOutcome } from './telnyx-events.js';

/**
 * `POST /api/telnyx/webhook`: checks the Ed25519 signature over `timestamp|raw body` with
 * `TELNYX_PUBLIC_KEY` (5-minute window, through the SDK's verifier), then hands the event to its
 * handler. Unknown events are answered 200 and ignored (Telnyx retries anything else). Logs carry
 * the event type and outcome only: bodies are PHI.
 */
@Injectable()
export class TelnyxWebhookService {
  private readonly logger = new Logger('TelnyxWebhook');
  private readonly verifier: TelnyxWebhook | undefined;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly handlers: TelnyxEventHandlers,
  ) {
    this.verifier = config.telnyxPublicKey ? new TelnyxWebhook(config.telnyxPublicKey) : undefined;
  }

  async handle(rawBody: Buffer | undefined, headers: IncomingHttpHeaders): Promise<{ eventType: string | null; outcome: TelnyxEventOutcome }> {
    if (!this.verifier) throw new TelnyxSignatureError('not_configured');
    const text = rawBody?.toString('utf8') ?? '';
    try {
      await this.verifier.verify(text, flatten(headers));
    } catch {
      this.logger.warn('Telnyx webhook refused: bad or stale signature');
      throw new TelnyxSignatureError('invalid');
    }
    const event = parseEvent(text);
    const handler = this.handlers.find(event.eventType);
    const outcome = handler ? await handler(event) : 'ignored';
    this.logger.log({ eventType: event.eventType, outcome }, 'Telnyx webhook');
    return { eventType: event.eventType, outcome };
  }
}

function flatten(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return flat;
}

function parseEvent(text: string): TelnyxEvent {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new TelnyxEventInvalidError();
  }
  const data = (body as { data?: Record<string, unknown> } | null)?.data;
  if (!data || typeof data.event_type !== 'string') throw new TelnyxEventInvalidError();
  const occurred = typeof data.occurred_at === 'string' ? new Date(data.occurred_at) : new Date();
  return {
    id: typeof data.id === 'string' ? data.id : '',
    eventType: data.event_type,
    occurredAt: Number.isNaN(occurred.getTime()) ? new Date() : occurred,
    payload: data.payload && typeof data.payload === 'object' ? (data.payload as Record<string, unknown>) : {},
  };
}
