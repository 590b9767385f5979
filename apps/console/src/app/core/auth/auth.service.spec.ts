import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { AuthService as AuthApi } from '@voicedesk/api-client';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { manager, settle, unauthorized } from '../../../testing/session';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';
import { TOKEN_STORAGE, memoryStorage } from './session-storage';

const KEY = 'voicedesk.refreshToken';

describe('AuthService', () => {
  let auth: AuthService;
  let backend: HttpTestingController;
  let storage: ReturnType<typeof memoryStorage>;

  beforeEach(() => {
    storage = memoryStorage();
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        { provide: Router, useValue: { url: '/', navigate: vi.fn() } },
        { provide: TOKEN_STORAGE, useValue: storage },
      ],
    });
    auth = TestBed.inject(AuthService);
    backend = TestBed.inject(HttpTestingController);
  });

  it('keeps the access token in memory and only the refresh token in storage', async () => {
    const signedIn = auth.login(manager.email, 'pw');
    backend.expectOne(AuthApi.AuthLoginPath).flush({ accessToken: 'a1', refreshToken: 'r1', user: manager });
    await expect(signedIn).resolves.toEqual({ kind: 'signed-in', user: manager });
    expect(auth.isSignedIn()).toBe(true);
    expect(auth.user()).toEqual(manager);
    expect(storage.getItem(KEY)).toBe('r1');
    expect(JSON.stringify([storage.getItem(KEY)])).not.toContain('a1');
  });

  it('reports the MFA step without starting a session', async () => {
    const attempt = auth.login(manager.email, 'pw');
    backend.expectOne(AuthApi.AuthLoginPath).flush({ mfaRequired: true, mfaToken: 'm1' });
    await expect(attempt).resolves.toEqual({ kind: 'mfa-required', mfaToken: 'm1' });
    expect(auth.isSignedIn()).toBe(false);

    const verified = auth.verifyMfa('m1', '123456');
    const verify = backend.expectOne(AuthApi.AuthVerifyMfaPath);
    expect(verify.request.body).toEqual({ mfaToken: 'm1', code: '123456' });
    verify.flush({ accessToken: 'a1', refreshToken: 'r1', user: manager });
    await verified;
    expect(auth.isSignedIn()).toBe(true);
  });

  it('restores the session after a reload from the refresh token of this tab', async () => {
    storage.setItem(KEY, 'r1');
    const restored = auth.restore();
    backend.expectOne(AuthApi.AuthRefreshPath).flush({ accessToken: 'a2', refreshToken: 'r2' });
    await settle();
    const me = backend.expectOne(AuthApi.AuthMePath);
    expect(me.request.headers.get('Authorization')).toBe('Bearer a2');
    me.flush(manager);
    await restored;
    expect(auth.user()).toEqual(manager);
    expect(storage.getItem(KEY)).toBe('r2');
  });

  it('keeps the session when a renewal is refused with 429: says so, waits the Retry-After, and tries again', async () => {
    vi.useFakeTimers();
    try {
      storage.setItem(KEY, 'r1');
      const restored = auth.restore();
      backend
        .expectOne(AuthApi.AuthRefreshPath)
        .flush({ statusCode: 429, message: 'Too many requests. Try again in 7 seconds.' }, { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '7' } });
      // the console starts and says why it waits; the session is not dropped
      await restored;
      expect(auth.notice()).toContain('trying again in 7 seconds');
      expect(storage.getItem(KEY)).toBe('r1');
      let settled = false;
      void auth.whenRestored().then(() => (settled = true));

      await vi.advanceTimersByTimeAsync(6_900);
      backend.expectNone(AuthApi.AuthRefreshPath);
      await vi.advanceTimersByTimeAsync(100);
      backend.expectOne(AuthApi.AuthRefreshPath).flush({ accessToken: 'a2', refreshToken: 'r2' });
      await vi.advanceTimersByTimeAsync(0);
      backend.expectOne(AuthApi.AuthMePath).flush(manager);
      await vi.advanceTimersByTimeAsync(0);
      expect(settled).toBe(true);
      expect(auth.user()).toEqual(manager);
      expect(auth.notice()).toBeNull();
      expect(storage.getItem(KEY)).toBe('r2');
    } finally {
      vi.useRealTimers();
    }
  });

  it('forgets a refresh token the API no longer accepts', async () => {
    storage.setItem(KEY, 'stale');
    const restored = auth.restore();
    backend.expectOne(AuthApi.AuthRefreshPath).flush({ message: 'expired' }, unauthorized);
    await restored;
    expect(auth.isSignedIn()).toBe(false);
    expect(storage.getItem(KEY)).toBeNull();
  });

  it('signs out on the server with the refresh token, and forgets the session even if that fails', async () => {
    const signedIn = auth.login(manager.email, 'pw');
    backend.expectOne(AuthApi.AuthLoginPath).flush({ accessToken: 'a1', refreshToken: 'r1', user: manager });
    await signedIn;

    const signedOut = auth.logout();
    const logout = backend.expectOne(AuthApi.AuthLogoutPath);
    expect(logout.request.body).toEqual({ refreshToken: 'r1' });
    expect(logout.request.headers.get('Authorization')).toBe('Bearer a1');
    logout.flush({ message: 'boom' }, { status: 500, statusText: 'Server Error' });
    await signedOut;
    expect(auth.isSignedIn()).toBe(false);
    expect(storage.getItem(KEY)).toBeNull();
  });

  it('walks a forced MFA enrolment with the mfaToken as bearer, and starts the session it completes', async () => {
    const attempt = auth.login(manager.email, 'pw');
    backend.expectOne(AuthApi.AuthLoginPath).flush({ mfaEnrolmentRequired: true, mfaToken: 'e1' });
    await expect(attempt).resolves.toEqual({ kind: 'mfa-enrolment-required', mfaToken: 'e1' });

    const enrolment = auth.startMfaEnrolment('e1');
    const enrol = backend.expectOne(AuthApi.MfaEnrolPath);
    expect(enrol.request.headers.get('Authorization')).toBe('Bearer e1');
    enrol.flush({ otpauthUri: 'otpauth://totp/x', secret: 'ABCD' });
    await expect(enrolment).resolves.toEqual({ otpauthUri: 'otpauth://totp/x', secret: 'ABCD' });

    const activated = auth.activateMfa('e1', '123456');
    const activate = backend.expectOne(AuthApi.MfaActivatePath);
    expect(activate.request.headers.get('Authorization')).toBe('Bearer e1');
    expect(activate.request.body).toEqual({ code: '123456' });
    activate.flush({ backupCodes: ['aaaaa-bbbbb'], accessToken: 'a1', refreshToken: 'r1', user: manager });
    await expect(activated).resolves.toEqual(['aaaaa-bbbbb']);
    expect(auth.isSignedIn()).toBe(true);
  });

  it('does not try to renew the session when an expired MFA token is refused', async () => {
    storage.setItem(KEY, 'r-from-an-older-session');
    const enrolment = auth.startMfaEnrolment('expired');
    backend.expectOne(AuthApi.MfaEnrolPath).flush({ message: 'expired' }, unauthorized);
    await expect(enrolment).rejects.toMatchObject({ status: 401 });
    backend.expectNone(AuthApi.AuthRefreshPath);
  });
});

