import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Request } from 'express';
import { createHash } from 'node:crypto';
import type { RateLimitConfig } from '../../config/app-config.js';
import { generalTracker, ipTracker, presentedRefreshToken, rateLimitClass, requestPath, webhookTracker } from './rate-limit.routes.js';
import { SlidingWindowThrottlerStorage } from './sliding-window.storage.js';

const MINUTE_MS = 60_000;

function request(context: ExecutionContext): Request {
  return context.switchToHttp().getRequest<Request>();
}

/** Counter name: the throttler, the route when the limit is per route, and the tracker (hashed). */
function key(name: string, scope: string, tracker: string): string {
  return createHash('sha256').update(`${name}|${scope}|${tracker}`).digest('base64url');
}

/** The session (refresh-token family) a refresh token belongs to, or null for a token never issued. */
export type RefreshFamilyLookup = (refreshToken: string) => Promise<string | null>;

/** Whose `refresh` counter a renewal counts on, and its limit. */
interface RefreshCounter {
  tracker: string;
  limit: number;
}

const REFRESH_COUNTER = Symbol('voicedesk.refreshCounter');

/**
 * A renewal presenting a token we issued counts on its session (every rotation of one sign-in
 * shares the family), at `refreshPerMinute`; any other (unknown or missing token) counts on the
 * address at the sign-in limit, so guessing tokens stays as slow as guessing passwords. Looked up
 * once per request (the tracker and the limit both need it).
 */
function refreshCounter(req: Request, limits: RateLimitConfig, familyOf: RefreshFamilyLookup): Promise<RefreshCounter> {
  const memo = req as Request & { [REFRESH_COUNTER]?: Promise<RefreshCounter> };
  memo[REFRESH_COUNTER] ??= (async () => {
    const token = presentedRefreshToken(req);
    const family = token ? await familyOf(token) : null;
    return family ? { tracker: `family:${family}`, limit: limits.refreshPerMinute } : { tracker: ipTracker(req), limit: limits.authPerMinute };
  })();
  return memo[REFRESH_COUNTER];
}

/**
 * The limits (requests per minute, sliding window: `blockDuration: 0` counts the hits of the
 * last 60 s, and a refused request does not count). `general` is one counter per client across
 * every route; `auth` and `webhook` count per route; `refresh` per session (refreshCounter).
 */
export function throttlerOptions(limits: RateLimitConfig, familyOf: RefreshFamilyLookup): ThrottlerModuleOptions {
  return {
    throttlers: [
      {
        name: 'default',
        ttl: MINUTE_MS,
        limit: limits.generalPerMinute,
        blockDuration: 0,
        skipIf: (context) => !['general', 'auth'].includes(rateLimitClass(request(context))),
        getTracker: (req) => generalTracker(req as Request),
        generateKey: (_context, tracker, name) => key(name, '*', tracker),
      },
      {
        name: 'auth',
        ttl: MINUTE_MS,
        limit: limits.authPerMinute,
        blockDuration: 0,
        skipIf: (context) => rateLimitClass(request(context)) !== 'auth',
        getTracker: (req) => ipTracker(req as Request),
        generateKey: (context, tracker, name) => key(name, requestPath(request(context)), tracker),
      },
      {
        name: 'refresh',
        ttl: MINUTE_MS,
        limit: async (context) => (await refreshCounter(request(context), limits, familyOf)).limit,
        blockDuration: 0,
        skipIf: (context) => rateLimitClass(request(context)) !== 'refresh',
        getTracker: async (req) => (await refreshCounter(req as Request, limits, familyOf)).tracker,
        generateKey: (_context, tracker, name) => key(name, '*', tracker),
      },
      {
        name: 'webhook',
        ttl: MINUTE_MS,
        limit: limits.webhookPerMinute,
        blockDuration: 0,
        skipIf: (context) => rateLimitClass(request(context)) !== 'webhook',
        getTracker: (req) => webhookTracker(req as Request),
        generateKey: (context, tracker, name) => key(name, requestPath(request(context)), tracker),
      },
    ],
  };
}

/** A webhook delivery within its limit, or over it with the seconds until it may come again. */
export type WebhookLimitVerdict = { over: false } | { over: true; retryAfterSeconds: number };

/**
 * The `webhook` limit as one call, for a route served outside the global guard (the Vapi webhook's
 * lane, voice-webhook/webhook-lane.ts): the same counter name, window and limit as the guard's
 * `webhook` throttler, in counters of its own (the guard never sees that route's requests).
 */
export function webhookLimiter(limits: RateLimitConfig, storage = new SlidingWindowThrottlerStorage()): (req: Request) => Promise<WebhookLimitVerdict> {
  return async (req) => {
    const counted = await storage.increment(key('webhook', requestPath(req), webhookTracker(req)), MINUTE_MS, limits.webhookPerMinute, 0, 'webhook');
    return counted.isBlocked ? { over: true, retryAfterSeconds: counted.timeToBlockExpire } : { over: false };
  };
}
