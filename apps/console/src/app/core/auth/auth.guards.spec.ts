import { DOCUMENT } from '@angular/common';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideLocationMocks } from '@angular/common/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { type ActivatedRouteSnapshot, type CanMatchFn, type RouterStateSnapshot, Router, UrlTree, provideRouter } from '@angular/router';
import { AuthService as AuthApi, type SessionUserDto } from '@voicedesk/api-client';
import { beforeEach, describe, expect, it } from 'vitest';
import { admin, manager } from '../../../testing/session';
import { requirePasswordChosen, requireRole, requireSignedIn, requireSignedOut, safeReturnUrl } from './auth.guards';
import { AuthService } from './auth.service';
import { TOKEN_STORAGE, memoryStorage } from './session-storage';

const route = {} as ActivatedRouteSnapshot;

describe('route guards', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideLocationMocks(),
        // no DOM in these tests: the router only needs a document for page titles
        { provide: DOCUMENT, useValue: { title: '' } },
        { provide: TOKEN_STORAGE, useFactory: memoryStorage },
      ],
    });
  });

  async function signInAs(user: SessionUserDto): Promise<void> {
    const signedIn = TestBed.inject(AuthService).login(user.email, 'secret password');
    TestBed.inject(HttpTestingController).expectOne(AuthApi.AuthLoginPath).flush({ accessToken: 'a', refreshToken: 'r', user });
    await signedIn;
  }

  function run<T>(guard: () => T): T {
    return TestBed.runInInjectionContext(guard);
  }

  function matchAdminRoute(): Promise<unknown> {
    return Promise.resolve(run(() => requireRole('platform_admin')({ path: 'clinics' }, [], {} as Parameters<CanMatchFn>[2])));
  }

  function asUrl(result: unknown): string {
    expect(result).toBeInstanceOf(UrlTree);
    return TestBed.inject(Router).serializeUrl(result as UrlTree);
  }

  it('sends a visitor to the login page, keeping the address they asked for', async () => {
    const result = await run(() => requireSignedIn(route, { url: '/call-logs?day=today' } as RouterStateSnapshot));
    expect(asUrl(result)).toBe('/login?returnUrl=%2Fcall-logs%3Fday%3Dtoday');
  });

  it('lets a signed-in user through, and keeps them off the login page', async () => {
    await signInAs(manager);
    expect(await run(() => requireSignedIn(route, { url: '/dashboard' } as RouterStateSnapshot))).toBe(true);
    expect(asUrl(await run(() => requireSignedOut(route, { url: '/login' } as RouterStateSnapshot)))).toBe('/dashboard');
  });

  it('shows the login page to a visitor', async () => {
    expect(await run(() => requireSignedOut(route, { url: '/login' } as RouterStateSnapshot))).toBe(true);
  });

  it('keeps a clinic manager out of admin-only sections without sending them elsewhere (the not-permitted route answers)', async () => {
    await signInAs(manager);
    expect(await matchAdminRoute()).toBe(false);
  });

  it('sends a user whose password was reset to choose their own before any page', async () => {
    await signInAs({ ...manager, mustChangePassword: true });
    expect(asUrl(run(() => requirePasswordChosen(route, { url: '/dashboard' } as RouterStateSnapshot)))).toBe('/change-password');
  });

  it('lets a user with a password of their own in', async () => {
    await signInAs(manager);
    expect(run(() => requirePasswordChosen(route, { url: '/dashboard' } as RouterStateSnapshot))).toBe(true);
  });

  it('lets a platform admin into admin-only sections', async () => {
    await signInAs(admin);
    expect(await matchAdminRoute()).toBe(true);
  });

  it('leaves a visitor to the sign-in guard, so the address they asked for is kept', async () => {
    expect(await matchAdminRoute()).toBe(true);
  });
});

describe('safeReturnUrl', () => {
  it('accepts addresses inside the console', () => {
    expect(safeReturnUrl('/call-logs?day=today')).toBe('/call-logs?day=today');
  });

  it.each([undefined, '', 'https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '/login?returnUrl=/x'])(
    'falls back to the dashboard for %s',
    (value) => {
      expect(safeReturnUrl(value)).toBe('/dashboard');
    },
  );
});
