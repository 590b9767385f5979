import { describe, expect, it } from 'vitest';
import type { TestApp } from '../../libs/testing/src/app.js';
import { call, freshIp, signIn as apiSignIn } from '../../libs/testing/src/http.js';
import * as drive from './support/browser.js';
import { screenshot, seriousAccessibilityViolations } from './support/browser.js';
import { consoleSuite } from './support/console-suite.js';
import { type Person, UserRole, createPerson, totp, totpStep } from './support/people.js';

/*
 * The console as a person uses it, against the real API on a real PostgreSQL database: the API
 * serves the production build at `/` under its own CSP, and every user is made in the database
 * with libs/testing's factories. The forced MFA enrolment (a platform-wide setting) has its own
 * file and process: console-mfa-policy.e2e.ts.
 */

const REFRESH_TOKEN_KEY = 'voicedesk.refreshToken';
const MANAGER_NAVIGATION = ['Dashboard', 'Clinic settings', 'Hours and holidays', 'Providers', 'Waitlist', 'Call logs', 'Faxes', 'Texts', 'Tickets', 'Notifications', 'Users'];

const suite = consoleSuite({ clinic: { name: 'Harbour Family Practice', inDatabase: true } });
const { page, open } = suite;

function person(fields: { role: UserRole; clinicId?: string; firstName: string }): Promise<Person> {
  return createPerson(suite.app, fields);
}

const fillCredentials = (user: { email: string; password: string }) => drive.fillCredentials(page, user);
const signIn = (user: Person) => drive.signIn(page, user);
const navigationLinks = () => drive.navigationLinks(page);
const watchApi = (path: string) => drive.watchApi(page, path);
const goTo = (section: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: section }).click();

