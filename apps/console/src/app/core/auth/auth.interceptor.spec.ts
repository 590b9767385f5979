import { HttpClient, HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../api/auth-api.service';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';
import { TOKEN_STORAGE, memoryStorage } from './session-storage';

const manager: SessionUser = { id: 'u1', email: 'mona@clinic.test', role: 'clinic_manager', clinicId: 'c1', name: 'Mona' };
const unauthorized = { status: 401, statusText: 'Unauthorized' };

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let auth: AuthService;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        // the real Router wants a DOM; the interceptor only reads the address and navigates
        { provide: Router, useValue: { url: '/providers', navigate: vi.fn().mockResolvedValue(true) } },
        { provide: TOKEN_STORAGE, useFactory: memoryStorage },
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthService);
    await signIn('access-1', 'refresh-1');
  });

  afterEach(() => backend.verify());

  async function signIn(accessToken: string, refreshToken: string): Promise<void> {
    const signedIn = auth.login(manager.email, 'secret password');
    backend.expectOne('/api/auth/login').flush({ accessToken, refreshToken, user: manager });
    await signedIn;
  }

  function get(url = '/api/clinics/c1/providers'): Promise<unknown> {
    return firstValueFrom(http.get(url));
  }

  it('sends the access token to the API, and to nobody else', async () => {
    const ours = get();
    const request = backend.expectOne('/api/clinics/c1/providers');
    expect(request.request.headers.get('Authorization')).toBe('Bearer access-1');
    request.flush({ items: [] });
    await ours;

    const theirs = get('https://elsewhere.example/api/x');
    const elsewhere = backend.expectOne('https://elsewhere.example/api/x');
    expect(elsewhere.request.headers.has('Authorization')).toBe(false);
    elsewhere.flush({});
    await theirs;
  });

  it('sends login, MFA and refresh calls without a bearer token', async () => {
    const again = auth.login(manager.email, 'secret password');
    const login = backend.expectOne('/api/auth/login');
    expect(login.request.headers.has('Authorization')).toBe(false);
    login.flush({ mfaRequired: true, mfaToken: 'm1' });
    await again;
  });

  it('renews an expired token silently and repeats the call once with the new token', async () => {
    const result = get();
    backend.expectOne('/api/clinics/c1/providers').flush(null, unauthorized);

    const refresh = backend.expectOne('/api/auth/refresh');
    expect(refresh.request.body).toEqual({ refreshToken: 'refresh-1' });
    expect(refresh.request.headers.has('Authorization')).toBe(false);
    refresh.flush({ accessToken: 'access-2', refreshToken: 'refresh-2' });
    await Promise.resolve();

    const repeated = backend.expectOne('/api/clinics/c1/providers');
    expect(repeated.request.headers.get('Authorization')).toBe('Bearer access-2');
    repeated.flush({ items: ['ok'] });

    await expect(result).resolves.toEqual({ items: ['ok'] });
    expect(auth.accessToken()).toBe('access-2');
    expect(TestBed.inject(TOKEN_STORAGE).getItem('voicedesk.refreshToken')).toBe('refresh-2');
  });

  it('renews only once when several calls fail together (the API rotates refresh tokens)', async () => {
    const first = get('/api/a');
    const second = get('/api/b');
    backend.expectOne('/api/a').flush(null, unauthorized);
    backend.expectOne('/api/b').flush(null, unauthorized);

    backend.expectOne('/api/auth/refresh').flush({ accessToken: 'access-2', refreshToken: 'refresh-2' });
    await Promise.resolve();

    for (const url of ['/api/a', '/api/b']) {
      const repeated = backend.expectOne(url);
      expect(repeated.request.headers.get('Authorization')).toBe('Bearer access-2');
      repeated.flush({ url });
    }
    await expect(first).resolves.toEqual({ url: '/api/a' });
    await expect(second).resolves.toEqual({ url: '/api/b' });
  });

  it('gives the caller the second 401 instead of renewing again', async () => {
    const result = get();
    backend.expectOne('/api/clinics/c1/providers').flush(null, unauthorized);
    backend.expectOne('/api/auth/refresh').flush({ accessToken: 'access-2', refreshToken: 'refresh-2' });
    await Promise.resolve();
    backend.expectOne('/api/clinics/c1/providers').flush({ message: 'still no' }, unauthorized);

    const error = await result.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpErrorResponse);
    expect((error as HttpErrorResponse).status).toBe(401);
    backend.expectNone('/api/auth/refresh');
  });

  it('ends the session and goes to the login page when the renewal is refused', async () => {
    const { navigate } = TestBed.inject(Router);
    const result = get();
    backend.expectOne('/api/clinics/c1/providers').flush(null, unauthorized);
    backend.expectOne('/api/auth/refresh').flush({ message: 'Your session has ended.' }, unauthorized);

    const error = await result.catch((caught: unknown) => caught);
    expect((error as HttpErrorResponse).status).toBe(401);
    expect(auth.isSignedIn()).toBe(false);
    expect(auth.hasRefreshToken()).toBe(false);
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { returnUrl: '/providers', reason: 'expired' } });
  });

  it('leaves other errors alone', async () => {
    const result = get();
    backend.expectOne('/api/clinics/c1/providers').flush({ message: 'nope' }, { status: 403, statusText: 'Forbidden' });
    expect(((await result.catch((caught: unknown) => caught)) as HttpErrorResponse).status).toBe(403);
    backend.expectNone('/api/auth/refresh');
  });
});
