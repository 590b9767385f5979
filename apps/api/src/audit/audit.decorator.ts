import { SetMetadata } from '@nestjs/common';
import type { AuditAction } from './audit-vocabulary.js';

export const AUDIT_METADATA = 'voicedesk:audit';

export interface AuditRouteOptions {
  /** action recorded instead when the request is refused or fails (e.g. `auth.login_failed`) */
  onFailure?: AuditAction;
  /** resource name when the path does not say it well (default: the path without ids, e.g. `clinics/holidays`) */
  resource?: string;
}

export interface AuditRouteMetadata extends AuditRouteOptions {
  action: AuditAction;
}

/**
 * Names the audit action of a mutating route: `@Audit('holiday.create')`. Every POST, PUT, PATCH
 * and DELETE of the console API is recorded whether or not it has one (refused and failed ones
 * too), but without it the row only says `request.post`, and the route inventory test fails.
 *
 * ```ts
 * @Post() @ClinicAccess() @Audit('holiday.create')
 * @Post('login') @Public() @Audit('auth.login', { onFailure: 'auth.login_failed' })
 * ```
 */
export const Audit = (action: AuditAction, options: AuditRouteOptions = {}) =>
  SetMetadata<string, AuditRouteMetadata>(AUDIT_METADATA, { action, ...options });
