import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../libs/testing/src/app.js';
import { insertCallLogs } from '../../libs/testing/src/call-logs.js';
import { createConsoleApp } from '../../libs/testing/src/console-app.js';
import { randomSuffix } from '../../libs/testing/src/factories.js';
import { call, signInToken } from '../../libs/testing/src/http.js';
import * as drive from './support/browser.js';
import { type ConsolePage, launchChromium, openConsole, screenshot, seriousAccessibilityViolations } from './support/browser.js';
import { type Person, UserRole, createPerson } from './support/people.js';

/*
 * The dashboard against the real API: a clinic manager sees today and this week at their clinic
 * and the call charts (drawn by Chart.js), with a CSV of the days; an admin sees one row per clinic.
 */

let t: TestApp;
let browser: Browser;
let current: ConsolePage | undefined;
let admin: Person;
let manager: Person;
let clinic: { id: string; name: string };

beforeAll(async () => {
  [t, browser] = await Promise.all([createConsoleApp(), launchChromium()]);
  admin = await createPerson(t, { role: UserRole.PlatformAdmin, firstName: 'Ada' });
  const created = await call(t, 'POST', '/api/clinics', { token: await signInToken(t, admin), body: { name: `Cedar Clinic ${randomSuffix()}`, timezone: 'America/Vancouver' } });
  expect(created.status).toBe(201);
  clinic = created.body;
  manager = await createPerson(t, { role: UserRole.ClinicManager, clinicId: clinic.id, firstName: 'Mona' });
  const now = Date.now();
  await insertCallLogs(t.db.dataSource, clinic.id, [
    { outcome: 'booked', intent: 'book', durationSeconds: 120, at: new Date(now - 60_000) },
    { outcome: 'booked', intent: 'book', durationSeconds: 140, at: new Date(now - 120_000) },
    { outcome: 'transferred', intent: 'inquiry', transferredToStaff: true, transferReason: 'record_not_found', durationSeconds: 60, at: new Date(now - 180_000) },
  ]);
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

async function signedIn(user: Person): Promise<Page> {
  current = await openConsole(browser, t.baseUrl, '/login');
  await drive.signIn(current.page, user);
  return current.page;
}

describe('dashboard', () => {
  it("a clinic manager sees today's calls, bookings and transfers with their reasons, the call charts, and downloads the days as CSV", async () => {
    const page = await signedIn(manager);
    expect(await page.getByTestId('clinic-name').textContent()).toBe(clinic.name);
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
    const page = await signedIn(admin);
    const row = page.getByTestId('clinic-list').locator(`tr[data-clinic="${clinic.id}"]`);
    await row.getByText(clinic.name).waitFor();
    const cells = (await row.locator('td').allTextContents()).map((c) => c.trim());
    expect(cells.slice(1, 9)).toEqual(['Pending', expect.stringMatching(/^\d of 8 done$/), '3', '3', '2', '1', '0', '0']);
    await screenshot(page, 'dashboard-admin-rows');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