describe('console on the real API: sign-in', () => {
  it('shows the sign-in page to a visitor, titled and without serious accessibility problems', async () => {
    await open('/');
    await page.waitForURL('**/login?returnUrl=%2Fdashboard');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.title()).toBe('Sign in · VoiceDesk');
    expect(await page.getByLabel('Email').getAttribute('autocomplete')).toBe('username');
    await screenshot(page, 'login');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('a wrong password shows the API’s message; an email the API refuses gets its message beside the field', async () => {
    await open('/login');
    await fillCredentials({ email: suite.manager.email, password: 'not the password at all' });
    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    expect((await alert.textContent())?.trim()).toBe('Email or password is incorrect');
    expect(page.url()).toContain('/login');

    // the browser's email check accepts a dotless domain; the API does not
    await fillCredentials({ email: 'mona@localhost', password: suite.manager.password });
    await page.getByTestId('login-error').getByText('Some fields need a change: each says what to fix.').waitFor();
    const emailField = page.locator('mat-form-field', { has: page.getByLabel('Email') });
    await emailField.getByText('Email must be an email address, e.g. amy.chen@clinic.example').waitFor();
    await screenshot(page, 'login-field-error');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('a clinic manager lands on the dashboard with their clinic and the manager navigation, and cannot open admin sections by address', async () => {
    await open('/login');
    await signIn(suite.manager);
    expect(await page.getByTestId('user-role').textContent()).toBe('Clinic manager');
    expect(await page.getByTestId('signed-in-user').textContent()).toContain(suite.manager.name);
    expect(await navigationLinks()).toEqual(MANAGER_NAVIGATION);
    // loaded from GET /api/clinics/{clinicId} through the generated client
    expect(await page.getByTestId('clinic-name').textContent()).toBe(suite.clinic.name);
    expect(await page.title()).toBe('Dashboard · VoiceDesk');
    await screenshot(page, 'dashboard-manager');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // admin-only screens say so, at the address asked for (no silent redirect)
    for (const [path, title] of [['/clinics', 'Clinics'], ['/audit-log', 'Audit log']]) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByText('Only platform administrators can open this page').waitFor();
      expect(new URL(page.url()).pathname).toBe(path);
    }
  });

  it('a platform admin sees Clinics and Audit log, the clinics on the dashboard, and stays signed in on reload', async () => {
    await open('/login');
    await signIn(suite.admin);
    expect(await page.getByTestId('user-role').textContent()).toBe('Platform admin');
    const links = await navigationLinks();
    expect(links).toContain('Clinics');
    expect(links).toContain('Audit log');
    await page.getByTestId('clinic-list').getByText(suite.clinic.name).waitFor();
    await screenshot(page, 'dashboard-admin');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await goTo('Audit log');
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    expect(await page.getByRole('link', { name: 'Audit log' }).getAttribute('aria-current')).toBe('page');
    // focus follows the navigation, so keyboard and screen-reader users start on the new page
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

    // the access token lives in memory only: a reload renews it with this tab's refresh token
    const refreshes = watchApi('/api/auth/refresh');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    expect(refreshes).toEqual([{ method: 'POST', status: 200 }]);
  });

  it('an address opened while signed out is where the user lands after signing in', async () => {
    await open('/call-logs');
    await page.waitForURL('**/login?returnUrl=%2Fcall-logs');
    await fillCredentials(suite.manager);
    await page.waitForURL('**/call-logs');
    await page.getByRole('heading', { level: 1, name: 'Call logs' }).waitFor();
  });
});

describe('console on the real API: MFA', () => {
  /** Turns TOTP on for a user through the API, as they would from their profile; answers the secret. */
  async function enableMfa(app: TestApp, user: Person): Promise<{ secret: string; activatedAt: number }> {
    const session = await apiSignIn(app, user);
    const enrol = await call(app, 'POST', '/api/auth/mfa/enrol', { token: session.accessToken });
    expect(enrol.status).toBe(200);
    const activatedAt = totpStep();
    const activate = await call(app, 'POST', '/api/auth/mfa/activate', { token: session.accessToken, body: { code: await totp(enrol.body.secret) } });
    expect(activate.status).toBe(200);
    return { secret: enrol.body.secret, activatedAt };
  }

  it('an admin with MFA gets the code step, a wrong code shows the API’s message, and the current code gets them in', async () => {
    const mfaAdmin = await person({ role: UserRole.PlatformAdmin, firstName: 'Max' });
    const { secret, activatedAt } = await enableMfa(suite.app, mfaAdmin);

    await open('/login');
    await fillCredentials(mfaAdmin);
    await page.getByRole('heading', { level: 1, name: 'Two-step verification' }).waitFor();
    const code = page.getByLabel('Verification code');
    expect(await code.evaluate((element) => element === document.activeElement)).toBe(true);
    await screenshot(page, 'login-mfa');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await code.fill('000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByTestId('login-error').getByText('The code is not valid').waitFor();

    // the activation spent this step's code: a code is never accepted twice, so take the next one
    await code.fill(await totp(secret, totpStep() === activatedAt ? 1 : 0));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL('**/dashboard');
    await page.getByRole('heading', { level: 1, name: `Welcome, ${mfaAdmin.name}` }).waitFor();
    expect(await navigationLinks()).toContain('Audit log');
  });
});

describe('console on the real API: session', () => {
  it('an access token the API rejects is renewed silently: the next page loads without a sign-in, after one refresh and one retry', async () => {
    await open('/login');
    await signIn(suite.manager);
    await page.getByTestId('clinic-name').waitFor();
    await goTo('Providers');
    await page.getByRole('heading', { level: 1, name: 'Providers' }).waitFor();

    // the dashboard's next read goes out with a token whose signature is broken: the real API
    // refuses it with 401 exactly as it refuses an expired one
    const clinicPath = '/api/dashboard';
    const sent: string[] = [];
    await page.route(`**${clinicPath}`, async (route) => {
      const headers = route.request().headers();
      if (sent.length === 0) {
        const [header, payload] = headers.authorization.replace(/^Bearer /, '').split('.');
        headers.authorization = `Bearer ${header}.${payload}.${'A'.repeat(43)}`;
      }
      sent.push(headers.authorization);
      await route.continue({ headers });
    });
    const clinicAnswers = watchApi(clinicPath);
    const refreshes = watchApi('/api/auth/refresh');

    await goTo('Dashboard');
    await page.getByTestId('clinic-name').waitFor();
    expect(await page.getByTestId('clinic-name').textContent()).toBe(suite.clinic.name);
    expect(page.url()).toMatch(/\/dashboard$/);
    expect(clinicAnswers).toEqual([
      { method: 'GET', status: 401 },
      { method: 'GET', status: 200 },
    ]);
    expect(refreshes).toEqual([{ method: 'POST', status: 200 }]);
    expect(sent).toHaveLength(2);
    expect(sent[1]).not.toBe(sent[0]);
    await screenshot(page, 'dashboard-after-silent-refresh');
  });

  it('sign-out returns to the sign-in page, and the old refresh token no longer works', async () => {
    await open('/login');
    await signIn(suite.manager);
    const refreshToken = await page.evaluate((key) => sessionStorage.getItem(key), REFRESH_TOKEN_KEY);
    expect(refreshToken).toBeTruthy();
    const logouts = watchApi('/api/auth/logout');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(logouts).toEqual([{ method: 'POST', status: 204 }]);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

    const reuse = await fetch(`${suite.app.baseUrl}/api/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': freshIp() },
      body: JSON.stringify({ refreshToken }),
    });
    expect(reuse.status).toBe(401);

    await page.goto('/providers');
    await page.waitForURL('**/login?returnUrl=%2Fproviders');
  });

  it('when the dashboard cannot be loaded it says why, and Try again loads it', async () => {
    await open('/login');
    await drive.unavailableOnce(page, '**/api/dashboard', 'The database is not answering.');
    // the browser logs the 503 it is given; that one is this test's doing
    suite.current.expectedErrors.push(/status of 503/);
    await signIn(suite.manager);
    const problem = page.getByRole('alert').filter({ hasText: 'The dashboard could not be loaded' });
    await problem.getByText('The database is not answering.').waitFor();
    await screenshot(page, 'dashboard-clinic-error');

    await problem.getByRole('button', { name: 'Try again' }).click();
    expect(await page.getByTestId('clinic-name').textContent()).toBe(suite.clinic.name);
  });

  it('on a phone the navigation folds behind a menu button', async () => {
    await open('/login', { width: 390, height: 844 });
    await signIn(suite.manager);
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    const waitlist = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Waitlist' });
    expect(await waitlist.isVisible()).toBe(false);
    await menu.click();
    await page.locator('button[aria-expanded="true"]').waitFor();
    await waitlist.click();
    await page.getByRole('heading', { level: 1, name: 'Waitlist' }).waitFor();
    await waitlist.waitFor({ state: 'hidden' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await screenshot(page, 'waitlist-phone');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
