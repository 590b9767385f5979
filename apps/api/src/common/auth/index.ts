/**
 * Auth building blocks for every feature module: the access-level decorators, the current user,
 * and the errors the guard answers. See access.decorators.ts for how routes use them.
 */
export { AdminOnly, ClinicAccess, SignedIn, ACCESS_RULE, type AccessLevel, type AccessRule } from './access.decorators.js';
export { AccessGuard, ACCESS_TOKEN_STRATEGY, MFA_ENROLMENT_TOKEN_STRATEGY } from './access.guard.js';
export { ForbiddenError, TooManyAttemptsError, UnauthenticatedError } from './auth-errors.js';
export { CurrentUser, isPlatformAdmin, reachesClinic, type AuthenticatedRequest, type AuthUser } from './auth-user.js';
export { IS_PUBLIC, Public } from './public.decorator.js';
