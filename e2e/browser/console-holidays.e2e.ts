import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { statutoryHolidays } from '../../apps/api/src/clinics/statutory-holidays.js';
import type { TestApp } from '../../libs/testing/src/app.js';
import { createConsoleApp } from '../../libs/testing/src/console-app.js';
import { randomSuffix } from '../../libs/testing/src/factories.js';
import { call, signInToken } from '../../libs/testing/src/http.js';
import * as drive from './support/browser.js';
import { type ConsolePage, launchChromium, openConsole, screenshot, seriousAccessibilityViolations } from './support/browser.js';
import { type Person, UserRole, createPerson } from './support/people.js';

/*
 * Importing a province's statutory holidays from the holidays screen, as a clinic manager does,
 * against the real API on a real PostgreSQL database.
 */

let t: TestApp;
let browser: Browser;
let current: ConsolePage | undefined;
let page: Page;
let adminToken: string;
let manager: Person;
let clinic: { id: string; name: string };

beforeAll(async () => {
  [t, browser] = await Promise.all([createConsoleApp(), launchChromium()]);
  const admin = await createPerson(t, { role: UserRole.PlatformAdmin, firstName: 'Ada' });
  adminToken = await signInToken(t, admin);
  const created = await call(t, 'POST', '/api/clinics', {
    token: adminToken,
    body: { name: `Cedar Cottage Clinic ${randomSuffix()}`, province: 'BC', timezone: 'America/Vancouver' },
  });
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

describe('statutory holidays', () => {
  it("a manager imports next year's BC holidays: the count is said, each row says where it came from, a holiday added by hand is kept, importing again adds none", async () => {
    const year = new Date().getFullYear() + 1;
    const expected = statutoryHolidays('BC', year)!;
    const familyDay = expected.find((h) => h.name === 'Family Day')!;
    current = await openConsole(browser, t.baseUrl, '/login');
    page = current.page;
    await drive.signIn(page, manager);
    await page.goto(`/clinics/${clinic.id}/hours`);
    await page.getByRole('heading', { level: 1, name: 'Hours and holidays' }).waitFor();

    // a day the clinic already closes, added by hand
    await page.getByLabel('Date', { exact: true }).fill(`${year}-07-01`);
    await page.getByLabel('Name', { exact: true }).fill('Closed for Canada Day');
    await page.getByRole('button', { name: 'Add holiday' }).click();
    const list = page.getByTestId('holidays');
    await list.getByText('Closed for Canada Day').waitFor();

    const importer = page.getByRole('group', { name: 'Import statutory holidays' });
    await importer.getByLabel('Year').selectOption(String(year));
    await importer.getByRole('button', { name: 'Import statutory holidays' }).click();
    await page
      .getByTestId('import-result')
      .getByText(`Added ${expected.length - 1} statutory holidays for ${year}; 1 date was already listed and kept as it was.`)
      .waitFor();
    const familyDayRow = list.getByRole('listitem').filter({ hasText: 'Family Day' });
    await familyDayRow.getByText('Statutory (BC)').waitFor();
    await list.getByRole('listitem').filter({ hasText: 'Closed for Canada Day' }).getByText('Added by hand').waitFor();
    expect(await list.getByRole('listitem').count()).toBe(expected.length);
    await screenshot(page, 'holidays-imported');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await importer.getByRole('button', { name: 'Import statutory holidays' }).click();
    await page.getByTestId('import-result').getByText(`Added no holidays for ${year}; ${expected.length} dates were already listed and kept as they were.`).waitFor();
    expect(await list.getByRole('listitem').count()).toBe(expected.length);

    const stored = await call(t, 'GET', `/api/clinics/${clinic.id}/holidays?limit=100`, { token: adminToken });
    expect(stored.body.items).toHaveLength(expected.length);
    expect(stored.body.items).toContainEqual(expect.objectContaining({ date: familyDay.date, name: 'Family Day', source: 'statutory:CA-BC' }));
    expect(stored.body.items).toContainEqual(expect.objectContaining({ date: `${year}-07-01`, name: 'Closed for Canada Day', source: 'manual' }));
  });
});
