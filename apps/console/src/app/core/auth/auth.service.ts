import { HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { AuthService as AuthApi, type LoginResponseDto, type MfaEnrolmentDto, type SessionUserDto } from '@voicedesk/api-client';
import { credentialsCall, withBearer } from '../http/api-context';
import { TOKEN_STORAGE } from './session-storage';

const REFRESH_TOKEN_KEY = 'voicedesk.refreshToken';
/** How long to wait when the API refuses a renewal with 429 and says nothing (seconds). */
const DEFAULT_RETRY_SECONDS = 5;

/** The wait a 429 asks for (`Retry-After`, seconds), between 1 and 60; null for any other answer. */
export function retryAfterSeconds(error: unknown): number | null {
  if (!(error instanceof HttpErrorResponse) || error.status !== 429) return null;
  const header = Number(error.headers?.get('Retry-After'));
  return Number.isFinite(header) && header > 0 ? Math.min(60, Math.ceil(header)) : DEFAULT_RETRY_SECONDS;
}

/** What the console says while a renewal waits out a 429: the session is kept. */
export function renewalWaitNotice(seconds: number): string {
  return `Your session is being renewed too often (many reloads in a minute). You stay signed in; trying again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
}

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
 * restore the session without asking for the password. A renewal the API refuses with 429 (too
 * many in a minute) never ends the session: it waits as long as the API asks, says so in
 * `notice`, and tries again.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly api = inject(AuthApi);
  private readonly storage = inject(TOKEN_STORAGE);

  private readonly token = signal<string | null>(null);
  private readonly currentUser = signal<SessionUserDto | null>(null);
  private refreshInFlight: Promise<string> | null = null;
  private restoring: Promise<void> | null = null;
  private onRenewalWait: (() => void) | null = null;
  private readonly waitNotice = signal<string | null>(null);

  /** A sentence for the top of the page while a renewal waits for the API (429), else null. */
  readonly notice = this.waitNotice.asReadonly();

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

  /**
   * Run once at start-up: a reload keeps the session when this tab still holds a refresh token.
   * Answers once the session is back (or gone) — or as soon as the renewal has to wait for the
   * API (429), so the console can start and say so; the route guards wait for `whenRestored()`.
   */
  async restore(): Promise<void> {
    if (!this.hasRefreshToken()) {
      return;
    }
    const waiting = new Promise<void>((resolve) => (this.onRenewalWait = resolve));
    this.restoring = this.resume().finally(() => {
      this.restoring = null;
      this.onRenewalWait = null;
    });
    await Promise.race([this.restoring, waiting]);
  }

  /** Resolves when the start-up restore has finished (at once when there is none). */
  whenRestored(): Promise<void> {
    return this.restoring ?? Promise.resolve();
  }

  private async resume(): Promise<void> {
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

  /** One renewal; a 429 is waited out (as long as the API asks) and tried again, never an end of the session. */
  private async renew(): Promise<string> {
    for (;;) {
      const refreshToken = this.storage.getItem(REFRESH_TOKEN_KEY);
      if (!refreshToken) {
        this.waitNotice.set(null);
        throw new Error('No refresh token: the session cannot be renewed');
      }
      try {
        const pair = await this.api.authRefresh({ body: { refreshToken } }, credentialsCall());
        this.token.set(pair.accessToken);
        this.storage.setItem(REFRESH_TOKEN_KEY, pair.refreshToken);
        this.waitNotice.set(null);
        return pair.accessToken;
      } catch (error) {
        const seconds = retryAfterSeconds(error);
        if (seconds === null) {
          this.waitNotice.set(null);
          this.clear();
          throw error;
        }
        this.waitNotice.set(renewalWaitNotice(seconds));
        this.onRenewalWait?.();
        await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      }
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
