import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { insertCallLogs } from '../../libs/testing/src/call-logs.js';
import { randomSuffix } from '../../libs/testing/src/factories.js';
import { call, signInToken } from '../../libs/testing/src/http.js';
import { screenshot, seriousAccessibilityViolations, unavailableOnce } from './support/browser.js';
import { consoleSuite } from './support/console-suite.js';

/*
 * The clinic's daily work (call logs, waitlist, tickets, notifications) as a clinic manager and
 * an admin use it, against the real API on a real PostgreSQL database. Call logs are written
 * straight into the database (what the voice webhook leaves at the end of a call); everything
 * else is created through the API or the screens.
 */

const suite = consoleSuite({ clinic: { name: 'Fairview Family' } });
const { page, signedIn, heading, menu } = suite;

describe('call logs', () => {
  it('a manager reads the summary, filters the calls, loads more, and opens one with its transcript', async () => {
    const hourAgo = new Date(Date.now() - 3_600_000);
    const [booked] = await insertCallLogs(suite.app.db.dataSource, suite.clinic.id, [
      {
        callerPhone: '+16045550123', language: 'en', intent: 'book', outcome: 'booked', durationSeconds: 185, at: hourAgo,
        summary: 'Booked a follow-up with Dr. Chen on Thursday.', transcript: 'AI: Fairview Family, how can I help?\nUser: I need a follow-up with Dr. Chen.',
      },
      { callerPhone: '+16045550188', language: 'zh', intent: 'inquiry', outcome: 'transferred', durationSeconds: 64, transferredToStaff: true, transferReason: 'asked for a person', at: hourAgo },
      ...Array.from({ length: 26 }, () => ({ callerPhone: '+16045550100', language: 'en', intent: 'inquiry', outcome: 'no_action', durationSeconds: 30, at: new Date(Date.now() - 2 * 86_400_000) })),
    ]);

    await signedIn(suite.manager);
    await menu('Call logs').click();
    await page.waitForURL(`**/clinics/${suite.clinic.id}/call-logs`);
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
    // when the call began (185 s before it ended), at the clinic's own offset as the API sent it (not this computer's zone)
    const at = DateTime.fromJSDate(hourAgo).minus({ seconds: 185 }).setZone('America/Vancouver');
    expect(await rows.first().textContent()).toContain(`${at.toFormat('yyyy-MM-dd HH:mm')} (UTC${at.toFormat('ZZ').replace('-', '\u2212')})`);
    await rows.first().getByRole('link').click();
    await page.waitForURL(`**/call-logs/${booked}`);
    await heading(/^Call of /);
    expect(await page.getByTestId('call-outcome').textContent()).toBe('Booked');
    expect(await page.getByTestId('call-summary-text').textContent()).toContain('follow-up with Dr. Chen on Thursday');
    expect(await page.getByTestId('transcript').textContent()).toContain('I need a follow-up with Dr. Chen.');
    await screenshot(page, 'call-detail');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('an admin who opens Call logs before picking a clinic picks one and lands on its call logs', async () => {
    await signedIn(suite.admin);
    await page.evaluate(() => sessionStorage.removeItem('voicedesk.clinicId'));
    await menu('Call logs').click();
    await heading('Choose a clinic');
    await page.getByLabel('Search by name or slug').fill(suite.clinic.name);
    await page.getByRole('row', { name: new RegExp(suite.clinic.name) }).getByRole('button', { name: /^Work in this clinic/ }).click();
    await page.waitForURL(`**/clinics/${suite.clinic.id}/call-logs`);
    await heading('Call logs');
    await page.getByTestId('calls-table').waitFor();
  });
});

describe('loading problems', () => {
  it('when the tickets cannot be loaded the page says why, and Try again loads them', async () => {
    await signedIn(suite.manager);
    await unavailableOnce(page, `**/api/clinics/${suite.clinic.id}/tickets?**`, 'The database is not answering.');
    suite.current.expectedErrors.push(/status of 503/);
    await page.goto(`/clinics/${suite.clinic.id}/tickets`);
    const problem = page.getByRole('alert').filter({ hasText: 'The tickets could not be loaded' });
    await problem.getByText('The database is not answering.').waitFor();
    await problem.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { name: /^No tickets yet$|^No tickets match$/ }).or(page.getByTestId('tickets-table')).first().waitFor();
  });
});

describe('waitlist', () => {
  it('a manager filters the waitlist, reads an entry’s details, moves it along the workflow (kept after a reload), and sees the API’s 409', async () => {
    const token = await signInToken(suite.app, suite.manager);
    const created = await call(suite.app, 'POST', `/api/clinics/${suite.clinic.id}/waitlist`, {
      token,
      body: { firstName: 'Mei', lastName: `Wong${randomSuffix()}`, phone: '604-555-0177', details: { dateOfBirth: '1985-04-12', healthCardType: 'BC', language: 'zh' } },
    });
    expect(created.status).toBe(201);
    const entry: { id: string; lastName: string } = created.body;

    await signedIn(suite.manager);
    await menu('Waitlist').click();
    await page.waitForURL(`**/clinics/${suite.clinic.id}/waitlist`);
    await heading('Waitlist');
    const table = page.getByTestId('waitlist-table');
    await table.getByRole('link', { name: new RegExp(entry.lastName) }).waitFor();
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Registered' }).click();
    await page.getByRole('heading', { name: 'No entries with this status' }).waitFor();
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Pending' }).click();
    await table.getByRole('link', { name: new RegExp(entry.lastName) }).click();

    await page.waitForURL(`**/waitlist/${entry.id}`);
    await heading(`Mei ${entry.lastName}`);
    const details = page.getByTestId('waitlist-details');
    expect(await details.textContent()).toContain('1985-04-12');
    expect(await details.textContent()).toContain('Chinese');
    await page.getByRole('button', { name: 'Mark contacted' }).click();
    await page.getByRole('status').filter({ hasText: 'Marked contacted.' }).waitFor();
    await page.reload();
    await heading(`Mei ${entry.lastName}`);
    expect(await page.getByTestId('waitlist-status').textContent()).toBe('Contacted');
    await screenshot(page, 'waitlist-entry');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // someone else declines it meanwhile: the API refuses the stale move and says why
    const declined = await call(suite.app, 'PATCH', `/api/clinics/${suite.clinic.id}/waitlist/${entry.id}`, { token, body: { status: 'declined' } });
    expect(declined.status).toBe(200);
    suite.current.expectedErrors.push(/status of 409/);
    await page.getByRole('button', { name: 'Mark registered' }).click();
    await page.getByTestId('waitlist-move-error').getByText(/already declined/).waitFor();
  });

  it('a manager adds an entry: the API’s message stands beside the phone field, then the new entry opens', async () => {
    await signedIn(suite.manager, `/clinics/${suite.clinic.id}/waitlist`);
    await heading('Waitlist');
    await page.getByRole('button', { name: 'Add to waitlist' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add to the waitlist' });
    const lastName = `Singh${randomSuffix()}`;
    await dialog.getByLabel('First name').fill('Ravi');
    await dialog.getByLabel('Last name').fill(lastName);
    await dialog.getByLabel('Phone').fill('12');
    await dialog.getByLabel('Date of birth').fill('1990-02-03');
    suite.current.expectedErrors.push(/status of 400/);
    await dialog.getByRole('button', { name: 'Add to waitlist' }).click();
    await dialog.locator('mat-form-field', { has: page.getByLabel('Phone') }).getByText('Phone number: enter the number with its country code, e.g. +1 604 555 0142').waitFor();
    await screenshot(page, 'waitlist-add-error');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await dialog.getByLabel('Phone').fill('604 555 0142');
    await dialog.getByRole('button', { name: 'Add to waitlist' }).click();
    await dialog.waitFor({ state: 'detached' });
    await heading(`Ravi ${lastName}`);
    expect(await page.getByTestId('waitlist-details').textContent()).toContain('1990-02-03');
    await page.getByRole('link', { name: 'Whole waitlist' }).click();
    await page.getByTestId('waitlist-table').getByRole('link', { name: new RegExp(lastName) }).waitFor();
  });
});

describe('tickets', () => {
  const title = `Receptionist misses late calls ${randomSuffix()}`;
  let ticketUrl: string;

  it('a manager opens a ticket in the dialog and replies in its thread; the reply is kept after a reload', async () => {
    await signedIn(suite.manager);
    await menu('Tickets').click();
    await page.waitForURL(`**/clinics/${suite.clinic.id}/tickets`);
    await heading('Tickets');
    await page.getByRole('button', { name: 'New ticket' }).click();
    const dialog = page.getByRole('dialog', { name: 'New ticket' });
    await dialog.getByLabel('Title').fill(title);
    await dialog.getByLabel('Description').fill('Calls after 5 pm go to voicemail.');
    await dialog.getByRole('combobox', { name: 'Priority' }).click();
    await page.getByRole('option', { name: 'High' }).click();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Open ticket' }).click();
    await dialog.waitFor({ state: 'detached' });
    await heading(title);
    ticketUrl = new URL(page.url()).pathname;
    expect(await page.getByTestId('ticket-status').textContent()).toBe('Open');
    // a clinic can only close an open ticket; moving it along is support's
    expect(await page.locator('.actions button').allTextContents()).toEqual(['Close the ticket']);
    expect(await page.getByRole('checkbox', { name: /Internal note/ }).count()).toBe(0);

    await page.getByRole('textbox', { name: 'Reply' }).fill('It started on Monday.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByRole('status').filter({ hasText: 'Reply sent.' }).waitFor();
    await page.reload();
    await heading(title);
    await page.getByTestId('ticket-thread').getByText('It started on Monday.').waitFor();
  });

  it('support sees it among every clinic’s tickets, adds an internal note (marked) and a reply, and resolves it', async () => {
    await signedIn(suite.admin);
    await menu('Tickets').click();
    await page.waitForURL('**/tickets');
    await heading('Tickets');
    const row = page.getByTestId('tickets-table').getByRole('row', { name: new RegExp(title) });
    await row.getByText(suite.clinic.name).waitFor();
    await screenshot(page, 'tickets-all');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await row.getByRole('link', { name: title }).click();
    await heading(title);

    await page.getByRole('checkbox', { name: /Internal note/ }).check();
    await page.getByRole('textbox', { name: 'Internal note' }).fill('Their Vapi number forwards after 5 pm; check the carrier.');
    await page.getByRole('button', { name: 'Add internal note' }).click();
    await page.getByRole('status').filter({ hasText: 'Internal note added.' }).waitFor();
    await page.getByRole('textbox', { name: 'Reply' }).fill('We found the cause and fixed the forwarding.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByRole('status').filter({ hasText: 'Reply sent.' }).waitFor();
    await page.getByRole('button', { name: 'Mark resolved' }).click();
    await page.getByRole('status').filter({ hasText: 'Status: Resolved.' }).waitFor();

    await page.reload();
    await heading(title);
    expect(await page.getByTestId('ticket-status').textContent()).toBe('Resolved');
    const note = page.locator('[data-internal="true"]');
    expect(await note.textContent()).toContain('Internal note — only VoiceDesk support sees this');
    expect(await note.textContent()).toContain('check the carrier');
    await screenshot(page, 'ticket-support');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('the manager reads support’s reply but never the internal note, and reopens the resolved ticket', async () => {
    await signedIn(suite.manager, ticketUrl);
    await heading(title);
    const thread = page.getByTestId('ticket-thread');
    await thread.getByText('We found the cause and fixed the forwarding.').waitFor();
    expect(await thread.textContent()).toContain('(VoiceDesk support)');
    expect(await thread.textContent()).not.toContain('check the carrier');
    expect(await page.locator('[data-internal="true"]').count()).toBe(0);
    await page.getByRole('button', { name: 'Reopen' }).click();
    await page.getByRole('status').filter({ hasText: 'Status: Open.' }).waitFor();
    await page.reload();
    await heading(title);
    expect(await page.getByTestId('ticket-status').textContent()).toBe('Open');
    await screenshot(page, 'ticket-manager');
  });
});

describe('notifications', () => {
  it('the bell counts the unread; the list marks one read, opens the ticket, and marks all read, kept after a reload', async () => {
    // support answers three tickets of this manager: each reply notifies the ticket's creator
    const token = await signInToken(suite.app, suite.manager);
    const titles = [`Printer fax ${randomSuffix()}`, `Holiday greeting ${randomSuffix()}`, `Voice speed ${randomSuffix()}`];
    const ids: string[] = [];
    for (const title of titles) {
      const opened = await call(suite.app, 'POST', `/api/clinics/${suite.clinic.id}/tickets`, { token, body: { title, description: 'Please help.' } });
      expect(opened.status).toBe(201);
      ids.push(opened.body.id);
      const reply = await call(suite.app, 'POST', `/api/clinics/${suite.clinic.id}/tickets/${opened.body.id}/messages`, { token: suite.adminToken, body: { content: 'Looking into it.' } });
      expect(reply.status).toBe(201);
    }
    const before = await call(suite.app, 'GET', '/api/notifications', { token });
    const unread: number = before.body.unreadCount;
    expect(unread).toBeGreaterThanOrEqual(3);

    await signedIn(suite.manager);
    const bell = page.getByTestId('notifications-bell');
    await page.getByTestId('unread-count').filter({ hasText: String(unread) }).waitFor();
    expect(await bell.getAttribute('aria-label')).toBe(`Notifications, ${unread} unread`);
    await bell.click();
    await heading('Notifications');
    const items = page.getByTestId('notifications').getByRole('listitem');
    await items.first().waitFor();
    await screenshot(page, 'notifications');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // newest first: the last ticket's reply
    const newest = items.first();
    await newest.getByRole('button', { name: /^Mark read/ }).click();
    await page.getByTestId('unread-count').filter({ hasText: String(unread - 1) }).waitFor();
    await page.reload();
    await heading('Notifications');
    await page.getByTestId('unread-count').filter({ hasText: String(unread - 1) }).waitFor();
    expect(await items.first().getAttribute('data-read')).toBe('true');

    // opening one reads it and leads to its ticket
    await items.nth(1).getByRole('button', { name: /^Open/ }).click();
    await page.waitForURL(`**/clinics/${suite.clinic.id}/tickets/${ids[1]}`);
    await heading(titles[1]);
    await page.getByTestId('unread-count').filter({ hasText: String(unread - 2) }).waitFor();

    await bell.click();
    await heading('Notifications');
    await page.getByRole('button', { name: 'Mark all read' }).click();
    await page.getByRole('status').filter({ hasText: 'All notifications are marked read.' }).waitFor();
    await page.reload();
    await heading('Notifications');
    await items.first().waitFor();
    expect(await page.getByTestId('unread-count').count()).toBe(0);
    expect(await bell.getAttribute('aria-label')).toBe('Notifications, none unread');
    expect(await page.getByRole('button', { name: 'Mark all read' }).isDisabled()).toBe(true);
    const after = await call(suite.app, 'GET', '/api/notifications', { token });
    expect(after.body.unreadCount).toBe(0);
  });
});
