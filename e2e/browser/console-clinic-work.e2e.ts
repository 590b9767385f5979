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
 * The clinic's daily work (call logs, waitlist, tickets, notifications) as a clinic manager and
 * an admin use it, against the real API on a real PostgreSQL database. Call logs are written
 * straight into the database (what the voice webhook leaves at the end of a call); everything
 * else is created through the API or the screens.
 */

let t: TestApp;
let browser: Browser;
let current: ConsolePage | undefined;
let page: Page;

let admin: Person;
let manager: Person;
let adminToken: string;
let clinic: { id: string; name: string };

beforeAll(async () => {
  [t, browser] = await Promise.all([createConsoleApp(), launchChromium()]);
  admin = await createPerson(t, { role: UserRole.PlatformAdmin, firstName: 'Ada' });
  adminToken = await signInToken(t, admin);
  const created = await call(t, 'POST', '/api/clinics', { token: adminToken, body: { name: `Fairview Family ${randomSuffix()}`, timezone: 'America/Vancouver' } });
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

async function signedIn(user: Person, path?: string): Promise<Page> {
  current = await openConsole(browser, t.baseUrl, '/login');
  page = current.page;
  await drive.signIn(page, user);
  if (path) await page.goto(path);
  return page;
}

const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();
const menu = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

describe('call logs', () => {
  it('a manager reads the summary, filters the calls, loads more, and opens one with its transcript', async () => {
    const hourAgo = new Date(Date.now() - 3_600_000);
    const [booked] = await insertCallLogs(t.db.dataSource, clinic.id, [
      {
        callerPhone: '+16045550123', language: 'en', intent: 'book', outcome: 'booked', durationSeconds: 185, at: hourAgo,
        summary: 'Booked a follow-up with Dr. Chen on Thursday.', transcript: 'AI: Fairview Family, how can I help?\nUser: I need a follow-up with Dr. Chen.',
      },
      { callerPhone: '+16045550188', language: 'zh', intent: 'inquiry', outcome: 'transferred', durationSeconds: 64, transferredToStaff: true, transferReason: 'asked for a person', at: hourAgo },
      ...Array.from({ length: 26 }, () => ({ callerPhone: '+16045550100', language: 'en', intent: 'inquiry', outcome: 'no_action', durationSeconds: 30, at: new Date(Date.now() - 2 * 86_400_000) })),
    ]);

    await signedIn(manager);
    await menu('Call logs').click();
    await page.waitForURL(`**/clinics/${clinic.id}/call-logs`);
    await heading('Call logs');
    expect(await page.getByTestId('total-calls').textContent()).toBe('28');
    const rows = page.getByTestId('calls-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(25);
    // the caller is masked: only the last digits show
    expect(await page.getByTestId('calls-table').textContent()).not.toContain('6045550123');
    await screenshot(page, 'call-logs');
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => rows.count()).toBe(28);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('combobox', { name: 'Handed to staff' }).click();
    await page.getByRole('option', { name: 'Handed to staff', exact: true }).click();
    await page.getByRole('combobox', { name: 'Language' }).click();
    await page.getByRole('option', { name: 'Chinese' }).click();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Transferred');

    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('combobox', { name: 'Outcome' }).click();
    await page.getByRole('option', { name: 'Booked' }).click();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    await rows.first().getByRole('link').click();
    await page.waitForURL(`**/call-logs/${booked}`);
    await heading(/^Call of /);
    expect(await page.getByTestId('call-outcome').textContent()).toBe('Booked');
    expect(await page.getByTestId('call-summary-text').textContent()).toContain('follow-up with Dr. Chen on Thursday');
    expect(await page.getByTestId('transcript').textContent()).toContain('I need a follow-up with Dr. Chen.');
    await screenshot(page, 'call-detail');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
