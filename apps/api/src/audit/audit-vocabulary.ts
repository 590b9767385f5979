import { AuditOutcome } from '../database/enums.js';

/**
 * The closed vocabulary of the audit trail. Every row's `action` is one of these strings, so the
 * log can be filtered and reasoned about ("who changed clinic X's config?") without parsing
 * paths. A new mutating route adds its verb here and names it with `@Audit('…')` on the handler;
 * `request.post|put|patch|delete` are only the fallback for a route that forgot (the route
 * inventory test fails on those).
 */
export const AUDIT_ACTIONS = [
  // clinics and their settings
  'clinic.create',
  'clinic.update',
  'clinic.activate',
  'config.update',
  'hours.update',
  'holiday.create',
  'holiday.import',
  'holiday.delete',
  'onboarding.update',
  'onboarding.complete',
  'waitlist.create',
  'waitlist.update',
  'waitlist.delete',
  // providers and the EMR
  'provider.update',
  'providers.sync',
  'emr.test_connection',
  'emr.pull_config',
  'vapi.test_connection',
  // users and sessions
  'user.create',
  'user.update',
  'user.deactivate',
  'user.password_reset',
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.refresh',
  'auth.password_change',
  'auth.mfa_enrol',
  'auth.mfa_activate',
  'auth.mfa_disable',
  'auth.mfa_verify',
  'platform_settings.update',
  // support, notifications, fax
  'ticket.create',
  'ticket.update',
  'ticket_message.create',
  'notification.read',
  'fax.upload',
  'fax.update',
  'fax.verify',
  'fax.reject',
  'fax.view',
  // jobs and operations commands (system actor)
  'retention.run',
  'encryption_key.rotate',
  // fallbacks for a mutating route without @Audit (never chosen on purpose)
  'request.post',
  'request.put',
  'request.patch',
  'request.delete',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const ACTION_SET: ReadonlySet<string> = new Set(AUDIT_ACTIONS);

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && ACTION_SET.has(value);
}

/** The fallback verbs: a route that ends up with one of these has no `@Audit` action. */
export function isFallbackAction(action: string): boolean {
  return action.startsWith('request.');
}

export const MUTATING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function fallbackAction(method: string): AuditAction {
  const action = `request.${method.toLowerCase()}`;
  return isAuditAction(action) ? action : 'request.post';
}

/**
 * Outcome of a request from its status code. `denied`: the caller was refused (no valid session,
 * role not allowed, rate limited); `failure`: the request itself was wrong (invalid, not found,
 * conflict); `error`: our side failed.
 */
export function outcomeForStatus(statusCode: number): AuditOutcome {
  if (statusCode < 400) return AuditOutcome.Success;
  if (statusCode === 401 || statusCode === 403 || statusCode === 429) return AuditOutcome.Denied;
  if (statusCode < 500) return AuditOutcome.Failure;
  return AuditOutcome.Error;
}

export { AuditOutcome };
export const AUDIT_OUTCOMES = Object.values(AuditOutcome) as AuditOutcome[];
