import { describe, expect, it } from 'vitest';
import { randomPhone, randomSuffix } from '../../libs/testing/src/factories.js';
import { call } from '../../libs/testing/src/http.js';
import * as drive from './support/browser.js';
import { screenshot, seriousAccessibilityViolations } from './support/browser.js';
import { consoleSuite } from './support/console-suite.js';
import { UserRole, createPerson } from './support/people.js';

/*
 * The clinic screens (clinics, settings by section, hours and holidays, providers, audit log) as
 * an admin and a clinic manager use them, against the real API on a real PostgreSQL database and
 * an OSCAR simulator started here. The clinic is provisioned through the API (so it has its
 * config and hours) and connected to the simulator through the config API, as an admin would.
 */

const suite = consoleSuite({ oscarSim: true, clinic: { name: 'Kitsilano Health', emr: { emrType: 'oscar-universal' } } });
const { page, signedIn, heading } = suite;
const field = (label: string) => page.locator('mat-form-field', { has: page.getByLabel(label, { exact: true }) });

describe('clinics (admin)', () => {
  it('an admin creates a clinic in the dialog and sees it pending; a taken slug is named beside its field', async () => {
    await signedIn(suite.admin);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clinics' }).click();
    await heading('Clinics');
    await page.getByTestId('clinics-table').getByRole('link', { name: suite.clinic.name }).waitFor();
    await screenshot(page, 'clinics');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const name = `Dunbar Medical ${randomSuffix()}`;
    await page.getByRole('button', { name: 'New clinic' }).click();
    const dialog = page.getByRole('dialog', { name: 'New clinic' });
    await dialog.getByLabel('Clinic name').fill(name);
    await dialog.getByLabel('Main phone').fill('+1 604 555 0142');
    await dialog.getByLabel('City').fill('Vancouver');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'clinics-create');
    await dialog.getByRole('button', { name: 'Create clinic' }).click();
    await dialog.waitFor({ state: 'detached' });
    // a new clinic opens on its onboarding checklist
    await page.waitForURL('**/onboarding');
    await heading('Onboarding');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clinics' }).click();
    await heading('Clinics');

    await page.getByLabel('Search by name or slug').fill(name);
    const row = page.getByTestId('clinics-table').getByRole('row', { name: new RegExp(name) });
    await row.waitFor();
    expect(await row.locator('[data-status]').textContent()).toBe('Pending');

    // the same slug again: the API answers 409, and the message stands beside the slug
    suite.current.expectedErrors.push(/status of 409/);
    await page.getByRole('button', { name: 'New clinic' }).click();
    await dialog.getByLabel('Clinic name').fill(`${name} again`);
    await dialog.getByLabel('Slug (optional)').fill(clinicSlug(name));
    await dialog.getByRole('button', { name: 'Create clinic' }).click();
    await dialog.locator('mat-form-field', { has: page.getByLabel('Slug (optional)') }).getByText('Another clinic already uses this slug').waitFor();
    await dialog.getByTestId('create-clinic-error').getByText(/already used by another clinic/).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('an admin opens a clinic section before picking a clinic, picks one, and works inside it', async () => {
    await signedIn(suite.admin);
    await page.evaluate(() => sessionStorage.removeItem('voicedesk.clinicId'));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Providers' }).click();
    await heading('Choose a clinic');
    await page.getByLabel('Search by name or slug').fill(suite.clinic.name);
    await page.getByRole('row', { name: new RegExp(suite.clinic.name) }).getByRole('button', { name: /^Work in this clinic/ }).click();
    await page.waitForURL(`**/clinics/${suite.clinic.id}/providers`);
    await heading('Providers');
    expect(await page.getByTestId('current-clinic-name').textContent()).toBe(suite.clinic.name);
    // the menu's clinic sections now lead into this clinic
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clinic settings' }).click();
    await page.waitForURL(`**/clinics/${suite.clinic.id}/settings`);
  });
});

describe('clinic details', () => {
  it('an admin assigns the receptionist number of a pending clinic, then switches the live clinic off; its manager edits the address but not those', async () => {
    const created = await call(suite.app, 'POST', '/api/clinics', { token: suite.adminToken, body: { name: `Point Grey Clinic ${randomSuffix()}`, timezone: 'America/Vancouver' } });
    const id: string = created.body.id;
    const number = randomPhone();
    await signedIn(suite.admin, `/clinics/${id}/settings?section=clinic`);
    await heading('Clinic settings');
    await page.getByLabel('Receptionist number (Vapi)').fill(number);
    // a pending clinic goes live through onboarding's activation, not through this field
    const status = page.getByRole('combobox', { name: 'Status' });
    expect(await status.getAttribute('aria-disabled')).toBe('true');
    await field('Status').getByText(/Goes live through onboarding/).waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const after = await call(suite.app, 'GET', `/api/clinics/${id}`, { token: suite.adminToken });
    expect(after.body).toMatchObject({ status: 'pending', vapiPhone: number });
    await screenshot(page, 'settings-clinic-admin');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // once live (as a passed activation leaves it), the field offers active and inactive only
    await suite.app.db.dataSource.query(`UPDATE clinics SET status = 'active' WHERE id = $1`, [id]);
    await page.reload();
    await heading('Clinic settings');
    await status.click();
    const options = await page.getByRole('option').allTextContents();
    expect(options.map((o) => o.trim())).toEqual(['Active', 'Inactive']);
    await page.getByRole('option', { name: 'Inactive', exact: true }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect((await call(suite.app, 'GET', `/api/clinics/${id}`, { token: suite.adminToken })).body.status).toBe('inactive');
    await suite.closeContexts();

    const itsManager = await createPerson(suite.app, { role: UserRole.ClinicManager, clinicId: id, firstName: 'Nia' });
    await signedIn(itsManager, `/clinics/${id}/settings?section=clinic`);
    await heading('Clinic settings');
    expect(await page.getByLabel('Receptionist number (Vapi)').isDisabled()).toBe(true);
    expect(await page.getByLabel('Slug', { exact: true }).isDisabled()).toBe(true);
    await page.getByLabel('City').fill('Vancouver');
    await page.getByLabel('Postal code').fill('V6T 1Z4');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const edited = await call(suite.app, 'GET', `/api/clinics/${id}`, { token: suite.adminToken });
    expect(edited.body).toMatchObject({ city: 'Vancouver', postalCode: 'V6T 1Z4', vapiPhone: number, status: 'inactive' });
  });
});

function clinicSlug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

describe('clinic settings', () => {
  it('a manager changes the scheduling rules and finds them saved after a reload', async () => {
    await signedIn(suite.manager);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clinic settings' }).click();
    await page.waitForURL(`**/clinics/${suite.clinic.id}/settings`);
    await heading('Clinic settings');
    await page.getByRole('tab', { name: 'Scheduling rules' }).click();
    const buffer = page.getByLabel('Buffer between appointments (minutes)');
    await buffer.fill('10');
    await page.getByLabel('Appointments per patient per day').fill('2');
    await page.getByLabel('New patients per week').fill('12');
    const puts = drive.watchApi(page, `/api/clinics/${suite.clinic.id}/config`);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect(puts).toEqual([{ method: 'PUT', status: 200 }]);
    await screenshot(page, 'settings-scheduling');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.reload();
    await heading('Clinic settings');
    expect(page.url()).toContain('section=scheduling');
    await page.getByLabel('Buffer between appointments (minutes)').waitFor();
    expect(await page.getByLabel('Buffer between appointments (minutes)').inputValue()).toBe('10');
    expect(await page.getByLabel('Appointments per patient per day').inputValue()).toBe('2');
    expect(await page.getByLabel('New patients per week').inputValue()).toBe('12');
  });

  it('when the settings cannot be loaded the page says why, and Try again loads them', async () => {
    await signedIn(suite.manager);
    await drive.unavailableOnce(page, `**/api/clinics/${suite.clinic.id}/config`, 'The database is not answering.');
    suite.current.expectedErrors.push(/status of 503/);
    await page.goto(`/clinics/${suite.clinic.id}/settings`);
    const problem = page.getByRole('alert').filter({ hasText: 'Settings could not be loaded' });
    await problem.getByText('The database is not answering.').waitFor();
    await problem.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('tab', { name: 'EMR connection' }).waitFor();
  });

  it('a manager sees the EMR connection read-only with the password’s mask, and can test it against the simulator', async () => {
    await signedIn(suite.manager, `/clinics/${suite.clinic.id}/settings?section=emr`);
    await heading('Clinic settings');
    await page.getByTestId('read-only-note').getByText('Only a VoiceDesk administrator can change the EMR connection').waitFor();
    expect(await page.getByLabel('OSCAR address').isDisabled()).toBe(true);
    expect(await page.getByLabel('OSCAR address').inputValue()).toBe(suite.sim.url);
    expect(await page.getByLabel('Password', { exact: true }).isDisabled()).toBe(true);
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    expect((await page.getByTestId('password-mask').textContent())?.trim()).toBe('A password is stored. Leave empty to keep it.');
    expect(await page.getByRole('button', { name: /^Save/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Pull config' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByTestId('connection-test').getByText('Connected: OSCAR accepted these credentials.').waitFor();
    await page.getByTestId('emr-verified').getByText('Verified').waitFor();
    await screenshot(page, 'settings-emr-manager');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('an admin pulls the OSCAR configuration and sees the codes and that SOAP exposes no sites', async () => {
    await signedIn(suite.admin, `/clinics/${suite.clinic.id}/settings?section=emr`);
    await heading('Clinic settings');
    expect(await page.getByLabel('OSCAR address').isDisabled()).toBe(false);
    await page.getByRole('button', { name: 'Pull config' }).click();
    await page.getByTestId('config-pull').getByText(/Pulled \d+ schedule codes/).waitFor();
    const firstCode = suite.sim.data.scheduleTemplateCodes[0];
    await page.getByRole('table').getByRole('cell', { name: firstCode.description, exact: true }).waitFor();
    await page.getByText('OSCAR’s SOAP services expose no sites').waitFor();
    await screenshot(page, 'settings-emr-admin');

    // the admin chooses the codes the receptionist may book
    const codes = page.getByTestId('schedule-codes');
    const boxes = codes.getByRole('checkbox');
    const checked: string[] = [];
    for (const box of await boxes.all()) if (await box.isChecked()) checked.push((await box.getAttribute('aria-label'))!);
    expect(checked.length).toBeGreaterThan(1);
    await codes.getByRole('checkbox', { name: checked[0] }).uncheck();
    await page.getByRole('button', { name: 'Save bookable codes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const config = await call(suite.app, 'GET', `/api/clinics/${suite.clinic.id}/config`, { token: suite.adminToken });
    expect(config.body.oscarConfig.bookableScheduleCodes).toHaveLength(checked.length - 1);
  });

  it('an admin sees a refused connection in plain words, types the right password (write-only) and the test then passes', async () => {
    const other = await call(suite.app, 'POST', '/api/clinics', { token: suite.adminToken, body: { name: `False Creek Clinic ${randomSuffix()}`, timezone: suite.sim.data.timezone } });
    const wrong = 'not-the-password-1234';
    await call(suite.app, 'PUT', `/api/clinics/${other.body.id}/config`, {
      token: suite.adminToken,
      body: { emr: { oscarUrl: suite.sim.url, oscarSoapUsername: String(suite.sim.securityNo), oscarSoapPassword: wrong } },
    });
    await signedIn(suite.admin, `/clinics/${other.body.id}/settings?section=emr`);
    await heading('Clinic settings');
    // only that a password is stored: none of its characters
    expect((await page.getByTestId('password-mask').textContent())?.trim()).toBe('A password is stored. Leave empty to keep it.');
    await page.getByRole('button', { name: 'Test connection' }).click();
    const result = page.getByTestId('connection-test');
    await result.getByText(/^Not connected: .+/).waitFor();
    expect(await result.textContent()).not.toContain(wrong);
    await screenshot(page, 'settings-emr-refused');

    await page.getByLabel('Password', { exact: true }).fill(suite.sim.password);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    expect((await page.getByTestId('password-mask').textContent())?.trim()).toBe('A password is stored. Leave empty to keep it.');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await result.getByText('Connected: OSCAR accepted these credentials.').waitFor();
  });

  it('SMS templates preview as this clinic’s patients read them (its name and number), in English and Chinese; an unknown placeholder is refused on save beside its field', async () => {
    expect((await call(suite.app, 'PATCH', `/api/clinics/${suite.clinic.id}`, { token: suite.adminToken, body: { phone: '604-555-0100' } })).status).toBe(200);
    await signedIn(suite.manager, `/clinics/${suite.clinic.id}/settings?section=sms`);
    await heading('Clinic settings');
    await page.getByLabel('Appointment booked (English)').fill('See {providerName} on {date} at {time}. Call {clinicPhone}. {oops}');
    await expect.poll(() => page.getByTestId('smsTemplateBookEn-preview').textContent()).toBe('See Dr. Chen on Tuesday, March 10 at 9:30 a.m. Call +1 604-555-0100. {oops}');
    await page.getByText('Unknown placeholder: oops').waitFor();
    await page.getByLabel('Appointment booked (Chinese)').fill('{clinicName}：预约时间 {date} {time}');
    await page.getByTestId('smsTemplateBookZh-preview').getByText(`${suite.clinic.name}：预约时间 3月10日 (星期二) 9:30`).waitFor();
    await screenshot(page, 'settings-sms');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    suite.current.expectedErrors.push(/status of 400/);
    await page.getByRole('form', { name: 'SMS templates' }).getByRole('button', { name: /save/i }).click();
    await field('Appointment booked (English)').getByText(/Unknown placeholder \{oops\}: a text can use \{clinicName\}/).waitFor();
    const stored = await call(suite.app, 'GET', `/api/clinics/${suite.clinic.id}/config`, { token: suite.adminToken });
    expect(stored.body.sms).toMatchObject({ smsTemplateBookEn: null, smsTemplateBookZh: null });
  });
});

describe('hours and holidays', () => {
  it('a closing time before the opening time is said beside that field, in the API’s words', async () => {
    await signedIn(suite.manager);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Hours and holidays' }).click();
    await heading('Hours and holidays');
    await page.getByLabel('Monday opens').fill('10:00');
    await page.getByLabel('Monday closes').fill('08:00');
    suite.current.expectedErrors.push(/status of 400/);
    await page.getByRole('button', { name: 'Save hours' }).click();
    await field('Monday closes').getByText('Closing time must be after opening time on Monday').waitFor();
    await screenshot(page, 'hours-validation');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Monday closes').fill('18:00');
    await page.getByRole('button', { name: 'Save hours' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const week = await call(suite.app, 'GET', `/api/clinics/${suite.clinic.id}/hours`, { token: suite.adminToken });
    expect(week.body.items.find((d: { dayOfWeek: number }) => d.dayOfWeek === 1)).toMatchObject({ openTime: '10:00', closeTime: '18:00', isClosed: false });
  });

  it('a manager adds a holiday and deletes it after confirming', async () => {
    await signedIn(suite.manager, `/clinics/${suite.clinic.id}/hours`);
    await heading('Hours and holidays');
    await page.getByRole('heading', { name: 'No holidays' }).waitFor();
    const date = `${new Date().getFullYear() + 1}-07-01`;
    await page.getByLabel('Date', { exact: true }).fill(date);
    await page.getByLabel('Name', { exact: true }).fill('Canada Day');
    await page.getByRole('button', { name: 'Add holiday' }).click();
    const list = page.getByTestId('holidays');
    await list.getByText('Canada Day').waitFor();
    await screenshot(page, 'holidays');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: `Delete Canada Day on ${date}` }).click();
    const confirmDialog = page.getByRole('alertdialog', { name: 'Delete this holiday?' });
    await confirmDialog.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('heading', { name: 'No holidays' }).waitFor();
    const holidays = await call(suite.app, 'GET', `/api/clinics/${suite.clinic.id}/holidays`, { token: suite.adminToken });
    expect(holidays.body.items).toEqual([]);
  });
});

describe('providers', () => {
  const realProviders = () => suite.sim.data.providers.filter((p) => !['999998', '-1'].includes(p.providerNo));

  it('Sync from OSCAR shows the counts and the providers; a voice-bookable toggle persists; the detail shows where each value comes from', async () => {
    await signedIn(suite.manager);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Providers' }).click();
    await heading('Providers');
    await page.getByRole('button', { name: 'Sync from OSCAR' }).click();
    const count = realProviders().length;
    await page.getByTestId('sync-result').getByText(`Synced ${count} providers from OSCAR: ${count} new, 0 updated, 0 made inactive.`).waitFor();
    const table = page.getByTestId('providers-table');
    const first = realProviders()[0];
    await table.getByText(first.lastName, { exact: false }).first().waitFor();
    expect(await table.locator('tbody tr').count()).toBe(count);
    await screenshot(page, 'providers');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const row = table.locator('tbody tr', { hasText: first.providerNo });
    const toggle = row.getByRole('switch');
    const before = (await toggle.getAttribute('aria-checked')) === 'true';
    const patches = drive.watchApi(page, `/api/clinics/${suite.clinic.id}/providers/${await providerId(first.providerNo)}`);
    await toggle.click();
    await expect.poll(() => patches.length).toBe(1);
    expect(patches).toEqual([{ method: 'PATCH', status: 200 }]);

    await page.reload();
    await heading('Providers');
    const reloaded = page.getByTestId('providers-table').locator('tbody tr', { hasText: first.providerNo }).getByRole('switch');
    expect(await reloaded.getAttribute('aria-checked')).toBe(String(!before));

    await page.getByRole('link', { name: new RegExp(first.lastName) }).first().click();
    await page.getByTestId('effective-config').waitFor();
    const bookable = page.getByTestId('effective-config').getByRole('row', { name: /Bookable by voice/ });
    expect(await bookable.textContent()).toContain(!before ? 'Yes' : 'No');
    await page.getByTestId('effective-config').getByText('Clinic setting').first().waitFor();
    await screenshot(page, 'provider-detail');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('when OSCAR refuses the credentials, Sync from OSCAR says so in plain words and the list keeps its rows', async () => {
    await signedIn(suite.manager, `/clinics/${suite.clinic.id}/providers`);
    await heading('Providers');
    await page.getByTestId('providers-table').waitFor();
    suite.current.expectedErrors.push(/status of [45]\d\d/);
    await suite.sim.control.setFaults({ refuseCredentials: true });
    try {
      await page.getByRole('button', { name: 'Sync from OSCAR' }).click();
      const problem = page.getByTestId('sync-problem');
      await problem.waitFor();
      expect((await problem.textContent())?.trim()).not.toBe('');
      expect(await page.getByTestId('providers-table').locator('tbody tr').count()).toBe(realProviders().length);
      await screenshot(page, 'providers-sync-refused');
    } finally {
      await suite.sim.control.clearFaults();
    }
  });

  async function providerId(providerNo: string): Promise<string> {
    const list = await call(suite.app, 'GET', `/api/clinics/${suite.clinic.id}/providers?limit=100`, { token: suite.adminToken });
    return list.body.items.find((p: { oscarProviderId: string }) => p.oscarProviderId === providerNo).id;
  }
});

describe('audit log (admin)', () => {
  it('shows the admin’s actions, filters by action, and exports the rows as CSV', async () => {
    await signedIn(suite.admin);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    await heading('Audit log');
    const table = page.getByTestId('audit-table');
    await table.getByRole('row', { name: /Clinic created/ }).first().waitFor();
    expect(await table.getByRole('row', { name: /Clinic created/ }).first().textContent()).toContain(suite.admin.email);
    await screenshot(page, 'audit-log');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('combobox', { name: 'Action' }).click();
    await page.getByRole('option', { name: 'Settings changed', exact: true }).click();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await table.getByRole('row', { name: /Settings changed/ }).first().waitFor();
    await expect.poll(() => table.getByRole('row', { name: /Clinic created/ }).count()).toBe(0);

    // the details of a settings change: the body as recorded, secrets redacted
    await table.getByRole('row', { name: /Settings changed/ }).last().getByRole('button', { name: 'Details' }).click();
    const details = page.getByTestId('audit-details');
    await details.waitFor();
    expect(await details.textContent()).not.toContain(suite.sim.password);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const { readFile } = await import('node:fs/promises');
    const csv = await readFile((await file.path())!, 'utf8');
    expect(csv).toContain('config.update');
    expect(csv).not.toContain('clinic.create');
  });
});
