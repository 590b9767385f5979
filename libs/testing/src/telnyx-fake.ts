import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One `POST /v2/messages` the fake accepted (status 200). */
export interface FakeSentMessage {
  id: string;
  from: string;
  to: string;
  text: string;
  /** when the fake accepted it (ms since the epoch) */
  at: number;
}

/**
 * A failure to answer instead of accepting: an HTTP status with Telnyx's error body, a hang, or
 * `accept-then-drop` — the message is accepted (it is in `sent`: the patient gets it) but the
 * connection is cut before the answer, as when the sender dies or times out after Telnyx took it.
 */
export type FakeFailure = { status: number; code?: string; title?: string } | 'hang' | 'accept-then-drop';

/** An inbound fax the fake holds: its PDF behind a pre-signed-style link that can expire. */
export interface FakeFax {
  faxId: string;
  /** the current link (a new one after each refresh) */
  mediaUrl: string;
}

export interface TelnyxFake {
  /** `http://127.0.0.1:<port>/v2`: give it to the API as `TELNYX_BASE_URL` */
  baseUrl: string;
  /**
   * Holds an inbound fax's document at `GET /fax-media/<faxId>.pdf?X-Amz-Expires=600&v=<n>` (no
   * Telnyx key needed, like S3). `expired`: the first link answers 403 until the fax is refreshed
   * through `POST /v2/faxes/<id>/actions/refresh`; `GET /v2/faxes/<id>` then gives the new link.
   */
  addFax(bytes: Buffer, options?: { expired?: boolean; faxId?: string }): FakeFax;
  /** every media download: which link version and whether an Authorization header came with it */
  mediaGets: { faxId: string; status: number; authorization: boolean }[];
  /** fax ids refreshed through the API, in order */
  faxRefreshes: string[];
  /** the API key it accepts (`Authorization: Bearer <apiKey>`); anything else is 401 */
  apiKey: string;
  /** messages accepted, in order */
  sent: FakeSentMessage[];
  /** every `POST /v2/messages` received (accepted or not), with the retry-count header the SDK sends */
  attempts: { authorized: boolean; retryCount: string | undefined }[];
  /** the next requests answer these failures, one each, first in first out */
  failNext(...failures: FakeFailure[]): void;
  /** waits until `count` messages were accepted (or throws after `timeoutMs`) */
  waitForSent(count: number, timeoutMs?: number): Promise<FakeSentMessage[]>;
  reset(): void;
  close(): Promise<void>;
}

/**
 * A fake of Telnyx's messages API over real HTTP (reference/telnyx.md §1): `POST /v2/messages`
 * with the Bearer key answers `{ data: { id, record_type: 'message', direction: 'outbound', to:
 * [{ phone_number, status: 'queued' }], … } }`; failures on demand answer Telnyx's
 * `{ errors: [{ code, title, detail }] }` with the status asked for, or never answer.
 */
