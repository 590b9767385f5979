import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import { UnauthenticatedError } from '../common/auth/auth-errors.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** Access tokens live 15 minutes: long enough for a console page, short enough to be a small risk. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/** An MFA challenge (after the password, before the code) must be finished within 5 minutes. */
export const MFA_TOKEN_TTL_SECONDS = 5 * 60;
/** A refresh token is good for 14 days after it was issued; every use rotates it. */
export const REFRESH_TOKEN_TTL_SECONDS = 14 * 24 * 3600;

/** The only algorithm signed and accepted: `alg: none`, HS512, RS256… are refused. */
export const JWT_ALGORITHM = 'HS256' as const;

export type MfaPurpose = 'mfa_verify' | 'mfa_enrol';

/** Claims of an access token besides iss/aud/exp/iat: `sub` = user id, `tv` = the user's token generation. */
export interface AccessTokenClaims {
  sub: string;
  tv: number;
}

export interface MfaTokenClaims {
  sub: string;
  tv: number;
  purpose: MfaPurpose;
}

/**
 * Signs and checks the API's tokens. Access tokens and MFA tokens share the secret but not the
 * audience (`<aud>` vs `<aud>:mfa`), so one can never be used as the other.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get mfaAudience(): string {
    return `${this.config.jwtAudience}:mfa`;
  }

  signAccessToken(user: { id: string; tokenVersion: number }): Promise<string> {
    return this.jwt.signAsync(
      { tv: user.tokenVersion },
      {
        secret: this.config.jwtSecret,
        algorithm: JWT_ALGORITHM,
        expiresIn: ACCESS_TOKEN_TTL_SECONDS,
        issuer: this.config.jwtIssuer,
        audience: this.config.jwtAudience,
        subject: user.id,
      },
    );
  }

  signMfaToken(user: { id: string; tokenVersion: number }, purpose: MfaPurpose): Promise<string> {
    return this.jwt.signAsync(
      { tv: user.tokenVersion, purpose },
      {
        secret: this.config.jwtSecret,
        algorithm: JWT_ALGORITHM,
        expiresIn: MFA_TOKEN_TTL_SECONDS,
        issuer: this.config.jwtIssuer,
        audience: this.mfaAudience,
        subject: user.id,
      },
    );
  }

  /** The claims of a valid MFA token of that purpose; anything else is the one 401. */
  async verifyMfaToken(token: string, purpose: MfaPurpose): Promise<MfaTokenClaims> {
    let claims: Partial<MfaTokenClaims>;
    try {
      claims = await this.jwt.verifyAsync<Partial<MfaTokenClaims>>(token, {
        secret: this.config.jwtSecret,
        algorithms: [JWT_ALGORITHM],
        issuer: this.config.jwtIssuer,
        audience: this.mfaAudience,
        maxAge: MFA_TOKEN_TTL_SECONDS,
      });
    } catch {
      throw new UnauthenticatedError('The sign-in step has expired or is not valid; sign in again');
    }
    if (claims.purpose !== purpose || typeof claims.sub !== 'string' || typeof claims.tv !== 'number') {
      throw new UnauthenticatedError('The sign-in step has expired or is not valid; sign in again');
    }
    return claims as MfaTokenClaims;
  }

  /** A new opaque refresh token (256 random bits) and the hash that is stored instead of it. */
  newRefreshToken(): { token: string; hash: string } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: TokenService.hashRefreshToken(token) };
  }

  static hashRefreshToken(token: string): string {
    return createHash('sha256').update(token, 'utf8').digest('hex');
  }
}
