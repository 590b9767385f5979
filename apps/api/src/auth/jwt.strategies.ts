import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { InjectDataSource } from '@nestjs/typeorm';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { DataSource } from 'typeorm';
import { ACCESS_TOKEN_STRATEGY, MFA_ENROLMENT_TOKEN_STRATEGY } from '../common/auth/access.guard.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { UserRole } from '../database/enums.js';
import { ACCESS_TOKEN_TTL_SECONDS, JWT_ALGORITHM, MFA_TOKEN_TTL_SECONDS } from './token.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface SessionRow {
  id: string;
  email: string;
  role: UserRole;
  clinic_id: string | null;
  is_active: boolean;
  token_version: number;
}

/**
 * The per-request check behind every access token: one primary-key lookup that refuses a
 * deactivated user and a token of an older generation (password changed, user deactivated,
 * sessions revoked), so those stop working at once, not when the token expires.
 */
async function sessionUser(
  dataSource: DataSource,
  payload: { sub?: unknown; tv?: unknown },
  session: AuthUser['session'],
): Promise<AuthUser | false> {
  if (typeof payload.sub !== 'string' || !UUID.test(payload.sub) || typeof payload.tv !== 'number') return false;
  const rows: SessionRow[] = await dataSource.query(
    `SELECT id, email, role, clinic_id, is_active, token_version FROM users WHERE id = $1`,
    [payload.sub],
  );
  const row = rows[0];
  if (!row || !row.is_active || row.token_version !== payload.tv) return false;
  return { id: row.id, email: row.email, role: row.role, clinicId: row.clinic_id, session };
}

/** Access tokens: `Authorization: Bearer`, HS256 only, our issuer and audience, at most 15 minutes old. */
@Injectable()
export class AccessTokenStrategy extends PassportStrategy(Strategy, ACCESS_TOKEN_STRATEGY) {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwtSecret,
      algorithms: [JWT_ALGORITHM],
      issuer: config.jwtIssuer,
      audience: config.jwtAudience,
      ignoreExpiration: false,
      jsonWebTokenOptions: { maxAge: `${ACCESS_TOKEN_TTL_SECONDS}s` },
    });
  }

  validate(payload: { sub?: unknown; tv?: unknown }): Promise<AuthUser | false> {
    return sessionUser(this.dataSource, payload, 'access');
  }
}

/**
 * The MFA enrolment token login answers to a platform admin who must set up MFA first (when the
 * platform requires it). Accepted only by routes marked `@SignedIn({ allowMfaEnrolment: true })`.
 */
@Injectable()
export class MfaEnrolmentTokenStrategy extends PassportStrategy(Strategy, MFA_ENROLMENT_TOKEN_STRATEGY) {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwtSecret,
      algorithms: [JWT_ALGORITHM],
      issuer: config.jwtIssuer,
      audience: `${config.jwtAudience}:mfa`,
      ignoreExpiration: false,
      jsonWebTokenOptions: { maxAge: `${MFA_TOKEN_TTL_SECONDS}s` },
    });
  }

  validate(payload: { sub?: unknown; tv?: unknown; purpose?: unknown }): Promise<AuthUser | false> {
    if (payload.purpose !== 'mfa_enrol') return Promise.resolve(false);
    return sessionUser(this.dataSource, payload, 'mfa_enrolment');
  }
}
