import type { Request } from 'express';
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { AuthUser } from '../auth/auth-user.js';

/**
 * Which limit a request counts against, and whose counter it is. Pure functions of the request,
 * so the rules read in one place (docs/rate-limits.md explains the numbers).
 *
 * - `general`: every console/REST route, per signed-in user (per IP when anonymous).
 * - `auth`: sign-in and MFA verification, per IP and per route, on top of `general`.
 * - `refresh`: session renewal, per session (refresh-token family; an unknown token per IP), alone:
 *   a clinic's staff behind one router renew their sessions without sharing a counter.
 * - `webhook`: Vapi and Telnyx deliveries, per clinic (per IP when the payload names none);
 *   never `general`, and a Vapi `tool-calls` delivery is never refused (see overload.ts).
 * - `none`: health (probes must always get through). The docs are served outside Nest's router.
 */
export type RateLimitClass = 'general' | 'auth' | 'refresh' | 'webhook' | 'none';

const AUTH_ROUTES = new Set(['/api/auth/login', '/api/auth/mfa/verify']);
export const REFRESH_ROUTE = '/api/auth/refresh';
const WEBHOOK_ROUTES = new Set(['/api/vapi/webhook', '/api/telnyx/webhook']);
const UNLIMITED = /^\/api\/(health|docs|openapi\.json|openapi\.yaml)(\/|$)/;

export function requestPath(req: Request): string {
  const path = (req.originalUrl ?? req.url ?? '').split('?')[0];
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

export function rateLimitClass(req: Request): RateLimitClass {
  const path = requestPath(req);
  if (UNLIMITED.test(path)) return 'none';
  if (WEBHOOK_ROUTES.has(path)) return 'webhook';
  if (AUTH_ROUTES.has(path)) return 'auth';
  if (path === REFRESH_ROUTE) return 'refresh';
  return 'general';
}

/** The client address Express computed (trust proxy is set in bootstrap); IPv6 grouped by /64. */
export function clientIp(req: Request): string {
  const raw = (req.ip ?? req.socket?.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');
  if (isIP(raw) === 6) return `${raw.split(':').slice(0, 4).join(':')}::/64`;
  return raw;
}

/** `general`: the signed-in user, else the address. */
export function generalTracker(req: Request): string {
  const user = (req as Request & { user?: AuthUser }).user;
  return user?.id ? `user:${user.id}` : `ip:${clientIp(req)}`;
}

export function ipTracker(req: Request): string {
  return `ip:${clientIp(req)}`;
}

/** The refresh token a renewal presents (`{refreshToken}`), when it is a plausible one. */
export function presentedRefreshToken(req: Request): string | undefined {
  const token = at(req.body, 'refreshToken');
  return typeof token === 'string' && token.length > 0 && token.length <= 200 ? token : undefined;
}

function at(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= 100 ? value : undefined;
}

/** Telnyx names numbers as a string or `{phone_number}`, `to` sometimes as a list. */
function telnyxNumber(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return text(first) ?? text(at(first, 'phone_number'));
}

/**
 * Which clinic a webhook delivery is for, from what the payload says cheaply (no database, no
 * network: the limit must not cost more than the request). Vapi: the explicit clinic override,
 * else the number dialled, else its phone-number id; Telnyx: our number (the recipient of an
 * inbound message or fax, the sender of a delivery receipt). Else the sender's address. Keys are
 * hashed: phone numbers never sit in memory as counter names.
 */
export function webhookTracker(req: Request): string {
  const body: unknown = req.body;
  const message = at(body, 'message');
  const vapi =
    text(at(message, 'metadata', 'clinicId')) ??
    text(at(message, 'assistant', 'metadata', 'clinicId')) ??
    text(at(message, 'call', 'assistantOverrides', 'metadata', 'clinicId'));
  const line =
    text(at(message, 'phoneNumber', 'number')) ??
    text(at(message, 'call', 'phoneNumber', 'number')) ??
    text(at(message, 'phoneNumber', 'id')) ??
    text(at(message, 'call', 'phoneNumberId'));
  const payload = at(body, 'data', 'payload');
  const telnyx = payload
    ? at(payload, 'direction') === 'outbound'
      ? telnyxNumber(at(payload, 'from'))
      : telnyxNumber(at(payload, 'to'))
    : undefined;
  const clinic = vapi ? `clinic:${vapi}` : line ? `line:${line}` : telnyx ? `line:${telnyx}` : undefined;
  if (!clinic) return ipTracker(req);
  return `clinic:${createHash('sha256').update(clinic).digest('base64url').slice(0, 22)}`;
}

/** A Vapi delivery that asks for tool results: the caller is waiting on the line. */
export function isVapiToolCall(req: Request): boolean {
  return requestPath(req) === '/api/vapi/webhook' && at(req.body, 'message', 'type') === 'tool-calls';
}
