import { describe, expect, it } from 'vitest';
import { randomSuffix } from '../../libs/testing/src/factories.js';
import { call } from '../../libs/testing/src/http.js';
import * as drive from './support/browser.js';
import { screenshot } from './support/browser.js';
import { consoleSuite } from './support/console-suite.js';

/*
 * States of the console that broke when it was walked as an admin and a clinic manager: a failed
 * load that spun for ever, a refusal that replaced the page, a switch that read backwards, a form
 * that turned red after it worked, edits lost without a word, a provider page that contradicted
 * itself, an audit trail that said the opposite of what happened, and a password shown in part.
 * Against the real API on a real PostgreSQL database and an OSCAR simulator started here.
 */

const suite = consoleSuite({ oscarSim: true, clinic: { name: 'Fairview Clinic', emr: { emrType: 'oscar-universal' } } });
const { page, signedIn, heading } = suite;

describe('hours and holidays', () => {
  it('hours that fail to load show why and Try again (no endless spinner), and load when tried again', async () => {
    await suite.open('/login');
    suite.current.expectedErrors.push(/status of 503/);
    await drive.signIn(page, suite.manager);
    const hours = `**/api/clinics/${suite.clinic.id}/hours`;
    await page.route(hours, (route) => route.fulfill(drive.unavailable('VoiceDesk is restarting. Try again in a moment.')));
    await page.goto(`/clinics/${suite.clinic.id}/hours`);
    await heading('Hours and holidays');
    const failed = page.getByRole('alert').filter({ hasText: 'Opening hours could not be loaded' });
    await failed.getByText('VoiceDesk is restarting. Try again in a moment.').waitFor();
    expect(await page.getByText('Loading opening hours…').count()).toBe(0);
    await screenshot(page, 'hours-load-failed');

    await page.unroute(hours);
    await failed.getByRole('button', { name: 'Try again' }).click();
    await page.getByLabel('Monday opens').waitFor();
    expect(await page.getByLabel('Monday opens').inputValue()).toBe('09:00');
  });

  it('the day switch reads Open; a closed day opened gets 09:00–17:00, and a day closed and reopened gets its own times back', async () => {
    await signedIn(suite.manager, `/clinics/${suite.clinic.id}/hours`);
    await heading('Hours and holidays');
    const open = (day: string) => page.getByTestId(`hours-${day}`).getByRole('switch', { name: 'Open' });
    expect(await open('Monday').getAttribute('aria-checked')).toBe('true');
    expect(await open('Sunday').getAttribute('aria-checked')).toBe('false');
    expect(await page.getByLabel('Sunday opens').isDisabled()).toBe(true);

    // the page renders the change on its next frame: each check waits for it
    await open('Sunday').click();
    await expect.poll(() => open('Sunday').getAttribute('aria-checked')).toBe('true');
    await expect.poll(() => page.getByLabel('Sunday opens').inputValue()).toBe('09:00');
    await expect.poll(() => page.getByLabel('Sunday closes').inputValue()).toBe('17:00');

    await page.getByLabel('Monday opens').fill('10:00');
    await page.getByLabel('Monday closes').fill('18:30');
    await open('Monday').click();
    await expect.poll(() => page.getByLabel('Monday opens').isDisabled()).toBe(true);
    await open('Monday').click();
    await expect.poll(() => page.getByLabel('Monday opens').isDisabled()).toBe(false);
    expect(await page.getByLabel('Monday opens').inputValue()).toBe('10:00');
    expect(await page.getByLabel('Monday closes').inputValue()).toBe('18:30');
    await screenshot(page, 'hours-open-switch');

    await page.getByRole('button', { name: 'Save hours' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const week = await call(suite.app, 'GET', `/api/clinics/${suite.clinic.id}/hours`, { token: suite.adminToken });
    const day = (n: number) => week.body.items.find((d: { dayOfWeek: number }) => d.dayOfWeek === n);
    expect(day(0)).toMatchObject({ openTime: '09:00', closeTime: '17:00', isClosed: false });
    expect(day(1)).toMatchObject({ openTime: '10:00', closeTime: '18:30', isClosed: false });
  });

  it('after a holiday is added, the emptied form shows no errors and takes the next one', async () => {
    await signedIn(suite.manager, `/clinics/${suite.clinic.id}/hours`);
    await heading('Hours and holidays');
    const form = page.getByRole('form', { name: 'Add a holiday' });
    const next = new Date().getFullYear() + 1;
    await form.getByLabel('Date', { exact: true }).fill(`${next}-07-01`);
    await form.getByLabel('Name', { exact: true }).fill('Canada Day');
    await form.getByRole('button', { name: 'Add holiday' }).click();
    await page.getByTestId('holidays').getByText('Canada Day').waitFor();
    expect(await form.getByLabel('Name', { exact: true }).inputValue()).toBe('');
    expect(await form.locator('mat-error').count()).toBe(0);
    expect(await form.getByLabel('Date', { exact: true }).getAttribute('aria-invalid')).not.toBe('true');
    expect(await form.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).not.toBe('true');
    await screenshot(page, 'holiday-added');

    await form.getByLabel('Date', { exact: true }).fill(`${next}-12-25`);
    await form.getByLabel('Name', { exact: true }).fill('Christmas Day');
    await form.getByRole('button', { name: 'Add holiday' }).click();
    await page.getByTestId('holidays').getByText('Christmas Day').waitFor();
    expect(await form.locator('mat-error').count()).toBe(0);
  });
});

describe('call logs', () => {
  it('From after To flags both date fields and keeps the page; the API’s refusal of the days stands beside From', async () => {
    await signedIn(suite.manager, `/clinics/${suite.clinic.id}/call-logs`);
    await heading('Call logs');
    await page.getByRole('heading', { name: 'No calls recorded yet' }).waitFor();
    // the page's own first summary has arrived (it may come after the list): only what the filters ask is watched
    await page.getByTestId('total-calls').waitFor();
    const summaries = drive.watchApi(page, `/api/clinics/${suite.clinic.id}/call-analytics`);
    await page.getByLabel('From', { exact: true }).fill('2026-11-20');
    await page.getByLabel('To', { exact: true }).fill('2026-11-01');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByTestId('filter-from').locator('mat-error').getByText('Choose a day on or before “To”.').waitFor();
    await page.getByTestId('filter-to').locator('mat-error').getByText('Choose a day on or after “From”.').waitFor();
    expect(await page.getByLabel('From', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    // nothing was asked of the API, and the page is still there
    expect(summaries).toEqual([]);
    expect(await page.getByText(/Invalid request/).count()).toBe(0);
    await page.getByRole('heading', { name: 'No calls recorded yet' }).waitFor();
    await screenshot(page, 'call-logs-dates-reversed');

    // a span the API refuses (more than a year): its 400 lands beside From, not in place of the page
    suite.current.expectedErrors.push(/status of 400/);
    await page.getByLabel('From', { exact: true }).fill('2020-01-01');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => summaries.map((s) => s.status)).toContain(400);
    const fromError = page.getByTestId('filter-from').locator('mat-error');
    await fromError.waitFor();
    expect((await fromError.textContent())?.trim()).not.toBe('');
    expect(await page.getByTestId('filter-to').locator('mat-error').count()).toBe(0);
    expect(await page.getByText(/Invalid request|could not be loaded/).count()).toBe(0);
    await page.getByRole('button', { name: 'Apply filters' }).waitFor();

    // right days: the errors go
    await page.getByLabel('From', { exact: true }).fill('2026-10-01');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByTestId('call-summary').waitFor();
    expect(await page.getByTestId('filter-from').locator('mat-error').count()).toBe(0);
  });
});

describe('clinic settings', () => {
  it('edits survive a switch of tabs, the tab says unsaved, and leaving the page or the browser tab asks first', async () => {
    await signedIn(suite.manager, `/clinics/${suite.clinic.id}/settings?section=privacy`);
    await heading('Clinic settings');
    const days = () => page.getByLabel('Keep transcripts (days)');
    await days().fill('120');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect(await page.getByRole('tab', { name: 'Privacy and retention (unsaved)' }).count()).toBe(0);

    await days().fill('150');
    await page.getByRole('tab', { name: 'Privacy and retention (unsaved)' }).waitFor();
    await page.getByRole('tab', { name: 'Voice' }).click();
    await page.getByRole('tab', { name: 'Privacy and retention' }).click();
    expect(await days().inputValue()).toBe('150');

    // following a link asks; staying keeps the edit
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Providers' }).click();
    const ask = page.getByRole('alertdialog', { name: 'Leave without saving?' });
    await ask.getByText('Your changes to Privacy and retention are not saved yet.').waitFor();
    await screenshot(page, 'settings-leave-unsaved');
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe(`/clinics/${suite.clinic.id}/settings`);
    expect(await days().inputValue()).toBe('150');

    // closing the browser tab asks too
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.dismiss();
    });
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => dialogs).toEqual(['beforeunload']);
    expect(page.isClosed()).toBe(false);

    // discarding leaves, and the saved value stands
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Providers' }).click();
    await ask.getByRole('button', { name: 'Discard changes' }).click();
    await heading('Providers');
    const config = await call(suite.app, 'GET', `/api/clinics/${suite.clinic.id}/config`, { token: suite.adminToken });
    expect(config.body.retention.transcriptRetentionDays).toBe(120);
  });

  it('a stored EMR password shows only that one is set', async () => {
    await signedIn(suite.admin, `/clinics/${suite.clinic.id}/settings?section=emr`);
    await heading('Clinic settings');
    const mask = page.getByTestId('password-mask');
    expect((await mask.textContent())?.trim()).toBe('A password is stored. Leave empty to keep it.');
    expect(await page.getByLabel('Password', { exact: true }).getAttribute('placeholder')).toBeNull();
    const config = await call(suite.app, 'GET', `/api/clinics/${suite.clinic.id}/config`, { token: suite.adminToken });
    expect(config.body.emr.oscarSoapPassword).toEqual({ set: true, masked: '••••' });
  });
});

