import { Injectable } from '@nestjs/common';

/** The envelope of every Telnyx webhook (messaging and fax): `{ data: { id, event_type, occurred_at, payload }, meta }`. */
export interface TelnyxEvent {
  /** the event's id (duplicates share it) */
  id: string;
  eventType: string;
  occurredAt: Date;
  payload: Record<string, unknown>;
}

export type TelnyxEventOutcome = 'processed' | 'duplicate' | 'ignored';
export type TelnyxEventHandler = (event: TelnyxEvent) => Promise<TelnyxEventOutcome>;

/**
 * Who handles which Telnyx event, by exact `event_type` or by a prefix ending in `.` (`fax.`).
 * The extension point of `POST /api/telnyx/webhook`: the SMS module registers `message.*`; the
 * fax module registers `fax.` from its own constructor (fax/fax-telnyx.ts).
 */
@Injectable()
export class TelnyxEventHandlers {
  private readonly handlers = new Map<string, TelnyxEventHandler>();

  register(eventTypeOrPrefix: string, handler: TelnyxEventHandler): void {
    if (this.handlers.has(eventTypeOrPrefix)) throw new Error(`Telnyx event ${eventTypeOrPrefix} already has a handler`);
    this.handlers.set(eventTypeOrPrefix, handler);
  }

  find(eventType: string): TelnyxEventHandler | undefined {
    const exact = this.handlers.get(eventType);
    if (exact) return exact;
    for (const [key, handler] of this.handlers) if (key.endsWith('.') && eventType.startsWith(key)) return handler;
    return undefined;
  }
}
