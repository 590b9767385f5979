import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express, Request, Response } from 'express';
import { sendError } from '../common/errors/http-exception.filter.js';
import { RateLimitedError } from '../common/throttling/rate-limit.errors.js';
import { webhookLimiter } from '../common/throttling/rate-limit.options.js';
import { isVapiToolCall } from '../common/throttling/rate-limit.routes.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { VoiceWebhookService } from './voice-webhook.service.js';

export const VAPI_WEBHOOK_PATH = '/api/vapi/webhook';

/**
 * Serves `POST /api/vapi/webhook` straight from Express, ahead of Nest's middleware and router
 * (docs/decisions.md "Webhook hot path"). A caller is waiting on every delivery, and Nest's
 * per-request pipeline — global middleware, guards, interceptors, pipes, written for the console's
 * routes — cost as much CPU as the whole delivery did. What that pipeline gives other routes, the
 * lane does itself or does not need:
 * - access: the route is public by design (VoiceWebhookController is `@Public()`); the delivery is
 *   authenticated by its webhook secret in VoiceWebhookService;
 * - rate limit: the same `webhook` limit per clinic (webhookLimiter); a tool-calls delivery over it
 *   is answered BUSY, any other message 429 (docs/rate-limits.md);
 * - errors: the API's error shape, 5xx logged (sendError, as HttpErrorFilter);
 * - not needed: helmet's browser headers and CORS (server to server), the audit trail (webhooks are
 *   not audited), the access log line (the webhook logs each delivery itself; such lines carry no
 *   request id).
 * Body parsing (with the raw bytes for HMAC) is the app's JSON parser, mounted before the lane.
 * VoiceWebhookController still declares the route for the OpenAPI document, and answers it the
 * same way when the lane is not mounted.
 */
export function mountWebhookLane(app: NestExpressApplication): void {
  const webhook = app.get(VoiceWebhookService);
  const overLimit = webhookLimiter(app.get<AppConfig>(APP_CONFIG).rateLimits);
  const logger = new Logger('VoiceWebhookLane');
  (app.getHttpAdapter().getInstance() as Express).post(VAPI_WEBHOOK_PATH, async (request: Request & { rawBody?: Buffer }, response: Response) => {
    const receivedAt = Date.now();
    try {
      const limit = await overLimit(request);
      if (limit.over && !isVapiToolCall(request)) throw new RateLimitedError(limit.retryAfterSeconds);
      const reply = await webhook.handle({ body: request.body, rawBody: request.rawBody, headers: request.headers, overloaded: limit.over, receivedAt });
      response.status(reply.status).json(reply.body);
    } catch (error) {
      sendError(response, error, logger);
    }
  });
}