describe('providers', () => {
  it('an inactive provider is not bookable by voice at the top of the page either, and no own codes reads as all codes with a booking limit', async () => {
    expect((await call(suite.app, 'POST', `/api/clinics/${suite.clinic.id}/providers/sync`, { token: suite.adminToken })).status).toBe(200);
    const list = await call(suite.app, 'GET', `/api/clinics/${suite.clinic.id}/providers?limit=100`, { token: suite.adminToken });
    const provider = list.body.items.find((p: { voiceBookable: boolean }) => p.voiceBookable);
    expect(provider).toBeDefined();
    await suite.app.db.dataSource.query(`UPDATE clinic_providers SET status = 'inactive' WHERE id = $1`, [provider.id]);

    await signedIn(suite.manager, `/clinics/${suite.clinic.id}/providers/${provider.id}`);
    const table = page.getByTestId('effective-config');
    await table.waitFor();
    expect((await page.getByTestId('bookable-by-voice').textContent())?.trim()).toBe('No: the provider is inactive');
    expect(await table.getByRole('row', { name: /Bookable by voice/ }).textContent()).toContain('No');
    expect(await table.getByRole('row', { name: /Bookable schedule codes/ }).textContent()).toContain('All codes with a booking limit');
    await screenshot(page, 'provider-inactive');
  });
});

