import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { DomainError } from '../common/errors/domain-error.js';

/** 401: no credential, or none carries an accepted secret. Never says which secret was expected. */
export class WebhookUnauthorizedError extends DomainError {
  constructor() {
    super('UNAUTHENTICATED', 'Webhook credentials missing or not accepted');
  }
}

/** HMAC signatures older (or newer) than this are refused (SPEC §4). */
export const HMAC_WINDOW_MS = 5 * 60 * 1000;

export interface PresentedCredentials {
  /** secrets sent as they are: `Authorization: Bearer`, `X-Vapi-Secret`, `X-API-Key` */
  tokens: string[];
  /** `x-signature` (hex, optional `sha256=`) over `<x-timestamp>.<raw body>` */
  hmac: { signature: string; timestamp: string } | null;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text?.trim() ? text.trim() : undefined;
}

/** Every credential the request carries (any one accepted is enough). */
export function presentedCredentials(headers: IncomingHttpHeaders): PresentedCredentials {
  const tokens: string[] = [];
  const bearer = /^Bearer\s+(.+)$/i.exec(header(headers, 'authorization') ?? '');
  if (bearer) tokens.push(bearer[1].trim());
  for (const name of ['x-vapi-secret', 'x-api-key']) {
    const value = header(headers, name);
    if (value) tokens.push(value);
  }
  const signature = header(headers, 'x-signature');
  const timestamp = header(headers, 'x-timestamp');
  return { tokens, hmac: signature && timestamp ? { signature, timestamp } : null };
}

export function hasCredentials(presented: PresentedCredentials): boolean {
  return presented.tokens.length > 0 || presented.hmac !== null;
}

/** Equal-length digests compared in constant time: the time says nothing about the secret or its length. */
function sameSecret(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** `x-timestamp` in seconds (10 digits) or milliseconds (13 digits), as epoch ms; null otherwise. */
export function timestampMs(text: string): number | null {
  if (/^\d{10}$/.test(text)) return Number(text) * 1000;
  if (/^\d{13}$/.test(text)) return Number(text);
  return null;
}

/** Hex HMAC-SHA256 of `<timestamp>.<raw body>`: what Vapi's HMAC credential sends by default. */
export function hmacSignature(secret: string, timestamp: string, rawBody: Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(rawBody).digest('hex');
}

function validHmac(presented: NonNullable<PresentedCredentials['hmac']>, secret: string, rawBody: Buffer | undefined, now: number): boolean {
  const ts = timestampMs(presented.timestamp);
  if (ts === null || Math.abs(now - ts) > HMAC_WINDOW_MS || !rawBody) return false;
  const hex = presented.signature.replace(/^sha256=/i, '');
  if (!/^[0-9a-f]{64}$/i.test(hex)) return false;
  const expected = Buffer.from(hmacSignature(secret, presented.timestamp, rawBody), 'hex');
  return timingSafeEqual(Buffer.from(hex, 'hex'), expected);
}

/** True when any presented credential carries `secret` (every candidate is checked: no early exit on the token list). */
export function acceptsSecret(presented: PresentedCredentials, secret: string, rawBody: Buffer | undefined, now = Date.now()): boolean {
  let ok = false;
  for (const token of presented.tokens) ok = sameSecret(token, secret) || ok;
  if (presented.hmac) ok = validHmac(presented.hmac, secret, rawBody, now) || ok;
  return ok;
}
