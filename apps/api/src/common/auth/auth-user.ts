import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { UserRole } from '../../database/enums.js';

/** Who is calling, as the JWT guard puts it on `request.user`. Never read identity from a body. */
export interface AuthUser {
  id: string;
  email: string;
  role: UserRole;
  /** null for platform admins */
  clinicId: string | null;
}

export type AuthenticatedRequest = Request & { user?: AuthUser };

/** The signed-in user of the request (the global guard has made sure there is one). */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser | undefined => {
  return context.switchToHttp().getRequest<AuthenticatedRequest>().user;
});

export function isPlatformAdmin(user: AuthUser | undefined): boolean {
  return user?.role === UserRole.PlatformAdmin;
}
