import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { randomSuffix } from '../../libs/testing/src/factories.js';
import * as drive from './support/browser.js';
import { screenshot, seriousAccessibilityViolations } from './support/browser.js';
import { consoleSuite } from './support/console-suite.js';

/*
 * The Users screen against the real API: an admin adds a clinic manager (there is no mail server:
 * the one-time password is shown once, to the admin), the manager signs in with it and must choose
 * their own; an admin's reset does the same again. The admin's own row offers nothing.
 */

const suite = consoleSuite({ clinic: { name: 'Harbour Clinic' }, manager: false });
const { open } = suite;

/** Signs in with a one-time password and chooses a new one on the page the console insists on. */
async function chooseOwnPassword(page: Page, email: string, oneTime: string, chosen: string): Promise<void> {
  await drive.fillCredentials(page, { email, password: oneTime });
  await page.waitForURL('**/change-password');
  await page.getByTestId('must-change').waitFor();
  // any other page leads back here until a password is chosen
  await page.goto('/dashboard');
  await page.waitForURL('**/change-password');
  await page.getByLabel('One-time password').fill(oneTime);
  await page.getByLabel('New password').fill(chosen);
  await page.getByRole('button', { name: 'Save password' }).click();
  await page.waitForURL('**/dashboard');
}

describe('users', () => {
  it('an admin adds a clinic manager, who signs in once with the one-time password and chooses their own; a reset starts that again', async () => {
    const page = await open();
    await drive.signIn(page, suite.admin);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    // the admin's own row: no actions, and the reason
    const own = page.locator(`tr[data-user="${suite.admin.email}"]`);
    await own.getByText('This is you').waitFor();
    expect(await own.getByRole('button', { name: /^Manage/ }).count()).toBe(0);

    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog');
    // a bad email is said in words beside the field, before anything is sent
    await dialog.getByLabel('First name').fill('Nadia');
    await dialog.getByLabel('Last name').fill('Reyes');
    await dialog.getByLabel('Email').fill('nadia@');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await dialog.getByText('Enter an email address such as amy.chen@clinic.example.').waitFor();
    const email = `nadia-${randomSuffix()}@clinic.example`;
    await dialog.getByLabel('Email').fill(email);
    await dialog.getByRole('combobox', { name: 'Clinic' }).click();
    await page.getByRole('option', { name: suite.clinic.name }).click();
    await dialog.getByRole('button', { name: 'Create user' }).click();

    const oneTime = (await page.getByTestId('one-time-password').textContent())!.trim();
    expect(oneTime).toMatch(/^[a-z0-9]{5}(-[a-z0-9]{5}){3}$/);
    await screenshot(page, 'users-one-time-password');
    await page.getByRole('button', { name: 'I have given it to them' }).click();
    const row = page.locator(`tr[data-user="${email}"]`);
    await row.getByText('Must choose a password').waitFor();
    await row.getByText(suite.clinic.name).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // the manager: the one-time password once, then a password of their own
    const managerPage = await open();
    await chooseOwnPassword(managerPage, email, oneTime, 'copper kettle morning 58');
    await managerPage.getByRole('heading', { level: 1, name: 'Welcome, Nadia Reyes' }).waitFor();

    // the admin resets it: a new one-time password, and the manager must choose again
    await page.reload();
    await row.getByText('Active', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Manage Nadia Reyes' }).click();
    await page.getByRole('menuitem', { name: 'Reset password' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Reset password' }).click();
    const second = (await page.getByTestId('one-time-password').textContent())!.trim();
    expect(second).not.toBe(oneTime);
    await page.getByRole('button', { name: 'I have given it to them' }).click();
    await row.getByText('Must choose a password').waitFor();

    const again = await open();
    await chooseOwnPassword(again, email, second, 'silver harbour evening 31');

    // deactivation: confirmed, then the row says so and offers reactivation
    await row.getByRole('button', { name: 'Manage Nadia Reyes' }).click();
    await page.getByRole('menuitem', { name: 'Deactivate' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Deactivate' }).click();
    await row.getByText('Deactivated').waitFor();
    await row.getByRole('button', { name: 'Manage Nadia Reyes' }).click();
    await page.getByRole('menuitem', { name: 'Reactivate' }).waitFor();
  });
});
