import { Injectable, computed, inject, signal } from '@angular/core';
import { Observable, finalize, firstValueFrom, map, share, tap, throwError } from 'rxjs';
import { AuthApi, type MfaEnrolment, type SessionUser, type SignedIn, isMfaChallenge, isMfaEnrolmentChallenge } from '../api/auth-api.service';
import { TOKEN_STORAGE } from './session-storage';

const REFRESH_TOKEN_KEY = 'voicedesk.refreshToken';

export type LoginOutcome =
  | { kind: 'signed-in'; user: SessionUser }
  | { kind: 'mfa-required'; mfaToken: string }
  | { kind: 'mfa-enrolment-required'; mfaToken: string };

/**
 * The signed-in session. The access token lives only in memory (a signal); the refresh token in
 * this tab's sessionStorage so a reload can restore the session without asking for the password.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly api = inject(AuthApi);
  private readonly storage = inject(TOKEN_STORAGE);

  private readonly token = signal<string | null>(null);
  private readonly currentUser = signal<SessionUser | null>(null);
  private refreshInFlight: Observable<string> | null = null;

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
    const reply = await firstValueFrom(this.api.login(email, password));
    if (isMfaChallenge(reply)) {
      return { kind: 'mfa-required', mfaToken: reply.mfaToken };
    }
    if (isMfaEnrolmentChallenge(reply)) {
      return { kind: 'mfa-enrolment-required', mfaToken: reply.mfaToken };
    }
    this.start(reply);
    return { kind: 'signed-in', user: reply.user };
  }

  async verifyMfa(mfaToken: string, code: string): Promise<SessionUser> {
    const reply = await firstValueFrom(this.api.verifyMfa(mfaToken, code));
    this.start(reply);
    return reply.user;
  }

  /** A forced enrolment at sign-in: the secret to add to an authenticator app. */
  startMfaEnrolment(mfaToken: string): Promise<MfaEnrolment> {
    return firstValueFrom(this.api.enrolMfa(mfaToken));
  }

  /** Confirms the first code; starts the session the enrolment completes. Answers the backup codes. */
  async activateMfa(mfaToken: string, code: string): Promise<string[]> {
    const { backupCodes, accessToken, refreshToken, user } = await firstValueFrom(this.api.activateMfa(mfaToken, code));
    if (accessToken && refreshToken && user) {
      this.start({ accessToken, refreshToken, user });
    }
    return backupCodes;
  }

  /**
   * Exchanges the refresh token for a new pair. Concurrent callers share one request: the API
   * rotates refresh tokens and treats a second use of the old one as theft.
   */
  refreshAccessToken(): Observable<string> {
    if (this.refreshInFlight) {
      return this.refreshInFlight;
    }
    const refreshToken = this.storage.getItem(REFRESH_TOKEN_KEY);
    if (!refreshToken) {
      return throwError(() => new Error('No refresh token: the session cannot be renewed'));
    }
    this.refreshInFlight = this.api.refresh(refreshToken).pipe(
      tap({
        next: (pair) => {
          this.token.set(pair.accessToken);
          this.storage.setItem(REFRESH_TOKEN_KEY, pair.refreshToken);
        },
        error: () => this.clear(),
      }),
      map((pair) => pair.accessToken),
      finalize(() => (this.refreshInFlight = null)),
      share(),
    );
    return this.refreshInFlight;
  }

  /** Run once at start-up: a reload keeps the session when this tab still holds a refresh token. */
  async restore(): Promise<void> {
    if (!this.hasRefreshToken()) {
      return;
    }
    try {
      await firstValueFrom(this.refreshAccessToken());
      this.currentUser.set(await firstValueFrom(this.api.me()));
    } catch {
      this.clear();
    }
  }

  async logout(): Promise<void> {
    const refreshToken = this.storage.getItem(REFRESH_TOKEN_KEY);
    try {
      if (this.token()) {
        await firstValueFrom(this.api.logout(refreshToken));
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

  private start(reply: SignedIn): void {
    this.token.set(reply.accessToken);
    this.storage.setItem(REFRESH_TOKEN_KEY, reply.refreshToken);
    this.currentUser.set(reply.user);
  }
}
