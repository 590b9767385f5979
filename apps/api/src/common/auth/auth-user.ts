import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { UserRole } from '../../database/enums.js';

/** Who is calling, as the access guard puts it on `request.user`. Never read identity from a body. */
export interface AuthUser {
  id: string;
  email: string;
  role: UserRole;
  /** null for platform admins */
  clinicId: string | null;
  /**
   * `access`: a normal session. `mfa_enrolment`: the short-lived token login answers to an admin
   * who must set up MFA first; it opens only routes marked `@SignedIn({ allowMfaEnrolment: true })`.
   */
  session: 'access' | 'mfa_enrolment';
}

export type AuthenticatedRequest = Request & { user?: AuthUser };

/** The signed-in user of the request (the global guard has made sure there is one). */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser | undefined => {
  return context.switchToHttp().getRequest<AuthenticatedRequest>().user;
});

export function isPlatformAdmin(user: AuthUser | undefined): boolean {
  return user?.role === UserRole.PlatformAdmin;
}

/** The one rule of clinic reach: a platform admin reaches every clinic, a clinic manager only their own. */
export function reachesClinic(user: AuthUser, clinicId: string): boolean {
  return isPlatformAdmin(user) || (user.role === UserRole.ClinicManager && user.clinicId !== null && user.clinicId === clinicId);
}
