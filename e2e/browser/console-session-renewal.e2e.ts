import { describe, expect, it } from 'vitest';
import * as drive from './support/browser.js';
import { screenshot } from './support/browser.js';
import { consoleSuite } from './support/console-suite.js';

/*
 * Reloading the console renews the tab's session once per reload. With sign-in limited to 10 a
 * minute per address, reloads used to share that counter and the 11th signed the person out
 * without a word. Renewal is now limited per session (here 14 a minute), and a renewal refused
 * with 429 is waited out on screen, never a sign-out. Each context comes from one address.
 */

const suite = consoleSuite({ env: { RATE_LIMIT_AUTH_PER_MINUTE: '10', RATE_LIMIT_REFRESH_PER_MINUTE: '14' }, clinic: { inDatabase: true } });
const { page } = suite;

const welcome = () => page.getByRole('heading', { level: 1, name: `Welcome, ${suite.manager.name}` });

async function reloadSignedIn(): Promise<void> {
  await page.reload();
  await welcome().waitFor();
  expect(new URL(page.url()).pathname).toBe('/dashboard');
}

describe('reloading the console many times a minute', () => {
  it('stays signed in through 12 reloads from one address (more than the 10 sign-ins an address may make)', async () => {
    await suite.signedIn(suite.manager);
    const renewals = drive.watchApi(page, '/api/auth/refresh');
    for (let i = 0; i < 12; i++) await reloadSignedIn();
    expect(renewals).toHaveLength(12);
    expect(renewals.every((r) => r.status === 200)).toBe(true);
  });

  it('a renewal refused with 429 is said in words and waited out: the person stays signed in', async () => {
    await suite.open('/login');
    suite.current.expectedErrors.push(/status of 429/);
    // the console's timers on a clock the test can move: the wait the API asks for passes at once
    await page.clock.install();
    await drive.signIn(page, suite.manager);
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
    await suite.app.db.dataSource.query('DELETE FROM rate_limit_hits');
    await page.clock.fastForward('01:01');
    await welcome().waitFor();
    expect(renewals).toEqual([
      { method: 'POST', status: 429 },
      { method: 'POST', status: 200 },
    ]);
    expect(await notice.isVisible()).toBe(false);
  });
});
