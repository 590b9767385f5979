import { describe, expect, it } from 'vitest';
import { createDemoData } from '../../apps/oscar-sim/src/data/demo/demo-data.js';
import { textPdf } from '../../libs/testing/src/fax-documents.js';
import { call } from '../../libs/testing/src/http.js';
import type { SimDataFile } from '../../libs/testing/src/oscar-sim.js';
import { waitFor } from '../../libs/testing/src/telnyx-fake.js';
import { screenshot, seriousAccessibilityViolations } from './support/browser.js';
import { consoleSuite } from './support/console-suite.js';

/*
 * The fax inbox as a clinic manager uses it, against the real API, PostgreSQL, the job queue,
 * the document reader and the OSCAR simulator: upload a referral and watch it being read and
 * matched; review a fax about one of two patients of the same name and verify the right chart;
 * reject one that is not for the clinic.
 */

/** The demo data with two patients named Sam Rivera, told apart only by their birth dates. */
function demoDataWithTwins(): SimDataFile {
  const data = createDemoData();
  const twin = { sex: 'M', phone: null, phone2: null, hcType: 'BC', patientStatus: 'AC', providerNo: '101', spokenLanguage: 'English' };
  data.demographics.push(
    { ...twin, demographicNo: 9101, firstName: 'SAM', lastName: 'RIVERA', dateOfBirth: '1970-05-05' } as never,
    { ...twin, demographicNo: 9102, firstName: 'SAM', lastName: 'RIVERA', dateOfBirth: '1999-12-12' } as never,
  );
  return data;
}

const suite = consoleSuite({
  oscarSim: { badPasswordDelayMs: 0, data: demoDataWithTwins() },
  clinic: { name: 'Harbour Fax Clinic', emr: {} },
});
const { page, signedIn, menu } = suite;

async function uploadByApi(bytes: Buffer, name: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), name);
  const response = await fetch(`${suite.app.baseUrl}/api/clinics/${suite.clinic.id}/faxes`, { method: 'POST', headers: { authorization: `Bearer ${suite.adminToken}` }, body: form });
  const body = (await response.json()) as { id: string };
  await waitFor(async () => {
    const doc = await call(suite.app, 'GET', `/api/clinics/${suite.clinic.id}/faxes/${body.id}`, { token: suite.adminToken });
    return ['matched', 'needs_review', 'failed'].includes(doc.body.status) ? true : undefined;
  }, 60_000, 'the fax to be read');
  return body.id;
}

describe('fax inbox', () => {
  it('a manager uploads a referral and watches it being read and matched, its page shown beside the fields', async () => {
    const referral = await textPdf([['REFERRAL LETTER', 'Patient: Harriet Jones', 'Date of Birth: 1948-03-14', 'PHN: 9698 658 215', 'Referring Physician: Dr. Amy Chen']]);
    await signedIn(suite.manager);
    await menu('Faxes').click();
    await page.waitForURL(`**/clinics/${suite.clinic.id}/faxes`);
    await page.getByRole('heading', { level: 1, name: 'Faxes' }).waitFor();
    await page.getByText('No faxes needs review').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByTestId('fax-file').setInputFiles({ name: 'referral.pdf', mimeType: 'application/pdf', buffer: referral });
    await page.waitForURL(new RegExp(`/clinics/${suite.clinic.id}/faxes/[0-9a-f-]{36}$`));
    await expect.poll(() => page.getByTestId('fax-status').textContent(), { timeout: 60_000 }).toContain('Matched');
    await page.getByTestId('fax-page').first().waitFor();
    expect(await page.getByTestId('fax-fields').textContent()).toContain('Harriet');
    expect(await page.getByTestId('fax-fields').textContent()).toContain('1948-03-14');
    expect(await page.getByTestId('fax-match').textContent()).toMatch(/Suggested: Harriet Jones \(chart 1\)[\s\S]*Health number, 100 %/);
    await screenshot(page, 'fax-document');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('a fax about one of two patients with the same name waits for review; the manager verifies the right chart', async () => {
    const faxId = await uploadByApi(await textPdf([['CONSULTATION REPORT', 'Patient: Sam Rivera', 'Thank you for referring this patient.']]), 'consult.pdf');
    await signedIn(suite.manager);
    await menu('Faxes').click();
    await page.getByTestId('tab-needs_review').getByText('Needs review (1)').waitFor();
    await page.getByTestId('faxes-table').getByRole('link').first().click();
    await page.waitForURL(`**/faxes/${faxId}`);
    const candidates = page.getByTestId('fax-candidates').locator('tbody tr');
    await expect.poll(() => candidates.count()).toBe(2);
    expect(await candidates.first().textContent()).toContain('Name only');
    await page.getByTestId('fax-page').first().waitFor();
    await screenshot(page, 'fax-review');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Verify chart 9102' }).click();
    await expect.poll(() => page.getByTestId('fax-status').textContent()).toContain('Verified');
    expect(await page.getByTestId('fax-match').textContent()).toContain('Verified: Sam Rivera (chart 9102)');
  });

  it('a manager rejects a fax that is not for the clinic, and a chart that does not exist is refused in plain words', async () => {
    const faxId = await uploadByApi(await textPdf([['Office notice', 'Our pharmacy closes early on Friday.']]), 'notice.pdf');
    await signedIn(suite.manager);
    await page.goto(`/clinics/${suite.clinic.id}/faxes/${faxId}`);
    await page.getByLabel('Chart number (demographic no.)').fill('424242');
    await page.getByRole('button', { name: 'Verify this chart' }).click();
    await expect.poll(() => page.getByTestId('decision-problem').textContent()).toContain('no chart with this number');
    await page.getByLabel('Reason to reject').fill('Sent to the wrong clinic');
    await page.getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => page.getByTestId('fax-status').textContent()).toContain('Archived');
    await page.getByText('Rejected: Sent to the wrong clinic').waitFor();
  });

  it('the platform admin sets the clinic’s fax number in the settings; the manager sees it but cannot change it', async () => {
    await signedIn(suite.admin);
    await page.goto(`/clinics/${suite.clinic.id}/settings?section=fax`);
    await page.getByRole('tab', { name: 'Fax inbox' }).click();
    await page.getByLabel('Fax number').fill('+16045550188');
    await page.getByLabel('Keep faxes (days)').fill('200');
    await page.getByRole('form', { name: 'Fax inbox' }).getByRole('button', { name: /save/i }).click();
    await expect.poll(async () => (await call(suite.app, 'GET', `/api/clinics/${suite.clinic.id}/config`, { token: suite.adminToken })).body.fax).toMatchObject({ faxNumber: '+16045550188', faxRetentionDays: 200 });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await suite.closeContexts();

    await signedIn(suite.manager);
    await page.goto(`/clinics/${suite.clinic.id}/settings?section=fax`);
    await page.getByRole('tab', { name: 'Fax inbox' }).click();
    await expect.poll(() => page.getByLabel('Fax number').inputValue()).toBe('+1 604-555-0188');
    expect(await page.getByLabel('Fax number').isDisabled()).toBe(true);
  });
});
