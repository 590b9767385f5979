import { inject } from '@angular/core';
import { type CanActivateFn, type CanMatchFn, Router } from '@angular/router';
import type { UserRole } from '@voicedesk/api-client';
import { AuthService } from './auth.service';

/** Pages behind sign-in: without a session, go to the login page and come back afterwards. */
export const requireSignedIn: CanActivateFn = (_route, state) => {
  if (inject(AuthService).isSignedIn()) {
    return true;
  }
  return inject(Router).createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};

/** The login page: someone already signed in goes to the dashboard. */
export const requireSignedOut: CanActivateFn = () =>
  inject(AuthService).isSignedIn() ? inject(Router).createUrlTree(['/dashboard']) : true;

/**
 * Routes for one role only. A `canMatch` guard, so the feature's code is not even downloaded for
 * other roles; they land on the dashboard. The API enforces the same rule; this only keeps the
 * console from showing pages that would answer 403/404. Anonymous visitors pass here and are
 * stopped by `requireSignedIn` on the shell, which keeps the address they asked for.
 */
export function requireRole(role: UserRole): CanMatchFn {
  return () => {
    const user = inject(AuthService).user();
    // not signed in: let the shell's guard send them to the login page with this address
    if (!user || user.role === role) {
      return true;
    }
    return inject(Router).createUrlTree(['/dashboard']);
  };
}

/** A return address from a query string, accepted only when it stays inside the console. */
export function safeReturnUrl(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || value.startsWith('/login')) {
    return '/dashboard';
  }
  return value;
}