export async function startTelnyxFake(apiKey = 'KEYtelnyx-test-0123456789'): Promise<TelnyxFake> {
  const hanging = new Set<ServerResponse>();
  const failures: FakeFailure[] = [];
  const faxes = new Map<string, { bytes: Buffer; version: number; expired: boolean }>();
  let origin = '';
  const mediaUrlOf = (faxId: string) => `${origin}/fax-media/${faxId}.pdf?X-Amz-Expires=600&v=${faxes.get(faxId)?.version ?? 0}`;
  const fake: TelnyxFake = {
    baseUrl: '',
    apiKey,
    sent: [],
    attempts: [],
    mediaGets: [],
    faxRefreshes: [],
    addFax(bytes, options = {}) {
      const faxId = options.faxId ?? randomUUID();
      faxes.set(faxId, { bytes, version: 1, expired: options.expired ?? false });
      return { faxId, mediaUrl: mediaUrlOf(faxId) };
    },
    failNext: (...f) => void failures.push(...f),
    waitForSent: (count, timeoutMs = 15_000) => waitFor(() => (fake.sent.length >= count ? fake.sent : undefined), timeoutMs, `${count} text(s) at the Telnyx fake`),
    reset() {
      fake.sent.length = 0;
      fake.attempts.length = 0;
      fake.mediaGets.length = 0;
      fake.faxRefreshes.length = 0;
      failures.length = 0;
      faxes.clear();
    },
    close: () => closeServer(server, hanging),
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const url = new URL(req.url ?? '/', 'http://fake');
      const path = url.pathname;
      const media = /^\/fax-media\/([^/]+)\.pdf$/.exec(path);
      if (req.method === 'GET' && media) {
        const fax = faxes.get(media[1]);
        const current = fax && !fax.expired && url.searchParams.get('v') === String(fax.version);
        fake.mediaGets.push({ faxId: media[1], status: current ? 200 : 403, authorization: req.headers.authorization !== undefined });
        if (!current) {
          res.writeHead(403, { 'content-type': 'application/xml' });
          return res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
        }
        res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(fax.bytes.length) });
        return res.end(fax.bytes);
      }
      const faxApi = /^\/v2\/faxes\/([^/]+)(\/actions\/refresh)?$/.exec(path);
      if (faxApi) {
        if (req.headers.authorization !== `Bearer ${apiKey}`) return send(401, telnyxError('10009', 'Authentication failed'));
        const fax = faxes.get(faxApi[1]);
        if (!fax) return send(404, telnyxError('10005', 'Resource not found'));
        if (req.method === 'POST' && faxApi[2]) {
          fax.version += 1;
          fax.expired = false;
          fake.faxRefreshes.push(faxApi[1]);
          return send(200, { data: { result: 'ok' } });
        }
        if (req.method === 'GET' && !faxApi[2]) {
          return send(200, { data: { id: faxApi[1], record_type: 'fax', direction: 'inbound', status: 'received', media_url: mediaUrlOf(faxApi[1]) } });
        }
        return send(404, telnyxError('10005', 'Resource not found'));
      }
      if (req.method !== 'POST' || path !== '/v2/messages') return send(404, telnyxError('10005', 'Resource not found'));
      const authorized = req.headers.authorization === `Bearer ${apiKey}`;
      const retry = req.headers['x-stainless-retry-count'];
      fake.attempts.push({ authorized, retryCount: Array.isArray(retry) ? retry[0] : retry });
      if (!authorized) return send(401, telnyxError('10009', 'Authentication failed'));
      const failure = failures.shift();
      if (failure === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      if (failure && failure !== 'accept-then-drop') return send(failure.status, telnyxError(failure.code ?? String(failure.status), failure.title ?? 'Failure on demand'));
      let body: { from?: string; to?: string; text?: string };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return send(400, telnyxError('10015', 'Invalid JSON'));
      }
      if (!body.to || !body.text) return send(422, telnyxError('10002', 'Invalid parameter'));
      const id = randomUUID();
      fake.sent.push({ id, from: body.from ?? '', to: body.to, text: body.text, at: Date.now() });
      if (failure === 'accept-then-drop') return void res.socket?.destroy();
      send(200, {
        data: {
          id,
          record_type: 'message',
          direction: 'outbound',
          type: 'SMS',
          from: { phone_number: body.from, carrier: 'Telnyx', line_type: 'Wireless' },
          to: [{ phone_number: body.to, status: 'queued', carrier: 'TELUS', line_type: 'Wireless' }],
          text: body.text,
          parts: 1,
          encoding: 'auto',
          cost: null,
          errors: [],
        },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.baseUrl = `${origin}/v2`;
  return fake;
}

function telnyxError(code: string, title: string) {
  return { errors: [{ code, title, detail: title }] };
}

async function closeServer(server: Server, hanging: Set<ServerResponse>): Promise<void> {
  for (const res of hanging) res.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Polls `probe` every 50 ms until it answers something. */
export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Signs webhooks as Telnyx does: Ed25519 over `timestamp|raw body` (reference/telnyx.md §2.1). */
export interface TelnyxWebhookSigner {
  /** base64 of the raw 32-byte key: give it to the API as `TELNYX_PUBLIC_KEY` */
  publicKey: string;
  /** the headers of a delivery of `body` (timestamp `at`, Unix seconds; default now) */
  headers(body: string, at?: number): Record<string, string>;
}

export function telnyxWebhookSigner(): TelnyxWebhookSigner {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ type: 'spki', format: 'der' }).subarray(-32);
  return {
    publicKey: raw.toString('base64'),
    headers: (body, at = Math.floor(Date.now() / 1000)) => signedHeaders(privateKey, body, at),
  };
}

