import { inject } from '@angular/core';
import { type CanActivateFn, type CanMatchFn, Router } from '@angular/router';
import type { UserRole } from '@voicedesk/api-client';
import { AuthService } from './auth.service';

/** Pages behind sign-in: without a session, go to the login page and come back afterwards. */
export const requireSignedIn: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  // a reload whose session renewal waits for the API (429) is still signed in: wait with it
  await auth.whenRestored();
  if (auth.isSignedIn()) {
    return true;
  }
  return router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};

/** The login page: someone already signed in goes to the dashboard. */
export const requireSignedOut: CanActivateFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  await auth.whenRestored();
  return auth.isSignedIn() ? router.createUrlTree(['/dashboard']) : true;
};

/**
 * Routes for one role only. A `canMatch` guard, so the feature's code is not even downloaded for
 * other roles: the route does not match, and the next route of the same path (`notPermittedRoute`)
 * tells them so at the address they asked for — never a silent redirect. The API enforces the same
 * rule; this only keeps the console from showing pages that would answer 403/404. Anonymous
 * visitors pass here and are stopped by `requireSignedIn` on the shell, which keeps the address.
 */
export function requireRole(role: UserRole): CanMatchFn {
  return async () => {
    const auth = inject(AuthService);
    await auth.whenRestored();
    const user = auth.user();
    // not signed in: let the shell's guard send them to the login page with this address
    return !user || user.role === role;
  };
}

/**
 * A user whose password an admin reset must choose their own before anything else: every page of
 * the shell leads to the change-password page until they have.
 */
export const requirePasswordChosen: CanActivateFn = () =>
  inject(AuthService).user()?.mustChangePassword ? inject(Router).createUrlTree(['/change-password']) : true;

/** A return address from a query string, accepted only when it stays inside the console. */
export function safeReturnUrl(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || value.startsWith('/login')) {
    return '/dashboard';
  }
  return value;
}
