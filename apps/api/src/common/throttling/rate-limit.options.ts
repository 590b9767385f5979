import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Request } from 'express';
import { createHash } from 'node:crypto';
import type { RateLimitConfig } from '../../config/app-config.js';
import { generalTracker, ipTracker, rateLimitClass, requestPath, webhookTracker } from './rate-limit.routes.js';

const MINUTE_MS = 60_000;

function request(context: ExecutionContext): Request {
  return context.switchToHttp().getRequest<Request>();
}

/** Counter name: the throttler, the route when the limit is per route, and the tracker (hashed). */
function key(name: string, scope: string, tracker: string): string {
  return createHash('sha256').update(`${name}|${scope}|${tracker}`).digest('base64url');
}

/**
 * The three limits (requests per minute, sliding window: `blockDuration: 0` counts the hits of the
 * last 60 s, and a refused request does not count). `general` is one counter per client across
 * every route; `auth` and `webhook` count per route.
 */
export function throttlerOptions(limits: RateLimitConfig): ThrottlerModuleOptions {
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