function signedHeaders(privateKey: KeyObject, body: string, at: number): Record<string, string> {
  return {
    'content-type': 'application/json',
    'telnyx-timestamp': String(at),
    'telnyx-signature-ed25519': sign(null, Buffer.from(`${at}|${body}`), privateKey).toString('base64'),
  };
}

/** A `message.received` event (an inbound text) as Telnyx sends it. */
export function inboundSmsEvent(opts: { from: string; to: string; text: string; autoresponseType?: string | null; occurredAt?: Date; id?: string }): string {
  const at = (opts.occurredAt ?? new Date()).toISOString();
  return JSON.stringify({
    data: {
      record_type: 'event',
      event_type: 'message.received',
      id: randomUUID(),
      occurred_at: at,
      payload: {
        record_type: 'message',
        direction: 'inbound',
        type: 'SMS',
        id: opts.id ?? randomUUID(),
        from: { phone_number: opts.from, carrier: 'TELUS', line_type: 'Wireless' },
        to: [{ phone_number: opts.to, status: 'webhook_delivered', carrier: 'Telnyx', line_type: 'Wireless' }],
        text: opts.text,
        autoresponse_type: opts.autoresponseType ?? null,
        media: [],
        errors: [],
        encoding: 'GSM-7',
        parts: 1,
        received_at: at,
      },
    },
    meta: { attempt: 1, delivered_to: 'http://127.0.0.1/api/telnyx/webhook' },
  });
}

/** A delivery receipt (`message.sent` or `message.finalized`) for an outbound message. */
export function deliveryReceiptEvent(opts: {
  eventType: 'message.sent' | 'message.finalized';
  messageId: string;
  status: string;
  to?: string;
  /** the sender and the words, as Telnyx's receipts carry them */
  from?: string;
  text?: string;
  errorCode?: string;
  occurredAt?: Date;
}): string {
  const at = (opts.occurredAt ?? new Date()).toISOString();
  return JSON.stringify({
    data: {
      record_type: 'event',
      event_type: opts.eventType,
      id: randomUUID(),
      occurred_at: at,
      payload: {
        record_type: 'message',
        direction: 'outbound',
        type: 'SMS',
        id: opts.messageId,
        from: { phone_number: opts.from ?? '+16045550199', carrier: 'Telnyx', line_type: 'Wireless' },
        to: [{ phone_number: opts.to ?? '+16045551234', status: opts.status, carrier: 'TELUS', line_type: 'Wireless' }],
        ...(opts.text === undefined ? {} : { text: opts.text }),
        errors: opts.errorCode ? [{ code: opts.errorCode, title: 'Undeliverable', detail: 'Carrier did not accept the message' }] : [],
        sent_at: at,
        completed_at: opts.eventType === 'message.finalized' ? at : null,
      },
    },
    meta: { attempt: 1, delivered_to: 'http://127.0.0.1/api/telnyx/webhook' },
  });
}

/** A `fax.received` event (an inbound fax whose PDF is ready) as Telnyx sends it (reference/telnyx.md §4). */
export function faxReceivedEvent(opts: { faxId: string; from: string; to: string; mediaUrl: string; pageCount?: number; occurredAt?: Date; eventType?: string }): string {
  return JSON.stringify({
    data: {
      record_type: 'event',
      event_type: opts.eventType ?? 'fax.received',
      id: randomUUID(),
      occurred_at: (opts.occurredAt ?? new Date()).toISOString(),
      payload: {
        fax_id: opts.faxId,
        connection_id: '1447842681660114324',
        direction: 'inbound',
        from: opts.from,
        to: opts.to,
        caller_id: opts.from,
        status: 'received',
        page_count: opts.pageCount ?? 1,
        partial_content: false,
        call_duration_secs: 50,
        media_url: opts.mediaUrl,
        user_id: '19a75cea-02c6-4b9a-84fa-c9bc8341feb8',
      },
    },
    meta: { attempt: 1, delivered_to: 'http://127.0.0.1/api/telnyx/webhook' },
  });
}
