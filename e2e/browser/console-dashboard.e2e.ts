import { beforeAll, describe, expect, it } from 'vitest';
import { insertCallLogs } from '../../libs/testing/src/call-logs.js';
import { screenshot, seriousAccessibilityViolations } from './support/browser.js';
import { consoleSuite } from './support/console-suite.js';

/*
 * The dashboard against the real API: a clinic manager sees today and this week at their clinic
 * and the call charts (drawn by Chart.js), with a CSV of the days; an admin sees one row per clinic.
 */

const suite = consoleSuite({ clinic: { name: 'Cedar Clinic' } });
const { signedIn } = suite;

/** Calls began at most this long ago: all three in one hour of one day, whenever the suite runs. */
const SPAN_MS = 75_000;

beforeAll(async () => {
  // the clinic's zone is a whole number of hours from UTC: an hour starts at the same instant in both
  const intoHour = Date.now() % 3_600_000;
  if (intoHour < SPAN_MS) await new Promise((r) => setTimeout(r, SPAN_MS - intoHour + 1_000));
  const now = Date.now();
  await insertCallLogs(suite.app.db.dataSource, suite.clinic.id, [
    { outcome: 'booked', intent: 'book', durationSeconds: 20, at: new Date(now - 10_000) },
    { outcome: 'booked', intent: 'book', durationSeconds: 30, at: new Date(now - 20_000) },
    { outcome: 'transferred', intent: 'inquiry', transferredToStaff: true, transferReason: 'record_not_found', durationSeconds: 40, at: new Date(now - 30_000) },
  ]);
}, 120_000);

describe('dashboard', () => {
  it("a clinic manager sees today's calls, bookings and transfers with their reasons, the call charts, and downloads the days as CSV", async () => {
    const page = await signedIn(suite.manager);
    expect(await page.getByTestId('clinic-name').textContent()).toBe(suite.clinic.name);
    expect(await page.getByTestId('calls-today').textContent()).toBe('3');
    await page.getByText('Why calls were handed to staff this week: Record not found (1)').waitFor();
    expect(await page.getByTestId('emr-health').textContent()).toBe('Not set up');

    // the charts are drawn on canvases, each described in words
    const summary = page.getByTestId('call-summary');
    await summary.waitFor();
    expect(await page.getByTestId('bookings-by-voice').textContent()).toBe('2');
    expect(await summary.locator('canvas').count()).toBe(4);
    await summary.getByRole('img', { name: /^Outcomes: Booked 2, Transferred 1\.$/ }).waitFor();
    await summary.getByRole('img', { name: 'Why calls were handed to staff: Record not found 1.' }).waitFor();
    expect(await page.getByTestId('busiest').textContent()).toMatch(/^Busiest: \w+days from \d+ [ap]m to \d+ [ap]m \(3 calls\)\.$/);
    await screenshot(page, 'dashboard-manager-charts');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const [file] = await Promise.all([page.waitForEvent('download'), summary.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(file.suggestedFilename()).toMatch(/^call-analytics-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await (await file.createReadStream()).toArray();
    const lines = Buffer.concat(text).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^date,calls,transferred,booked_by_voice,/);
    expect(lines).toHaveLength(31);
    expect(lines.slice(1).reduce((n, line) => n + Number(line.split(',')[1]), 0)).toBe(3);
  });

  it('an admin sees one row per clinic with its status, onboarding and figures', async () => {
    const page = await signedIn(suite.admin);
    const row = page.getByTestId('clinic-list').locator(`tr[data-clinic="${suite.clinic.id}"]`);
    await row.getByText(suite.clinic.name).waitFor();
    const cells = (await row.locator('td').allTextContents()).map((c) => c.trim());
    expect(cells.slice(1, 9)).toEqual(['Pending', expect.stringMatching(/^\d of 8 done$/), '3', '3', '2', '1', '0', '0']);
    await screenshot(page, 'dashboard-admin-rows');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
