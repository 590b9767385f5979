import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { catchError, tap, throwError, type Observable } from 'rxjs';
import { annotateAudit, isAudited, matchedRoute } from './http-audit.js';

/** Routes that sign someone in: the user in their answer is the actor (there is no `request.user` yet). */
const SIGN_IN_ACTIONS = new Set(['auth.login', 'auth.mfa_verify']);
/** Tests that answer 200 with `verified: false` when they fail: the trail records a failure, not a success. */
const TEST_ACTIONS = new Set(['emr.test_connection', 'vapi.test_connection']);

function stringField(value: unknown, key: string): string | undefined {
  const field = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return typeof field === 'string' ? field : undefined;
}

/**
 * Adds what only the handler knows to the request's audit row: the id of what it created (the
 * `id` of its answer), the user a sign-in route signed in, a connection test that did not pass,
 * and the class of an error it threw.
 * The row itself is written by `AuditMiddleware` when the response finishes, so requests refused
 * before this interceptor runs are recorded all the same.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    if (!isAudited(request.method, (request.originalUrl ?? request.url).split('?')[0])) return next.handle();
    const meta = matchedRoute(request)?.meta;
    return next.handle().pipe(
      tap((result: unknown) => {
        const id = stringField(result, 'id');
        if (id) annotateAudit(request, { resourceId: id });
        if (meta && TEST_ACTIONS.has(meta.action) && (result as { verified?: unknown } | undefined)?.verified === false) {
          annotateAudit(request, { failed: true });
        }
        if (meta && SIGN_IN_ACTIONS.has(meta.action)) {
          const user = (result as { user?: unknown } | undefined)?.user;
          const userId = stringField(user, 'id');
          const email = stringField(user, 'email');
          if (userId && email) {
            annotateAudit(request, { actor: { type: 'user', id: userId, email }, clinicId: stringField(user, 'clinicId') });
          }
        }
      }),
      catchError((error: unknown) => {
        annotateAudit(request, { errorName: error instanceof Error ? error.name : typeof error });
        return throwError(() => error);
      }),
    );
  }
}
