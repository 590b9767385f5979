import { HttpClient, HttpContext, HttpContextToken } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';

/*
 * The only place in the console that knows the auth routes (SPEC §12). When libs/api-client is
 * generated from the API's OpenAPI document, this file delegates to it and nothing else changes:
 * components and the session never build URLs.
 */

export type UserRole = 'platform_admin' | 'clinic_manager';

export interface SessionUser {
  id: string;
  email: string;
  role: UserRole;
  clinicId: string | null;
  name: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

export interface SignedIn extends TokenPair {
  user: SessionUser;
}

export interface MfaChallenge {
  mfaRequired: true;
  mfaToken: string;
}

/** An admin who must set up MFA before the first session (platform setting). */
export interface MfaEnrolmentChallenge {
  mfaEnrolmentRequired: true;
  mfaToken: string;
}

export type LoginReply = SignedIn | MfaChallenge | MfaEnrolmentChallenge;

export function isMfaChallenge(reply: LoginReply): reply is MfaChallenge {
  return (reply as MfaChallenge).mfaRequired === true;
}

export function isMfaEnrolmentChallenge(reply: LoginReply): reply is MfaEnrolmentChallenge {
  return (reply as MfaEnrolmentChallenge).mfaEnrolmentRequired === true;
}

export interface MfaEnrolment {
  /** for an authenticator app (a QR code) */
  otpauthUri: string;
  /** Base32, for typing in by hand */
  secret: string;
}

/** Activation answers backup codes and, after a forced enrolment at sign-in, the session. */
export interface MfaActivation extends Partial<SignedIn> {
  backupCodes: string[];
}

/**
 * Marks calls that authenticate by their body (login, MFA, refresh): the auth interceptor sends
 * them without a bearer token and never answers their 401 with a refresh.
 */
export const CREDENTIALS_CALL = new HttpContextToken<boolean>(() => false);

/** Root of the API. The generated client will take it from its ApiConfiguration instead. */
export const API_ROOT = '/api';

/** True for requests to our own API: only those may carry the access token. */
export function isApiRequest(url: string): boolean {
  return url === API_ROOT || url.startsWith(`${API_ROOT}/`);
}

@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);
  private readonly credentialsCall = { context: new HttpContext().set(CREDENTIALS_CALL, true) };

  login(email: string, password: string): Observable<LoginReply> {
    return this.http.post<LoginReply>(`${API_ROOT}/auth/login`, { email, password }, this.credentialsCall);
  }

  /** Starts MFA set-up with the short-lived token of a forced enrolment as the bearer. */
  enrolMfa(mfaToken: string): Observable<MfaEnrolment> {
    return this.http.post<MfaEnrolment>(`${API_ROOT}/auth/mfa/enrol`, {}, this.withMfaToken(mfaToken));
  }

  activateMfa(mfaToken: string, code: string): Observable<MfaActivation> {
    return this.http.post<MfaActivation>(`${API_ROOT}/auth/mfa/activate`, { code }, this.withMfaToken(mfaToken));
  }

  verifyMfa(mfaToken: string, code: string): Observable<SignedIn> {
    return this.http.post<SignedIn>(`${API_ROOT}/auth/mfa/verify`, { mfaToken, code }, this.credentialsCall);
  }

  refresh(refreshToken: string): Observable<TokenPair> {
    return this.http.post<TokenPair>(`${API_ROOT}/auth/refresh`, { refreshToken }, this.credentialsCall);
  }

  /** Revokes the refresh token's family on the server; the caller forgets the tokens either way. */
  logout(refreshToken: string | null): Observable<unknown> {
    return this.http.post(`${API_ROOT}/auth/logout`, refreshToken ? { refreshToken } : {});
  }

  me(): Observable<SessionUser> {
    return this.http.get<SessionUser>(`${API_ROOT}/auth/me`);
  }

  private withMfaToken(mfaToken: string) {
    return { ...this.credentialsCall, headers: { Authorization: `Bearer ${mfaToken}` } };
  }
}
