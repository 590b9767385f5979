import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AXE_PATH, type ConsoleServer, startConsoleServer } from './support/console-server.js';
import { BACKUP_CODES, ENROLMENT_CODE, ENROLMENT_SECRET, type FakeUser, USERS } from './support/fake-auth-api.js';

const SCREENSHOTS = resolve(import.meta.dirname, '../screenshots');

let server: ConsoleServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** console errors and CSP violations; a page should produce none beyond the API's expected 4xx */
let consoleErrors: string[];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startConsoleServer();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openConsole(path = '/', viewport = { width: 1280, height: 800 }): Promise<Page> {
  context = await browser.newContext({ viewport, baseURL: server.url, reducedMotion: 'reduce' });
  page = await context.newPage();
  consoleErrors = [];
  page.on('console', (message) => {
    // a failed sign-in is a 4xx answer, which Chromium logs as a resource error: that one is expected
    if (message.type() === 'error' && !/status of 40[01]/.test(message.text())) consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(path);
  return page;
}

afterEach(async () => {
  await context?.close();
  expect(consoleErrors, 'browser console errors').toEqual([]);
});

async function fillCredentials(user: Pick<FakeUser, 'email' | 'password'>): Promise<void> {
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function signIn(user: FakeUser): Promise<void> {
  await fillCredentials(user);
  await page.waitForURL('**/dashboard');
  await page.getByRole('heading', { level: 1, name: `Welcome, ${user.name}` }).waitFor();
}

async function navigationLinks(): Promise<string[]> {
  const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
  await links.first().waitFor();
  return (await links.allTextContents()).map((text) => text.trim());
}

async function seriousAccessibilityViolations(): Promise<string[]> {
  await page.addScriptTag({ url: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, targets: nodes.map((node) => node.target.join(' ')) }));
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} (${violation.targets.join(', ')})`);
}

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
}

describe('console shell', () => {
  it('shows the sign-in page to a visitor, titled and without serious accessibility problems', async () => {
    await openConsole('/');
    await page.waitForURL('**/login?returnUrl=%2Fdashboard');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.title()).toBe('Sign in · VoiceDesk');
    expect(await page.getByLabel('Email').getAttribute('autocomplete')).toBe('username');
    await screenshot('login');
    expect(await seriousAccessibilityViolations()).toEqual([]);
  });

  it('a wrong password shows the API’s message, and the API’s field errors appear beside their fields', async () => {
    await openConsole('/login');
    await fillCredentials({ email: USERS.admin.email, password: 'not the password' });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.textContent())?.trim()).toBe('Email or password is incorrect.');
    expect(page.url()).toContain('/login');

    await fillCredentials({ email: USERS.admin.email, password: 'short' });
    await page.getByText('Some fields need attention.').waitFor();
    const passwordField = page.locator('mat-form-field', { has: page.getByLabel('Password') });
    await passwordField.getByText('password must be at least 8 characters long').waitFor();
    await screenshot('login-field-error');
    expect(await seriousAccessibilityViolations()).toEqual([]);
  });

  it('a platform admin lands on the dashboard, sees their name and the admin sections, and stays signed in on reload', async () => {
    await openConsole('/login');
    await signIn(USERS.admin);
    expect(await page.getByTestId('signed-in-user').textContent()).toContain('Ada Admin');
    expect(await page.getByTestId('user-role').textContent()).toBe('Platform admin');
    const links = await navigationLinks();
    expect(links).toContain('Clinics');
    expect(links).toContain('Audit log');
    expect(await page.title()).toBe('Dashboard · VoiceDesk');
    await screenshot('dashboard-admin');
    expect(await seriousAccessibilityViolations()).toEqual([]);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'No audit entries to show' }).waitFor();
    expect(await page.getByRole('link', { name: 'Audit log' }).getAttribute('aria-current')).toBe('page');
    // focus follows the navigation, so keyboard and screen-reader users start on the new page
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Audit log');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await screenshot('audit-log-placeholder');

    // the access token lives in memory only: a reload renews it with the refresh token of this tab
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    expect(server.api.calls.some((call) => call.path === '/api/auth/refresh')).toBe(true);
  });

  it('a clinic manager sees their clinic’s sections but not Clinics or Audit log, and cannot open them by address', async () => {
    await openConsole('/login');
    await signIn(USERS.manager);
    expect(await page.getByTestId('user-role').textContent()).toBe('Clinic manager');
    const links = await navigationLinks();
    expect(links).toEqual(['Dashboard', 'Clinic settings', 'Providers', 'Waitlist', 'Call logs', 'Faxes', 'Tickets', 'Notifications', 'Users']);
    await screenshot('dashboard-manager');

    await page.goto('/clinics');
    await page.waitForURL('**/dashboard');
    await page.goto('/audit-log');
    await page.waitForURL('**/dashboard');
  });

  it('asks for the verification code when the API requires MFA, and signs in with the right code', async () => {
    await openConsole('/login');
    await fillCredentials(USERS.mfa);
    await page.getByRole('heading', { level: 1, name: 'Two-step verification' }).waitFor();
    const code = page.getByLabel('Verification code');
    expect(await code.evaluate((element) => element === document.activeElement)).toBe(true);
    await screenshot('login-mfa');
    expect(await seriousAccessibilityViolations()).toEqual([]);

    await code.fill('111111');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText('That code is not valid.').waitFor();
    await page.locator('mat-form-field', { has: code }).getByText('Check the code in your authenticator app').waitFor();

    await code.fill(USERS.mfa.mfaCode);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL('**/dashboard');
    await page.getByRole('heading', { level: 1, name: `Welcome, ${USERS.mfa.name}` }).waitFor();
  });

  it('an admin made to set up MFA at sign-in adds the key, confirms a code, sees the backup codes and enters the console', async () => {
    await openConsole('/login');
    await fillCredentials(USERS.newAdmin);
    await page.getByRole('heading', { level: 1, name: 'Set up two-step verification' }).waitFor();
    expect((await page.getByTestId('mfa-secret').textContent())?.replace(/\s/g, '')).toBe(ENROLMENT_SECRET);
    const code = page.getByLabel('Code from your app');
    expect(await code.evaluate((element) => element === document.activeElement)).toBe(true);
    await screenshot('login-mfa-enrol');
    expect(await seriousAccessibilityViolations()).toEqual([]);

    await code.fill('000000');
    await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
    await page.getByText('That code is not the one your authenticator shows.').waitFor();
    await page.locator('mat-form-field', { has: code }).getByText('Check the time on your phone').waitFor();

    await code.fill(ENROLMENT_CODE);
    await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
    await page.getByRole('heading', { level: 1, name: 'Save your backup codes' }).waitFor();
    expect((await page.getByTestId('backup-codes').getByRole('listitem').allTextContents()).map((text) => text.trim())).toEqual(BACKUP_CODES);
    await screenshot('login-backup-codes');
    expect(await seriousAccessibilityViolations()).toEqual([]);

    await page.getByRole('button', { name: 'I saved them, continue' }).click();
    await page.waitForURL('**/dashboard');
    await page.getByRole('heading', { level: 1, name: `Welcome, ${USERS.newAdmin.name}` }).waitFor();
  });

  it('sign-out returns to the sign-in page and the console is closed until the next sign-in', async () => {
    await openConsole('/login');
    await signIn(USERS.manager);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    const logout = server.api.calls.findLast((call) => call.path === '/api/auth/logout');
    expect(logout?.authorization).toMatch(/^Bearer at-/);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

    await page.goto('/providers');
    await page.waitForURL('**/login?returnUrl=%2Fproviders');
  });

  it('an address opened while signed out is where the user lands after signing in', async () => {
    await openConsole('/call-logs');
    await page.waitForURL('**/login?returnUrl=%2Fcall-logs');
    await fillCredentials(USERS.manager);
    await page.waitForURL('**/call-logs');
    await page.getByRole('heading', { level: 1, name: 'Call logs' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'No calls recorded yet' }).waitFor();
    expect(await seriousAccessibilityViolations()).toEqual([]);
  });

  it('on a phone the navigation folds behind a menu button', async () => {
    await openConsole('/login', { width: 390, height: 844 });
    await signIn(USERS.manager);
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
    await screenshot('waitlist-phone');
    expect(await seriousAccessibilityViolations()).toEqual([]);
  });
});

