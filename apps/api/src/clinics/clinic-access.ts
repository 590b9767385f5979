import { ForbiddenError, UnauthenticatedError } from '../common/auth/auth-errors.js';
import { isPlatformAdmin, reachesClinic, type AuthUser } from '../common/auth/auth-user.js';
import { DomainError, NotFoundInClinicError } from '../common/errors/domain-error.js';
import { fieldLabel } from '../common/validation/field-words.js';

/**
 * Access rules of the clinic routes, checked in the services as well as by `@ClinicAccess()` /
 * `@AdminOnly()` on the routes (the guard is the first line, not the only one). A clinic manager
 * reaches only their own clinic: any other clinic id, existing or not, is "not found" (404, never
 * 403).
 */

/** 403 naming each field a manager tried to change that only a platform admin may change. */
export class AdminOnlyFieldsError extends DomainError {
  constructor(readonly fields: string[]) {
    super(
      'FORBIDDEN',
      `Only a platform admin may change: ${fields.map((field) => fieldLabel(field).label).join(', ')}`,
      fields.map((field) => ({ field, message: 'Only a platform admin may change this field' })),
    );
  }
}

export function requireActor(actor: AuthUser | undefined): AuthUser {
  if (!actor) throw new UnauthenticatedError();
  return actor;
}

/** Platform admins reach every clinic; a manager only theirs (else 404 naming nothing). */
export function assertClinicReach(actor: AuthUser | undefined, clinicId: string): AuthUser {
  const user = requireActor(actor);
  if (reachesClinic(user, clinicId)) return user;
  throw new NotFoundInClinicError('Clinic');
}

export function assertPlatformAdmin(actor: AuthUser | undefined, what: string): AuthUser {
  const user = requireActor(actor);
  if (!isPlatformAdmin(user)) throw new ForbiddenError(`Only a platform admin may ${what}`);
  return user;
}
