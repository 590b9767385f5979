import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../libs/testing/src/app.js';
import { createConsoleApp } from '../../libs/testing/src/console-app.js';
import { createClinic } from '../../libs/testing/src/factories.js';
import * as drive from './support/browser.js';
import { type ConsolePage, launchChromium, openConsole, screenshot } from './support/browser.js';
import { type Person, UserRole, createPerson } from './support/people.js';

/*
 * Reloading the console renews the tab's session once per reload. With sign-in limited to 10 a
 * minute per address, reloads used to share that counter and the 11th signed the person out
 * without a word. Renewal is now limited per session (here 14 a minute), and a renewal refused
 * with 429 is waited out on screen, never a sign-out. Each context comes from one address.
 */

let t: TestApp;
let browser: Browser;
let current: ConsolePage | undefined;
let page: Page;
let manager: Person;

beforeAll(async () => {
  [t, browser] = await Promise.all([createConsoleApp({ RATE_LIMIT_AUTH_PER_MINUTE: '10', RATE_LIMIT_REFRESH_PER_MINUTE: '14' }), launchChromium()]);
  manager = await createPerson(t, { role: UserRole.ClinicManager, clinicId: (await createClinic(t.db.dataSource)).id, firstName: 'Mona' });
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

afterEach(async () => {
  const errors = current?.errors ?? [];
  await current?.context.close();
  current = undefined;
  expect(errors, 'browser console errors').toEqual([]);
});

const welcome = () => page.getByRole('heading', { level: 1, name: `Welcome, ${manager.name}` });

async function reloadSignedIn(): Promise<void> {
  await page.reload();
  await welcome().waitFor();
  expect(new URL(page.url()).pathname).toBe('/dashboard');
}

describe('reloading the console many times a minute', () => {
  it('stays signed in through 12 reloads from one address (more than the 10 sign-ins an address may make)', async () => {
    current = await openConsole(browser, t.baseUrl, '/login');
    page = current.page;
    await drive.signIn(page, manager);
    const renewals = drive.watchApi(page, '/api/auth/refresh');
    for (let i = 0; i < 12; i++) await reloadSignedIn();
    expect(renewals).toHaveLength(12);
    expect(renewals.every((r) => r.status === 200)).toBe(true);
  });

  it('a renewal refused with 429 is said in words and waited out: the person stays signed in', async () => {
    current = await openConsole(browser, t.baseUrl, '/login');
    page = current.page;
    current.expectedErrors.push(/status of 429/);
    // the console's timers on a clock the test can move: the wait the API asks for passes at once
    await page.clock.install();
    await drive.signIn(page, manager);
    for (let i = 0; i < 14; i++) await reloadSignedIn();

    const renewals = drive.watchApi(page, '/api/auth/refresh');
    await page.reload();
    const notice = page.getByTestId('session-notice');
    await notice.getByText(/You stay signed in; trying again in \d+ seconds?\./).waitFor();
    await screenshot(page, 'session-renewal-waiting');
    expect(renewals).toEqual([{ method: 'POST', status: 429 }]);
    expect(new URL(page.url()).pathname).not.toBe('/login');
    expect(await page.evaluate(() => sessionStorage.getItem('voicedesk.refreshToken'))).not.toBeNull();

    // the minute passes: the API's counters forget it, and the console's wait ends
    await t.db.dataSource.query('DELETE FROM rate_limit_hits');
    await page.clock.fastForward('01:01');
    await welcome().waitFor();
    expect(renewals).toEqual([
      { method: 'POST', status: 429 },
      { method: 'POST', status: 200 },
    ]);
    expect(await notice.isVisible()).toBe(false);
  });
});
