import { HttpClient, HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { AuthService as AuthApi, ClinicsService, UsersService, provideApiConfiguration } from '@voicedesk/api-client';
import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { manager, settle, unauthorized } from '../../../testing/session';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';
import { TOKEN_STORAGE, memoryStorage } from './session-storage';

const CLINICS = ClinicsService.ClinicsListPath;
const USERS = UsersService.UsersListPath;

/** The interceptor as the console uses it: under the generated client's services. */
describe('authInterceptor', () => {
  let backend: HttpTestingController;
  let auth: AuthService;
  let clinics: ClinicsService;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideApiConfiguration(''),
        // the real Router wants a DOM; the interceptor only reads the address and navigates
        { provide: Router, useValue: { url: '/providers', navigate: vi.fn().mockResolvedValue(true) } },
        { provide: TOKEN_STORAGE, useFactory: memoryStorage },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthService);
    clinics = TestBed.inject(ClinicsService);
    await signIn('access-1', 'refresh-1');
  });

  afterEach(() => backend.verify());

  async function signIn(accessToken: string, refreshToken: string): Promise<void> {
    const signedIn = auth.login(manager.email, 'secret password');
    backend.expectOne(AuthApi.AuthLoginPath).flush({ accessToken, refreshToken, user: manager });
    await signedIn;
  }

  it('sends the access token with the generated client’s calls, and to nobody else', async () => {
    const ours = clinics.clinicsList();
    const request = backend.expectOne(CLINICS);
    expect(request.request.headers.get('Authorization')).toBe('Bearer access-1');
    request.flush({ items: [], nextCursor: null });
    await ours;

    const theirs = firstValueFrom(TestBed.inject(HttpClient).get('https://elsewhere.example/x'));
    const elsewhere = backend.expectOne('https://elsewhere.example/x');
    expect(elsewhere.request.headers.has('Authorization')).toBe(false);
    elsewhere.flush({});
    await theirs;
  });

  it('sends login, MFA and refresh calls without a bearer token', async () => {
    const again = auth.login(manager.email, 'secret password');
    const login = backend.expectOne(AuthApi.AuthLoginPath);
    expect(login.request.headers.has('Authorization')).toBe(false);
    login.flush({ mfaRequired: true, mfaToken: 'm1' });
    await again;
  });

  it('renews an expired token silently and repeats the call once with the new token', async () => {
    const result = clinics.clinicsList();
    backend.expectOne(CLINICS).flush(null, unauthorized);

    const refresh = backend.expectOne(AuthApi.AuthRefreshPath);
    expect(refresh.request.body).toEqual({ refreshToken: 'refresh-1' });
    expect(refresh.request.headers.has('Authorization')).toBe(false);
    refresh.flush({ accessToken: 'access-2', refreshToken: 'refresh-2' });
    await settle();

    const repeated = backend.expectOne(CLINICS);
    expect(repeated.request.headers.get('Authorization')).toBe('Bearer access-2');
    repeated.flush({ items: [], nextCursor: null });

    await expect(result).resolves.toEqual({ items: [], nextCursor: null });
    expect(auth.accessToken()).toBe('access-2');
    expect(TestBed.inject(TOKEN_STORAGE).getItem('voicedesk.refreshToken')).toBe('refresh-2');
  });

  it('renews only once when several calls fail together (the API rotates refresh tokens)', async () => {
    const first = clinics.clinicsList();
    const second = TestBed.inject(UsersService).usersList();
    backend.expectOne(CLINICS).flush(null, unauthorized);
    backend.expectOne(USERS).flush(null, unauthorized);

    backend.expectOne(AuthApi.AuthRefreshPath).flush({ accessToken: 'access-2', refreshToken: 'refresh-2' });
    await settle();

    for (const url of [CLINICS, USERS]) {
      const repeated = backend.expectOne(url);
      expect(repeated.request.headers.get('Authorization')).toBe('Bearer access-2');
      repeated.flush({ items: [{ url }], nextCursor: null });
    }
    await expect(first).resolves.toEqual({ items: [{ url: CLINICS }], nextCursor: null });
    await expect(second).resolves.toEqual({ items: [{ url: USERS }], nextCursor: null });
  });

  it('a call that fails after another call renewed the token is repeated with the new token, without a second renewal', async () => {
    const late = clinics.clinicsList();
    const early = TestBed.inject(UsersService).usersList();
    backend.expectOne(USERS).flush(null, unauthorized);
    backend.expectOne(AuthApi.AuthRefreshPath).flush({ accessToken: 'access-2', refreshToken: 'refresh-2' });
    await settle();
    backend.expectOne(USERS).flush({ items: [], nextCursor: null });
    await early;

    // sent with access-1 before the renewal, refused after it
    backend.expectOne(CLINICS).flush(null, unauthorized);
    const repeated = backend.expectOne(CLINICS);
    expect(repeated.request.headers.get('Authorization')).toBe('Bearer access-2');
    repeated.flush({ items: [], nextCursor: null });
    await late;
    backend.expectNone(AuthApi.AuthRefreshPath);
  });

  it('gives the caller the second 401 instead of renewing again', async () => {
    const result = clinics.clinicsList();
    backend.expectOne(CLINICS).flush(null, unauthorized);
    backend.expectOne(AuthApi.AuthRefreshPath).flush({ accessToken: 'access-2', refreshToken: 'refresh-2' });
    await settle();
    backend.expectOne(CLINICS).flush({ message: 'still no' }, unauthorized);

    const error = await result.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpErrorResponse);
    expect((error as HttpErrorResponse).status).toBe(401);
    backend.expectNone(AuthApi.AuthRefreshPath);
  });

  it('a refused renewal is not itself renewed: the session ends and the user goes to the login page', async () => {
    const { navigate } = TestBed.inject(Router);
    const result = clinics.clinicsList();
    backend.expectOne(CLINICS).flush(null, unauthorized);
    backend.expectOne(AuthApi.AuthRefreshPath).flush({ message: 'Your session has ended.' }, unauthorized);

    const error = await result.catch((caught: unknown) => caught);
    expect((error as HttpErrorResponse).status).toBe(401);
    backend.expectNone(AuthApi.AuthRefreshPath);
    expect(auth.isSignedIn()).toBe(false);
    expect(auth.hasRefreshToken()).toBe(false);
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { returnUrl: '/providers', reason: 'expired' } });
  });

  it('leaves other errors alone', async () => {
    const result = clinics.clinicsList();
    backend.expectOne(CLINICS).flush({ message: 'nope' }, { status: 403, statusText: 'Forbidden' });
    expect(((await result.catch((caught: unknown) => caught)) as HttpErrorResponse).status).toBe(403);
    backend.expectNone(AuthApi.AuthRefreshPath);
  });
});
