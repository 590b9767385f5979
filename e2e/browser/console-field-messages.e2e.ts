import { describe, expect, it } from 'vitest';
import { randomSuffix } from '../../libs/testing/src/factories.js';
import { call, signInToken } from '../../libs/testing/src/http.js';
import { screenshot, seriousAccessibilityViolations } from './support/browser.js';
import { consoleSuite } from './support/console-suite.js';

/*
 * What a receptionist reads when a form is refused: every field the API refused at once, each
 * message beside the field as the form labels it, in words (no API field names); and a date that
 * does not exist is refused with a message rather than emptied.
 */

const suite = consoleSuite({ clinic: { name: 'Kerrisdale Family' } });
const { page, signedIn } = suite;

describe('a refused form', () => {
  it('shows the API’s message for the phone, the email and the health card at once, each beside its field', async () => {
    await signedIn(suite.manager, `/clinics/${suite.clinic.id}/waitlist`);
    await page.getByRole('heading', { level: 1, name: 'Waitlist' }).waitFor();
    await page.getByRole('button', { name: 'Add to waitlist' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add to the waitlist' });
    await dialog.getByLabel('First name').fill('Mei');
    await dialog.getByLabel('Last name').fill(`Wong${randomSuffix()}`);
    await dialog.getByLabel('Phone').fill('12');
    await dialog.getByLabel('Email (optional)').fill('mei at example');
    await dialog.getByLabel('Health card province').fill('BC');
    await dialog.getByLabel('Health card number').fill('9876543217');
    suite.current.expectedErrors.push(/status of 400/);
    await dialog.getByRole('button', { name: 'Add to waitlist' }).click();

    const beside = (label: string) => dialog.locator('mat-form-field', { has: page.getByLabel(label) }).locator('mat-error');
    await beside('Phone').getByText('Phone number: enter the number with its country code, e.g. +1 604 555 0142').waitFor();
    await beside('Email (optional)').getByText('Email must be an email address, e.g. amy.chen@clinic.example').waitFor();
    await beside('Health card number').getByText(/^Health card number is not a valid BC Personal Health Number: .*check digit/).waitFor();
    await dialog.getByTestId('waitlist-error').getByText('Some fields need a change: each says what to fix.').waitFor();
    const shown = (await dialog.locator('mat-error').allTextContents()).join(' ');
    for (const key of ['healthCardNumber', 'details.', 'phone must', 'email must', 'Invalid request']) expect(shown).not.toContain(key);
    await screenshot(page, 'waitlist-field-messages');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // fixing one field clears its message; the others stay until they are fixed too
    await dialog.getByLabel('Phone').fill('604 555 0142');
    expect(await beside('Phone').count()).toBe(0);
    await beside('Health card number').getByText(/check digit/).waitFor();
  });

  it('a holiday on a day that does not exist is refused with a message, the text kept as typed', async () => {
    await signedIn(suite.manager, `/clinics/${suite.clinic.id}/hours`);
    await page.getByRole('heading', { level: 1, name: 'Hours and holidays' }).waitFor();
    await page.getByLabel('Date', { exact: true }).fill('2026-02-30');
    await page.getByLabel('Name', { exact: true }).fill('Family Day');
    await page.getByRole('button', { name: 'Add holiday' }).click();
    const field = page.locator('mat-form-field', { has: page.getByLabel('Date', { exact: true }) });
    await field.getByText('Enter a real date written YYYY-MM-DD, e.g. 2026-12-25.').waitFor();
    expect(await page.getByLabel('Date', { exact: true }).inputValue()).toBe('2026-02-30');
    const listed = await call(suite.app, 'GET', `/api/clinics/${suite.clinic.id}/holidays`, { token: await signInToken(suite.app, suite.manager) });
    expect(listed.body.items).toEqual([]);
  });

  it('opening hours: an empty time and a day that closes before it opens are both said at once, beside their fields, and nothing is saved', async () => {
    await signedIn(suite.manager, `/clinics/${suite.clinic.id}/hours`);
    await page.getByRole('heading', { level: 1, name: 'Hours and holidays' }).waitFor();
    await page.getByLabel('Monday opens').fill('');
    await page.getByLabel('Tuesday closes').fill('08:00');
    await page.getByRole('button', { name: 'Save hours' }).click();
    const beside = (label: string) => page.locator('mat-form-field', { has: page.getByLabel(label) }).locator('mat-error');
    await beside('Monday opens').getByText('Enter a time.').waitFor();
    await beside('Tuesday closes').getByText('Closing time must be after opening time on Tuesday').waitFor();
    const week = await call(suite.app, 'GET', `/api/clinics/${suite.clinic.id}/hours`, { token: await signInToken(suite.app, suite.manager) });
    expect(week.body.items.find((d: { dayOfWeek: number }) => d.dayOfWeek === 2)).toMatchObject({ closeTime: '17:00' });
  });
});