describe('audit log', () => {
  it('a failed EMR test reads Failed, and a session renewal names who renewed', async () => {
    const other = await call(suite.app, 'POST', '/api/clinics', { token: suite.adminToken, body: { name: `Mount Pleasant Clinic ${randomSuffix()}`, timezone: suite.sim.data.timezone } });
    await call(suite.app, 'PUT', `/api/clinics/${other.body.id}/config`, {
      token: suite.adminToken,
      body: { emr: { emrType: 'oscar-universal', oscarUrl: suite.sim.url, oscarSoapUsername: String(suite.sim.securityNo), oscarSoapPassword: 'not-the-password' } },
    });
    const tested = await call(suite.app, 'POST', `/api/clinics/${other.body.id}/emr/test-connection`, { token: suite.adminToken });
    expect(tested.body.verified).toBe(false);

    await signedIn(suite.admin);
    // a reload renews the session: the trail says whose
    await page.reload();
    await page.getByRole('heading', { level: 1, name: `Welcome, ${suite.admin.name}` }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    await heading('Audit log');
    const table = page.getByTestId('audit-table');
    const test = table.getByRole('row', { name: /EMR connection tested/ }).first();
    await test.waitFor();
    expect(await test.locator('[data-outcome]').textContent()).toBe('Failed');
    const renewal = table.getByRole('row', { name: /Session renewed/ }).first();
    await renewal.waitFor();
    expect(await renewal.textContent()).toContain(suite.admin.email);
    expect(await renewal.textContent()).not.toContain('Not signed in');
    await screenshot(page, 'audit-log-outcomes');
  });
});
