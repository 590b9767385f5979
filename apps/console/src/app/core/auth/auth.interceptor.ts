import { HttpErrorResponse, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { ApiConfiguration } from '@voicedesk/api-client';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { CREDENTIALS_CALL, EXPLICIT_BEARER, isApiRequest } from '../http/api-context';
import { AuthService } from './auth.service';

/**
 * Adds the access token to the generated client's calls to our API and, when the API answers 401
 * because the token has expired, renews it silently and repeats the call once. The repeat goes
 * straight to `next`, so a second 401 reaches the caller instead of starting another renewal.
 * The renewal itself is marked `CREDENTIALS_CALL` and passes through untouched, so a refused
 * refresh can never trigger another refresh. If renewal fails the session is over: the tokens
 * are forgotten and the user goes to the login page (and back afterwards).
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  if (!isApiRequest(request.url, inject(ApiConfiguration).rootUrl) || request.context.get(CREDENTIALS_CALL)) {
    return next(request);
  }
  const explicitBearer = request.context.get(EXPLICIT_BEARER);
  if (explicitBearer) {
    return next(withBearer(request, explicitBearer));
  }
  const auth = inject(AuthService);
  const router = inject(Router);
  const sentToken = auth.accessToken();

  return next(withBearer(request, sentToken)).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401) {
        return throwError(() => error);
      }
      const repeat = (token: string) => next(withBearer(request, token));

      // another call renewed the token while this one was in flight: repeat it with the new one
      const current = auth.accessToken();
      if (current && current !== sentToken) {
        return repeat(current);
      }
      if (!auth.hasRefreshToken()) {
        return throwError(() => error);
      }
      return from(auth.refreshAccessToken()).pipe(
        catchError(() => {
          auth.clear();
          void router.navigate(['/login'], { queryParams: { returnUrl: router.url, reason: 'expired' } });
          return throwError(() => error);
        }),
        switchMap(repeat),
      );
    }),
  );
};

function withBearer(request: HttpRequest<unknown>, token: string | null): HttpRequest<unknown> {
  return token ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request;
}
