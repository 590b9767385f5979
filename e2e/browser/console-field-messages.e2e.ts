import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../libs/testing/src/app.js';
import { createConsoleApp } from '../../libs/testing/src/console-app.js';
import { randomSuffix } from '../../libs/testing/src/factories.js';
import { call, signInToken } from '../../libs/testing/src/http.js';
import * as drive from './support/browser.js';
import { type ConsolePage, launchChromium, openConsole, screenshot, seriousAccessibilityViolations } from './support/browser.js';
import { type Person, UserRole, createPerson } from './support/people.js';

/*
 * What a receptionist reads when a form is refused: every field the API refused at once, each
 * message beside the field as the form labels it, in words (no API field names); and a date that
 * does not exist is refused with a message rather than emptied.
 */

let t: TestApp;
let browser: Browser;
let current: ConsolePage | undefined;
let page: Page;
let manager: Person;
let clinic: { id: string; name: string };

beforeAll(async () => {
  [t, browser] = await Promise.all([createConsoleApp(), launchChromium()]);
  const admin = await createPerson(t, { role: UserRole.PlatformAdmin, firstName: 'Ada' });
  const adminToken = await signInToken(t, admin);
  const created = await call(t, 'POST', '/api/clinics', { token: adminToken, body: { name: `Kerrisdale Family ${randomSuffix()}`, timezone: 'America/Vancouver' } });
  expect(created.status).toBe(201);
  clinic = created.body;
  manager = await createPerson(t, { role: UserRole.ClinicManager, clinicId: clinic.id, firstName: 'Mona' });
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

async function signedIn(user: Person, path: string): Promise<Page> {
  current = await openConsole(browser, t.baseUrl, '/login');
  page = current.page;
  await drive.signIn(page, user);
  await page.goto(path);
  return page;
}

describe('a refused form', () => {
  it('shows the API’s message for the phone, the email and the health card at once, each beside its field', async () => {
    await signedIn(manager, `/clinics/${clinic.id}/waitlist`);
    await page.getByRole('heading', { level: 1, name: 'Waitlist' }).waitFor();
    await page.getByRole('button', { name: 'Add to waitlist' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add to the waitlist' });
    await dialog.getByLabel('First name').fill('Mei');
    await dialog.getByLabel('Last name').fill(`Wong${randomSuffix()}`);
    await dialog.getByLabel('Phone').fill('12');
    await dialog.getByLabel('Email (optional)').fill('mei at example');
    await dialog.getByLabel('Health card province').fill('BC');
    await dialog.getByLabel('Health card number').fill('9876543217');
    current!.expectedErrors.push(/status of 400/);
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
    await signedIn(manager, `/clinics/${clinic.id}/hours`);
    await page.getByRole('heading', { level: 1, name: 'Hours and holidays' }).waitFor();
    await page.getByLabel('Date', { exact: true }).fill('2026-02-30');
    await page.getByLabel('Name', { exact: true }).fill('Family Day');
    await page.getByRole('button', { name: 'Add holiday' }).click();
    const field = page.locator('mat-form-field', { has: page.getByLabel('Date', { exact: true }) });
    await field.getByText('Enter a real date written YYYY-MM-DD, e.g. 2026-12-25.').waitFor();
    expect(await page.getByLabel('Date', { exact: true }).inputValue()).toBe('2026-02-30');
    const listed = await call(t, 'GET', `/api/clinics/${clinic.id}/holidays`, { token: await signInToken(t, manager) });
    expect(listed.body.items).toEqual([]);
  });

  it('opening hours: an empty time and a day that closes before it opens are both said at once, beside their fields, and nothing is saved', async () => {
    await signedIn(manager, `/clinics/${clinic.id}/hours`);
    await page.getByRole('heading', { level: 1, name: 'Hours and holidays' }).waitFor();
    await page.getByLabel('Monday opens').fill('');
    await page.getByLabel('Tuesday closes').fill('08:00');
    await page.getByRole('button', { name: 'Save hours' }).click();
    const beside = (label: string) => page.locator('mat-form-field', { has: page.getByLabel(label) }).locator('mat-error');
    await beside('Monday opens').getByText('Enter a time.').waitFor();
    await beside('Tuesday closes').getByText('Closing time must be after opening time on Tuesday').waitFor();
    const week = await call(t, 'GET', `/api/clinics/${clinic.id}/hours`, { token: await signInToken(t, manager) });
    expect(week.body.items.find((d: { dayOfWeek: number }) => d.dayOfWeek === 2)).toMatchObject({ closeTime: '17:00' });
  });
});
