import type { AuditAction, AuditLogDto, AuditOutcome } from '@voicedesk/api-client';

/** Every audit action (a Record, so a new action in the API's vocabulary fails the type check here). */
export const AUDIT_ACTION_LABELS: Readonly<Record<AuditAction, string>> = {
  'clinic.create': 'Clinic created', 'clinic.update': 'Clinic changed', 'clinic.activate': 'Clinic activated',
  'config.update': 'Settings changed', 'hours.update': 'Hours changed', 'holiday.create': 'Holiday added', 'holiday.import': 'Statutory holidays imported', 'holiday.delete': 'Holiday deleted',
  'onboarding.update': 'Onboarding changed', 'onboarding.complete': 'Onboarding completed',
  'waitlist.create': 'Waitlist entry added', 'waitlist.update': 'Waitlist entry changed', 'waitlist.delete': 'Waitlist entry removed',
  'provider.update': 'Provider changed', 'providers.sync': 'Providers synced', 'emr.test_connection': 'EMR connection tested',
  'emr.pull_config': 'OSCAR config pulled', 'user.create': 'User created', 'user.update': 'User changed', 'user.deactivate': 'User deactivated', 'user.password_reset': 'Password reset by an admin', 'vapi.test_connection': 'Vapi connection tested',
  'auth.login': 'Signed in', 'auth.login_failed': 'Sign-in failed', 'auth.logout': 'Signed out', 'auth.refresh': 'Session renewed',
  'auth.password_change': 'Password changed', 'auth.mfa_enrol': 'MFA enrolment started', 'auth.mfa_activate': 'MFA turned on',
  'auth.mfa_disable': 'MFA turned off', 'auth.mfa_verify': 'MFA code checked', 'platform_settings.update': 'Platform settings changed',
  'ticket.create': 'Ticket created', 'ticket.update': 'Ticket changed', 'ticket_message.create': 'Ticket message added',
  'notification.read': 'Notification read', 'fax.upload': 'Fax uploaded', 'fax.update': 'Fax changed', 'fax.verify': 'Fax verified', 'fax.reject': 'Fax rejected', 'fax.view': 'Fax viewed',
  'retention.run': 'Retention run', 'encryption_key.rotate': 'Encryption key rotated', 'request.post': 'Other request (POST)', 'request.put': 'Other request (PUT)',
  'request.patch': 'Other request (PATCH)', 'request.delete': 'Other request (DELETE)',
};

export const AUDIT_OUTCOME_LABELS: Readonly<Record<AuditOutcome, string>> = { success: 'Success', denied: 'Denied', failure: 'Failed', error: 'Error' };

export interface AuditFilter {
  clinicId: string;
  action: AuditAction | '';
  outcome: AuditOutcome | '';
  /** YYYY-MM-DD, inclusive */
  from: string;
  /** YYYY-MM-DD, inclusive */
  to: string;
}

export const NO_FILTER: AuditFilter = { clinicId: '', action: '', outcome: '', from: '', to: '' };

/**
 * The API's query from the screen's filters (also the CSV export's). Dates are the viewer's
 * calendar days: `from` is that day's local midnight, `to` the next day's (the API's `to` is
 * exclusive), sent as instants.
 */
export function auditQuery(filter: AuditFilter): { clinicId?: string; action?: AuditAction; outcome?: AuditOutcome; from?: string; to?: string } {
  return {
    clinicId: filter.clinicId || undefined,
    action: filter.action || undefined,
    outcome: filter.outcome || undefined,
    from: filter.from ? localMidnight(filter.from, 0) : undefined,
    to: filter.to ? localMidnight(filter.to, 1) : undefined,
  };
}

function localMidnight(date: string, plusDays: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, m - 1, d + plusDays).toISOString();
}

/** Who did it, in words. */
export function actorOf(row: Pick<AuditLogDto, 'actorType' | 'userEmail'>): string {
  if (row.userEmail) return row.userEmail;
  return row.actorType === 'system' ? 'VoiceDesk (job)' : row.actorType === 'anonymous' ? 'Not signed in' : 'A user';
}

/** `audit-log-2026-11-23.csv` */
export function exportFileName(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `audit-log-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.csv`;
}
