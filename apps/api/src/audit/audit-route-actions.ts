import type { AuditRouteMetadata } from './audit.decorator.js';

/**
 * Actions of mutating routes by route pattern, for handlers that carry no `@Audit(...)` (an
 * `@Audit` on the handler wins). Path parameters are matched by position, not name, so
 * `/clinics/:clinicId/holidays/:id` and `…/:holidayId` are the same route. A mutating route in
 * neither place is recorded as `request.<method>` and fails the route inventory test.
 */
const ROUTES: Record<string, AuditRouteMetadata> = {
  // sign-in and sessions
  'POST /api/auth/login': { action: 'auth.login', onFailure: 'auth.login_failed' },
  'POST /api/auth/mfa/verify': { action: 'auth.mfa_verify', onFailure: 'auth.login_failed' },
  'POST /api/auth/refresh': { action: 'auth.refresh' },
  'POST /api/auth/logout': { action: 'auth.logout' },
  'POST /api/auth/password': { action: 'auth.password_change' },
  'POST /api/auth/mfa/enrol': { action: 'auth.mfa_enrol' },
  'POST /api/auth/mfa/activate': { action: 'auth.mfa_activate' },
  'POST /api/auth/mfa/disable': { action: 'auth.mfa_disable' },
  'PUT /api/platform/settings': { action: 'platform_settings.update' },
  'PATCH /api/platform/settings': { action: 'platform_settings.update' },
  // users
  'POST /api/users': { action: 'user.create' },
  'PATCH /api/users/:': { action: 'user.update' },
  'PUT /api/users/:': { action: 'user.update' },
  'DELETE /api/users/:': { action: 'user.deactivate' },
  'POST /api/users/:/reset-password': { action: 'user.password_reset' },
  // clinics
  'POST /api/clinics': { action: 'clinic.create' },
  'PATCH /api/clinics/:': { action: 'clinic.update' },
  'POST /api/clinics/:/activate': { action: 'clinic.activate' },
  'PUT /api/clinics/:/config': { action: 'config.update' },
  'PATCH /api/clinics/:/config': { action: 'config.update' },
  'PUT /api/clinics/:/hours': { action: 'hours.update' },
  'POST /api/clinics/:/holidays': { action: 'holiday.create' },
  'POST /api/clinics/:/holidays/import': { action: 'holiday.import' },
  'DELETE /api/clinics/:/holidays/:': { action: 'holiday.delete' },
  'PUT /api/clinics/:/onboarding': { action: 'onboarding.update' },
  'PATCH /api/clinics/:/onboarding': { action: 'onboarding.update' },
  'POST /api/clinics/:/onboarding/complete': { action: 'onboarding.complete' },
  'POST /api/clinics/:/waitlist': { action: 'waitlist.create' },
  'PATCH /api/clinics/:/waitlist/:': { action: 'waitlist.update' },
  'DELETE /api/clinics/:/waitlist/:': { action: 'waitlist.delete' },
  // providers and the EMR
  'PATCH /api/clinics/:/providers/:': { action: 'provider.update' },
  'PUT /api/clinics/:/providers/:': { action: 'provider.update' },
  'POST /api/clinics/:/providers/sync': { action: 'providers.sync' },
  'POST /api/clinics/:/emr/test-connection': { action: 'emr.test_connection' },
  'POST /api/clinics/:/emr/pull-config': { action: 'emr.pull_config' },
  'POST /api/clinics/:/vapi/test-connection': { action: 'vapi.test_connection' },
};

/** `POST /api/clinics/:clinicId/holidays/:id` → `POST /api/clinics/:/holidays/:` */
export function routeKey(method: string, pattern: string): string {
  return `${method.toUpperCase()} ${pattern.replace(/:[A-Za-z0-9_]+/g, ':').replace(/\/+$/, '')}`;
}

export function actionForRoute(method: string, pattern: string): AuditRouteMetadata | undefined {
  return ROUTES[routeKey(method, pattern)];
}
