import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomPhone, randomSuffix } from '../../libs/testing/src/factories.js';
import { call } from '../../libs/testing/src/http.js';
import { startVapiFake, type VapiFake } from '../../libs/testing/src/vapi-fake.js';
import { screenshot, seriousAccessibilityViolations } from './support/browser.js';
import { consoleSuite } from './support/console-suite.js';

/*
 * Onboarding to go-live against the real API, the OSCAR simulator and a local Vapi fake: an admin
 * provisions a clinic in the console, lands on its checklist, the settings are done (through the
 * API, as the settings screens do), Vapi is tested from the checklist, and the clinic goes live.
 */

// the Vapi fake starts before the suite's app (which is told its address) and closes after it
let vapi: VapiFake;
beforeAll(async () => {
  vapi = await startVapiFake();
});
afterAll(async () => {
  await vapi?.close();
});

const suite = consoleSuite({ env: () => ({ VAPI_API_KEY: vapi.apiKey, VAPI_API_BASE_URL: vapi.url }), oscarSim: true });

const as = (method: string, path: string, body?: unknown) => call(suite.app, method, path, { token: suite.adminToken, body });

async function confirmDialog(page: Page, button: string): Promise<void> {
  await page.getByRole('alertdialog').getByRole('button', { name: button }).click();
}

describe('onboarding', () => {
  it('an admin provisions a clinic against the simulator, follows its checklist and takes it live', async () => {
    const page = await suite.signedIn(suite.admin);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clinics' }).click();
    await page.getByRole('button', { name: 'New clinic' }).click();
    const dialog = page.getByRole('dialog', { name: 'New clinic' });
    const name = `Marpole Family ${randomSuffix()}`;
    const vapiPhone = randomPhone();
    await dialog.getByLabel('Clinic name').fill(name);
    await dialog.getByLabel('Main phone').fill('+1 604 555 0142');
    await dialog.getByLabel('Receptionist number (Vapi)').fill(vapiPhone);
    await dialog.getByLabel('Street address').fill('1200 W 70th Ave');
    await dialog.getByLabel('City').fill('Vancouver');
    await dialog.getByLabel('Postal code').fill('V6P 2Y3');
    await dialog.getByRole('button', { name: 'Create clinic' }).click();

    // the new clinic's checklist: clinic details done, the rest with what it still needs and where
    await page.waitForURL('**/onboarding');
    const clinicId = new URL(page.url()).pathname.split('/')[2];
    await page.getByRole('heading', { level: 1, name: 'Onboarding' }).waitFor();
    const item = (flag: string) => page.locator(`li[data-flag="${flag}"]`);
    await item('clinicInfoDone').getByText('Clinic details: done').waitFor();
    await item('privacyOfficerSet').getByText("The privacy officer's name and email are not set").waitFor();
    expect(await item('privacyOfficerSet').getByRole('link', { name: 'Name the privacy officer' }).getAttribute('href')).toBe(`/clinics/${clinicId}/settings?section=privacy`);
    expect(await page.getByRole('button', { name: 'Complete onboarding' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Go live' }).isDisabled()).toBe(true);
    await screenshot(page, 'onboarding-new-clinic');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // what the settings screens do: EMR connected to the simulator and tested, providers synced,
    // privacy officer, agreements, hours saved, Vapi ids
    expect((await as('PUT', `/api/clinics/${clinicId}/config`, {
      emr: { emrType: 'oscar-universal', oscarUrl: suite.sim.url, oscarSoapUsername: String(suite.sim.securityNo), oscarSoapPassword: suite.sim.password },
      privacyOfficer: { privacyOfficerName: 'Dana Lee', privacyOfficerEmail: 'privacy@marpole.example' },
      agreements: { baaVapiSigned: true, baaHostingSigned: true },
      voice: { vapiAssistantId: 'asst-marpole', vapiPhoneNumberId: 'pn-marpole' },
    })).status).toBe(200);
    expect((await as('POST', `/api/clinics/${clinicId}/emr/test-connection`)).body.verified).toBe(true);
    expect((await as('POST', `/api/clinics/${clinicId}/providers/sync`)).status).toBe(200);
    const hours = (await as('GET', `/api/clinics/${clinicId}/hours`)).body;
    expect((await as('PUT', `/api/clinics/${clinicId}/hours`, hours)).status).toBe(200);
    vapi.assistants.set('asst-marpole', 'Marpole receptionist');
    vapi.numbers.set('pn-marpole', vapiPhone);
    vapi.routes.set('pn-marpole', { assistantId: 'asst-marpole' });

    await page.reload();
    await item('providersDone').getByText('Providers synced: done').waitFor();
    await page.getByRole('button', { name: 'Complete onboarding' }).click();
    await confirmDialog(page, 'Complete onboarding');
    await page.getByTestId('onboarding-notice').getByText('Onboarding is complete.').waitFor();

    await page.getByRole('button', { name: 'Test Vapi connection' }).click();
    await page.getByTestId('vapi-result').getByText('Vapi connection verified').waitFor();
    await item('vapiAssigned').getByText('Vapi number and assistant assigned: done').waitFor();
    expect(await page.getByRole('button', { name: 'Go live' }).isDisabled()).toBe(true);
    await page.getByTestId('go-live-why').getByText('No test call has passed.').waitFor();
    await page.getByRole('button', { name: 'A test call passed' }).click();
    await item('testCallPassed').getByText('Test call passed: done').waitFor();

    await page.getByRole('button', { name: 'Go live' }).click();
    await confirmDialog(page, 'Go live');
    await page.getByTestId('onboarding-notice').getByText('The clinic is live.').waitFor();
    await page.getByTestId('go-live-why').getByText('The clinic is live.').waitFor();
    // the clinic's header says so at once, without a reload
    await page.getByTestId('clinic-context').getByText(/· Active ·/).waitFor();
    await screenshot(page, 'onboarding-live');
    expect((await as('GET', `/api/clinics/${clinicId}`)).body.status).toBe('active');
  });
});
