import { beforeAll, expect, it } from 'vitest';
import { call } from '../../libs/testing/src/http.js';
import { fillCredentials, screenshot, seriousAccessibilityViolations } from './support/browser.js';
import { consoleSuite } from './support/console-suite.js';
import { UserRole, createPerson, totp } from './support/people.js';

/*
 * The forced MFA enrolment at sign-in, against the real API with `requireMfaForAdmins` on. A
 * platform-wide setting, so its own API and database; and its own file, because a second Nest app
 * in one process replaces the first one's passport strategies (passport is a process-wide
 * singleton), after which the first app refuses its own access tokens.
 */

// the suite's admin, Olga, turns the setting on; no clinic: the platform is new
const suite = consoleSuite({ adminName: 'Olga' });

beforeAll(async () => {
  const put = await call(suite.app, 'PUT', '/api/platform/settings', { token: suite.adminToken, body: { requireMfaForAdmins: true } });
  expect(put.status).toBe(200);
});

it('an admin without MFA sets it up at sign-in: setup key, a refused code beside its field, backup codes, then the console', async () => {
  const admin = await createPerson(suite.app, { role: UserRole.PlatformAdmin, firstName: 'Nora' });
  const page = await suite.open('/login');
  await fillCredentials(page, admin);
  await page.getByRole('heading', { level: 1, name: 'Set up two-step verification' }).waitFor();
  const secret = (await page.getByTestId('mfa-secret').textContent())!.replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  const code = page.getByLabel('Code from your app');
  expect(await code.evaluate((element) => element === document.activeElement)).toBe(true);
  await screenshot(page, 'login-mfa-enrol');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  await code.fill('000000');
  await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
  await page.locator('mat-form-field', { has: code }).getByText('This is not the code your authenticator app shows now').waitFor();

  await code.fill(await totp(secret));
  await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
  await page.getByRole('heading', { level: 1, name: 'Save your backup codes' }).waitFor();
  const backupCodes = await page.getByTestId('backup-codes').getByRole('listitem').allTextContents();
  expect(backupCodes).toHaveLength(10);
  for (const backupCode of backupCodes) expect(backupCode.trim()).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/);
  await screenshot(page, 'login-backup-codes');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'I saved them, continue' }).click();
  await page.waitForURL('**/dashboard');
  await page.getByRole('heading', { level: 1, name: `Welcome, ${admin.name}` }).waitFor();
  // a new platform: the dashboard's clinic list is empty, and says so
  await page.getByRole('heading', { level: 2, name: 'No clinics yet' }).waitFor();
});
