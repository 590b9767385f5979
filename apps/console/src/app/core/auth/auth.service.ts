import { Injectable, computed, inject, signal } from '@angular/core';
import { AuthService as AuthApi, type LoginResponseDto, type MfaEnrolmentDto, type SessionUserDto } from '@voicedesk/api-client';
import { credentialsCall, withBearer } from '../http/api-context';
import { TOKEN_STORAGE } from './session-storage';

const REFRESH_TOKEN_KEY = 'voicedesk.refreshToken';

export type LoginOutcome =
  | { kind: 'signed-in'; user: SessionUserDto }
  | { kind: 'mfa-required'; mfaToken: string }
  | { kind: 'mfa-enrolment-required'; mfaToken: string };

interface Session {
  accessToken: string;
  refreshToken: string;
  user: SessionUserDto;
}

/**
 * The signed-in session, over the generated client's auth operations. The access token lives
 * only in memory (a signal); the refresh token in this tab's sessionStorage so a reload can
 * restore the session without asking for the password.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly api = inject(AuthApi);
  private readonly storage = inject(TOKEN_STORAGE);

  private readonly token = signal<string | null>(null);
  private readonly currentUser = signal<SessionUserDto | null>(null);
  private refreshInFlight: Promise<string> | null = null;

  readonly user = this.currentUser.asReadonly();
  readonly isSignedIn = computed(() => this.currentUser() !== null && this.token() !== null);
  readonly isPlatformAdmin = computed(() => this.currentUser()?.role === 'platform_admin');

  accessToken(): string | null {
    return this.token();
  }

  hasRefreshToken(): boolean {
    return this.storage.getItem(REFRESH_TOKEN_KEY) !== null;
  }

  async login(email: string, password: string): Promise<LoginOutcome> {
    const reply = await this.api.authLogin({ body: { email, password } }, credentialsCall());
    if (reply.mfaRequired && reply.mfaToken) {
      return { kind: 'mfa-required', mfaToken: reply.mfaToken };
    }
    if (reply.mfaEnrolmentRequired && reply.mfaToken) {
      return { kind: 'mfa-enrolment-required', mfaToken: reply.mfaToken };
    }
    const session = this.start(reply);
    return { kind: 'signed-in', user: session.user };
  }

  async verifyMfa(mfaToken: string, code: string): Promise<SessionUserDto> {
    return this.start(await this.api.authVerifyMfa({ body: { mfaToken, code } }, credentialsCall())).user;
  }

  /** A forced enrolment at sign-in: the secret to add to an authenticator app. */
  startMfaEnrolment(mfaToken: string): Promise<MfaEnrolmentDto> {
    return this.api.mfaEnrol(undefined, withBearer(mfaToken));
  }

  /** Confirms the first code; starts the session the enrolment completes. Answers the backup codes. */
  async activateMfa(mfaToken: string, code: string): Promise<string[]> {
    const reply = await this.api.mfaActivate({ body: { code } }, withBearer(mfaToken));
    if (reply.accessToken && reply.refreshToken && reply.user) {
      this.start(reply);
    }
    return reply.backupCodes;
  }

  /**
   * Exchanges the refresh token for a new pair and answers the new access token. Concurrent
   * callers share one request: the API rotates refresh tokens and treats a second use of the old
   * one as theft. A refused renewal ends the session here.
   */
  refreshAccessToken(): Promise<string> {
    this.refreshInFlight ??= this.renew().finally(() => (this.refreshInFlight = null));
    return this.refreshInFlight;
  }

  /** Run once at start-up: a reload keeps the session when this tab still holds a refresh token. */
  async restore(): Promise<void> {
    if (!this.hasRefreshToken()) {
      return;
    }
    try {
      await this.refreshAccessToken();
      const { id, email, role, clinicId, name, mustChangePassword } = await this.api.authMe();
      this.currentUser.set({ id, email, role, clinicId, name, mustChangePassword });
    } catch {
      this.clear();
    }
  }

  /**
   * Changes the signed-in user's password. The API ends every other session and answers a new
   * pair for this one; the user no longer has to choose a password.
   */
  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    const pair = await this.api.authChangePassword({ body: { currentPassword, newPassword } });
    this.token.set(pair.accessToken);
    this.storage.setItem(REFRESH_TOKEN_KEY, pair.refreshToken);
    this.currentUser.update((user) => (user ? { ...user, mustChangePassword: false } : user));
  }

  /** Revokes the session's refresh tokens on the server; the tokens are forgotten here either way. */
  async logout(): Promise<void> {
    const refreshToken = this.storage.getItem(REFRESH_TOKEN_KEY);
    try {
      if (this.token() && refreshToken) {
        await this.api.authLogout({ body: { refreshToken } });
      }
    } catch {
      // the server may already have ended the session; forgetting the tokens here is what matters
    } finally {
      this.clear();
    }
  }

  /** Forgets the session locally (expired refresh, sign-out). */
  clear(): void {
    this.token.set(null);
    this.currentUser.set(null);
    this.storage.removeItem(REFRESH_TOKEN_KEY);
  }

  private async renew(): Promise<string> {
    const refreshToken = this.storage.getItem(REFRESH_TOKEN_KEY);
    if (!refreshToken) {
      throw new Error('No refresh token: the session cannot be renewed');
    }
    try {
      const pair = await this.api.authRefresh({ body: { refreshToken } }, credentialsCall());
      this.token.set(pair.accessToken);
      this.storage.setItem(REFRESH_TOKEN_KEY, pair.refreshToken);
      return pair.accessToken;
    } catch (error) {
      this.clear();
      throw error;
    }
  }

  /** Starts a session from a reply that carries one; anything else is a broken reply. */
  private start(reply: Pick<LoginResponseDto, 'accessToken' | 'refreshToken' | 'user'>): Session {
    const { accessToken, refreshToken, user } = reply;
    if (!accessToken || !refreshToken || !user) {
      throw new Error('The sign-in reply carried no session');
    }
    this.token.set(accessToken);
    this.storage.setItem(REFRESH_TOKEN_KEY, refreshToken);
    this.currentUser.set(user);
    return { accessToken, refreshToken, user };
  }
}
