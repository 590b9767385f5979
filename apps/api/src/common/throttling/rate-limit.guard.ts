import { Injectable, Logger, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import type { AuthUser } from '../auth/auth-user.js';
import { IS_PUBLIC } from '../auth/public.decorator.js';
import { markOverloaded } from './overload.js';
import { RateLimitedError } from './rate-limit.errors.js';
import { isVapiToolCall, rateLimitClass } from './rate-limit.routes.js';

/**
 * The global rate limit (APP_GUARD, registered after the access guard so that a signed-in
 * caller is counted per user: global guards run in registration order). Limits and trackers:
 * rate-limit.options.ts; what counts where: rate-limit.routes.ts; docs/rate-limits.md.
 *
 * Over the limit: 429 in the API's error shape with `Retry-After` (seconds) — except a Vapi
 * `tool-calls` delivery, which passes flagged as overloaded (overload.ts) so the webhook can
 * answer a spoken BUSY result with 200.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  private readonly orderLogger = new Logger('RateLimitGuard');
  private orderWarned = false;

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    if (rateLimitClass(req) === 'none') return true;
    this.checkGuardOrder(context, req);
    return false;
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    // the base guard has set `Retry-After-<throttler>`; the API answers one plain `Retry-After`
    for (const name of res.getHeaderNames()) if (name.startsWith('retry-after-')) res.removeHeader(name);
    if (isVapiToolCall(req)) {
      markOverloaded(req);
      return;
    }
    throw new RateLimitedError(detail.timeToBlockExpire || detail.timeToExpire || 60);
  }

  /** A protected route that reaches this guard without a user means the guards run in the wrong order. */
  private checkGuardOrder(context: ExecutionContext, req: Request & { user?: AuthUser }): void {
    if (this.orderWarned || req.user) return;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return;
    this.orderWarned = true;
    this.orderLogger.error('Rate limiting runs before the access guard: signed-in users are counted per IP. Register ThrottlingModule after AuthModule.');
  }
}
