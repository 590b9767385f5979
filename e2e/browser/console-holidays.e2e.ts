import { describe, expect, it } from 'vitest';
import { statutoryHolidays } from '../../apps/api/src/clinics/statutory-holidays.js';
import { call } from '../../libs/testing/src/http.js';
import { screenshot, seriousAccessibilityViolations } from './support/browser.js';
import { consoleSuite } from './support/console-suite.js';

/*
 * Importing a province's statutory holidays from the holidays screen, as a clinic manager does,
 * against the real API on a real PostgreSQL database.
 */

const suite = consoleSuite({ clinic: { name: 'Cedar Cottage Clinic', fields: { province: 'BC' } } });
const { page } = suite;

describe('statutory holidays', () => {
  it("a manager imports next year's BC holidays: the count is said, each row says where it came from, a holiday added by hand is kept, importing again adds none", async () => {
    const year = new Date().getFullYear() + 1;
    const expected = (await statutoryHolidays('BC', year))!;
    const familyDay = expected.find((h) => h.name === 'Family Day')!;
    await suite.signedIn(suite.manager, `/clinics/${suite.clinic.id}/hours`);
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

    const stored = await call(suite.app, 'GET', `/api/clinics/${suite.clinic.id}/holidays?limit=100`, { token: suite.adminToken });
    expect(stored.body.items).toHaveLength(expected.length);
    expect(stored.body.items).toContainEqual(expect.objectContaining({ date: familyDay.date, name: 'Family Day', source: 'statutory:CA-BC' }));
    expect(stored.body.items).toContainEqual(expect.objectContaining({ date: `${year}-07-01`, name: 'Closed for Canada Day', source: 'manual' }));
  });
});
