import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { NotFoundInClinicError } from '../errors/domain-error.js';
import { ACCESS_RULE, type AccessRule } from './access.decorators.js';
import { ForbiddenError, UnauthenticatedError } from './auth-errors.js';
import { isPlatformAdmin, reachesClinic, type AuthenticatedRequest, type AuthUser } from './auth-user.js';
import { IS_PUBLIC } from './public.decorator.js';

/** Passport strategy names (registered by the auth module). */
export const ACCESS_TOKEN_STRATEGY = 'jwt';
export const MFA_ENROLMENT_TOKEN_STRATEGY = 'mfa-enrolment';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Runs passport and turns every failure into the one 401 of the API (never passport's own text). */
function passportGuard(strategies: string[]) {
  return class extends AuthGuard(strategies) {
    override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
      if (error || !user) throw new UnauthenticatedError();
      return user;
    }
  };
}

const AccessTokenOnly = passportGuard([ACCESS_TOKEN_STRATEGY]);
const AccessOrEnrolmentToken = passportGuard([ACCESS_TOKEN_STRATEGY, MFA_ENROLMENT_TOKEN_STRATEGY]);

/**
 * The global guard (APP_GUARD): deny by default. A route passes without a token only when marked
 * `@Public()`; otherwise it needs a valid access token (HS256, our issuer and audience, not
 * expired, user still active, token generation current — checked by the strategy), and then the
 * level set by `@SignedIn()` / `@AdminOnly()` / `@ClinicAccess()` (see access.decorators.ts).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly accessTokenOnly = new AccessTokenOnly();
  private readonly accessOrEnrolmentToken = new AccessOrEnrolmentToken();

  constructor(private readonly reflector: Reflector) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, targets) ?? { level: 'signedIn' };

    const passport = rule.allowMfaEnrolment ? this.accessOrEnrolmentToken : this.accessTokenOnly;
    await passport.canActivate(context);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const user = request.user;
    if (!user) throw new UnauthenticatedError();
    if (user.session !== 'access' && !rule.allowMfaEnrolment) throw new UnauthenticatedError();

    switch (rule.level) {
      case 'signedIn':
        return true;
      case 'admin':
        if (!isPlatformAdmin(user)) throw new ForbiddenError('Only platform admins can do this');
        return true;
      case 'clinic':
        this.checkClinic(user, request);
        return true;
    }
  }

  private checkClinic(user: AuthUser, request: AuthenticatedRequest): void {
    const clinicId = request.params?.clinicId;
    if (typeof clinicId !== 'string') {
      throw new Error(`@ClinicAccess() on a route without :clinicId (${request.method} ${request.route?.path ?? ''})`);
    }
    // a malformed id is a clinic that does not exist; a manager's other clinics do not exist either
    if (!UUID.test(clinicId)) throw new NotFoundInClinicError('Clinic');
    if (!reachesClinic(user, clinicId)) throw new NotFoundInClinicError('Clinic');
    // the route's clinic wins over one sent in the body: the body's is dropped before validation
    // (so DTOs need not declare it and a stray one is never used)
    const body = request.body as Record<string, unknown> | undefined;
    if (body && typeof body === 'object' && !Array.isArray(body) && Object.hasOwn(body, 'clinicId')) {
      delete body.clinicId;
    }
  }
}
