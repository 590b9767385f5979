import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditService } from '../../apps/api/src/audit/audit.service.js';
import { UserRole } from '../../apps/api/src/database/enums.js';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';
import { createAdmin, createUser } from '../../libs/testing/src/factories.js';
import { signInToken } from '../../libs/testing/src/http.js';

describe('support tickets: threads, internal notes, workflow and the notifications they send', () => {
  let s: ApiSuite;
  /** a second platform admin, signed in */
  let admin2: { id: string; token: string };

  beforeAll(async () => {
    s = await startApiSuite();
    const second = await createAdmin(s.t.db.dataSource);
    admin2 = { id: second.id, token: await signInToken(s.t, second) };
  });
  afterAll(async () => {
    await s?.t.close();
  });

  const notificationsOf = async (token: string) => (await s.as(token, 'GET', '/api/notifications?limit=100')).body.items as Array<Record<string, any>>;
  const aboutTicket = async (token: string, clinicId: string, ticketId: string) =>
    (await notificationsOf(token)).filter((n) => n.link === `/clinics/${clinicId}/tickets/${ticketId}`);

  async function openTicket(fields: Record<string, unknown> = {}) {
    const clinic = await s.newClinic();
    const manager = await s.managerOf(clinic.id);
    const created = await s.as(manager.token, 'POST', `/api/clinics/${clinic.id}/tickets`, {
      title: 'Callers hear the offline message',
      description: 'Every call since 9:00 ends with "we are offline".',
      ...fields,
    });
    expect(created.status).toBe(201);
    return { clinic, manager, ticket: created.body, path: `/api/clinics/${clinic.id}/tickets/${created.body.id}` };
  }

  it('a manager opens a ticket: open, medium, and every active platform admin is notified, the ticket named by its title (never its text, nor its title in the notification\'s title)', async () => {
    const inactive = await createUser(s.t.db.dataSource, { role: UserRole.PlatformAdmin, isActive: false });
    const { clinic, manager, ticket } = await openTicket({ clinicId: '00000000-0000-4000-8000-000000000000' });
    expect(ticket).toMatchObject({ clinicId: clinic.id, createdById: manager.id, status: 'open', priority: 'medium', assigneeId: null, messageCount: 0, messages: [] });

    for (const token of [s.adminToken, admin2.token]) {
      const [note] = await aboutTicket(token, clinic.id, ticket.id);
      expect(note).toMatchObject({
        type: 'ticket_created',
        read: false,
        title: `New support ticket from ${clinic.name}`,
        message: `“Callers hear the offline message” · ${clinic.name} · priority medium`,
      });
      expect(JSON.stringify(note)).not.toContain('since 9:00');
    }
    const [{ count }] = await s.t.db.dataSource.query('SELECT count(*)::int AS count FROM notifications WHERE user_id = $1', [inactive.id]);
    expect(count).toBe(0);
    expect(await aboutTicket(manager.token, clinic.id, ticket.id)).toEqual([]);
  });

  it("an admin's internal note is invisible to the manager (list, detail, message list, counts) and notifies nobody on the clinic side", async () => {
    const { clinic, manager, ticket, path } = await openTicket();
    const note = await s.as(s.adminToken, 'POST', `${path}/messages`, { content: 'Their Vapi number points at the old assistant', isInternal: true });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ isInternal: true, fromSupport: true, ticketId: ticket.id });
    const reply = await s.as(s.adminToken, 'POST', `${path}/messages`, { content: 'We are looking into it.' });
    expect(reply.body.isInternal).toBe(false);

    // the admin sees both
    expect((await s.as(s.adminToken, 'GET', path)).body.messageCount).toBe(2);
    expect((await s.as(s.adminToken, 'GET', `${path}/messages`)).body.items).toHaveLength(2);
    const adminList = await s.as(s.adminToken, 'GET', `/api/tickets?clinicId=${clinic.id}`);
    expect(adminList.body.items).toEqual([expect.objectContaining({ id: ticket.id, messageCount: 2 })]);

    // the manager sees only the reply, everywhere
    const detail = await s.as(manager.token, 'GET', path);
    expect(detail.body.messageCount).toBe(1);
    expect(detail.body.messages.map((m: any) => m.content)).toEqual(['We are looking into it.']);
    const messages = await s.as(manager.token, 'GET', `${path}/messages`);
    expect(messages.body.items.map((m: any) => m.isInternal)).toEqual([false]);
    const list = await s.as(manager.token, 'GET', `/api/clinics/${clinic.id}/tickets`);
    expect(list.body.items).toEqual([expect.objectContaining({ id: ticket.id, messageCount: 1 })]);
    for (const body of [detail.body, messages.body, list.body]) expect(JSON.stringify(body)).not.toContain('old assistant');

    // the note notified nobody; the reply notified the creator only
    const mine = await aboutTicket(manager.token, clinic.id, ticket.id);
    expect(mine.map((n) => n.type)).toEqual(['ticket_reply']);
    expect(mine[0].title).toBe('VoiceDesk support replied to your ticket');
    expect((await aboutTicket(admin2.token, clinic.id, ticket.id)).map((n) => n.type)).toEqual(['ticket_created']);
  });

  it("a manager's message is never internal, whatever the body says, and goes to all admins while unassigned, then to the assignee", async () => {
    const { clinic, manager, ticket, path } = await openTicket();
    const sneaky = await s.as(manager.token, 'POST', `${path}/messages`, { content: 'Any news?', isInternal: true });
    expect(sneaky.status).toBe(201);
    expect(sneaky.body).toMatchObject({ isInternal: false, fromSupport: false, authorId: manager.id });
    for (const token of [s.adminToken, admin2.token]) {
      expect((await aboutTicket(token, clinic.id, ticket.id)).map((n) => n.type)).toEqual(['ticket_reply', 'ticket_created']);
    }

    const assigned = await s.as(s.adminToken, 'PATCH', path, { assigneeId: admin2.id, status: 'in_progress' });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ assigneeId: admin2.id, status: 'in_progress' });
    expect((await aboutTicket(admin2.token, clinic.id, ticket.id))[0].type).toBe('ticket_assigned');

    await s.as(manager.token, 'POST', `${path}/messages`, { content: 'A test call failed again at 10:15.' });
    expect((await aboutTicket(admin2.token, clinic.id, ticket.id)).map((n) => n.type)).toEqual(['ticket_reply', 'ticket_assigned', 'ticket_reply', 'ticket_created']);
    // the other admin is no longer told about the clinic's replies
    expect((await aboutTicket(s.adminToken, clinic.id, ticket.id)).map((n) => n.type)).toEqual(['ticket_reply', 'ticket_created']);
  });

  it('status changes follow the workflow, notify the creator, and impossible ones are refused in plain words', async () => {
    const { clinic, manager, path, ticket } = await openTicket({ priority: 'urgent' });
    expect(ticket.priority).toBe('urgent');

    const managerMoves = await s.as(manager.token, 'PATCH', path, { status: 'resolved' });
    expect(managerMoves.status).toBe(403);
    expect(managerMoves.body.message).toBe('A clinic can reopen a resolved ticket or close a ticket; moving it to resolved is done by VoiceDesk support');
    const notResolved = await s.as(manager.token, 'PATCH', path, { status: 'open' });
    expect(notResolved.status).toBe(200); // already open: nothing changes

    for (const status of ['in_progress', 'waiting', 'resolved']) {
      const moved = await s.as(s.adminToken, 'PATCH', path, { status });
      expect(moved.status, status).toBe(200);
      expect(moved.body.status).toBe(status);
    }
    const statusNotes = (await aboutTicket(manager.token, clinic.id, ticket.id)).filter((n) => n.type === 'ticket_status');
    expect(statusNotes.map((n) => n.title)).toEqual(['Ticket resolved', 'Ticket waiting for the clinic', 'Ticket in progress']);

    const reopened = await s.as(manager.token, 'PATCH', path, { status: 'open' });
    expect(reopened.body.status).toBe('open');
    // the clinic reopening is support's news: unassigned, so every admin hears of it
    expect((await aboutTicket(admin2.token, clinic.id, ticket.id))[0]).toMatchObject({ type: 'ticket_status', message: `“Callers hear the offline message” · ${clinic.name} · resolved → open` });
    const backInProgress = await s.as(s.adminToken, 'PATCH', path, { status: 'in_progress' });
    expect(backInProgress.status).toBe(200);
    const refused = await s.as(manager.token, 'PATCH', path, { status: 'open' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('Only a resolved ticket can be reopened; this one is in progress');
    expect(refused.body.errors).toEqual([{ field: 'status', message: refused.body.message }]);

    const closed = await s.as(manager.token, 'PATCH', path, { status: 'closed' });
    expect(closed.body.status).toBe('closed');
    for (const [token, change] of [
      [s.adminToken, { status: 'open' }],
      [manager.token, { title: 'Still broken' }],
    ] as const) {
      const final = await s.as(token, 'PATCH', path, change);
      expect(final.status).toBe(409);
      expect(final.body.message).toBe('This ticket is closed and cannot change any more; open a new ticket instead');
    }
    const lateReply = await s.as(manager.token, 'POST', `${path}/messages`, { content: 'One more thing' });
    expect(lateReply.status).toBe(409);
    expect((await s.as(manager.token, 'PATCH', path, { status: 'bogus' })).status).toBe(400);
  });

  it('only admins assign, and only to an active platform admin', async () => {
    const { manager, path } = await openTicket();
    const byManager = await s.as(manager.token, 'PATCH', path, { assigneeId: admin2.id });
    expect(byManager.status).toBe(403);
    expect(byManager.body.message).toBe('Only VoiceDesk support (a platform admin) assigns tickets');
    const toManager = await s.as(s.adminToken, 'PATCH', path, { assigneeId: manager.id });
    expect(toManager.status).toBe(400);
    expect(toManager.body.errors).toEqual([{ field: 'assigneeId', message: 'Tickets go to an active platform admin: choose one from the list' }]);
    expect((await s.as(s.adminToken, 'PATCH', path, { assigneeId: s.admin.id })).body.assigneeId).toBe(s.admin.id);
    expect((await s.as(s.adminToken, 'PATCH', path, { assigneeId: null })).body.assigneeId).toBeNull();
    const priority = await s.as(manager.token, 'PATCH', path, { priority: 'high', title: 'Offline message on every call' });
    expect(priority.body).toMatchObject({ priority: 'high', title: 'Offline message on every call' });
  });

  it("a manager cannot read or write another clinic's ticket (404, as a ticket that does not exist)", async () => {
    const { ticket, clinic } = await openTicket();
    const other = await openTicket();
    const foreign = `/api/clinics/${clinic.id}/tickets/${ticket.id}`;
    for (const [method, suffix, body] of [
      ['GET', '', undefined],
      ['PATCH', '', { status: 'closed' }],
      ['GET', '/messages', undefined],
      ['POST', '/messages', { content: 'hi' }],
    ] as const) {
      expect((await s.as(other.manager.token, method, `${foreign}${suffix}`, body)).status, `${method} ${suffix}`).toBe(404);
    }
    // their own clinic's route with the other clinic's ticket id: the ticket does not exist there
    const crossed = await s.as(other.manager.token, 'GET', `/api/clinics/${other.clinic.id}/tickets/${ticket.id}`);
    expect(crossed.status).toBe(404);
    expect(crossed.body.message).toBe('Ticket not found');
    expect((await s.as(other.manager.token, 'GET', '/api/tickets')).status).toBe(403);
  });

  it('the admin-wide list covers every clinic, filters by status, priority, assignee and clinic, and pages by cursor', async () => {
    const a = await openTicket({ priority: 'low' });
    const b = await openTicket({ priority: 'urgent' });
    await s.as(s.adminToken, 'PATCH', b.path, { assigneeId: admin2.id, status: 'waiting' });
    const ids = (items: any[]) => items.map((t) => t.id);

    const urgentWaiting = await s.as(s.adminToken, 'GET', `/api/tickets?priority=urgent&status=waiting&assigneeId=${admin2.id}`);
    expect(ids(urgentWaiting.body.items)).toContain(b.ticket.id);
    expect(ids(urgentWaiting.body.items)).not.toContain(a.ticket.id);
    const unassigned = await s.as(s.adminToken, 'GET', '/api/tickets?assigneeId=none&limit=100');
    expect(ids(unassigned.body.items)).toContain(a.ticket.id);
    expect(ids(unassigned.body.items)).not.toContain(b.ticket.id);
    expect(ids((await s.as(s.adminToken, 'GET', `/api/tickets?clinicId=${a.clinic.id}`)).body.items)).toEqual([a.ticket.id]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await s.as(s.adminToken, 'GET', `/api/tickets?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page.body.items));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining([a.ticket.id, b.ticket.id]));
    expect(seen.indexOf(b.ticket.id)).toBeLessThan(seen.indexOf(a.ticket.id)); // newest first

    const bad = await s.as(s.adminToken, 'GET', '/api/tickets?assigneeId=someone&status=done');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field)).toEqual(expect.arrayContaining(['assigneeId', 'status']));
  });

  it('records ticket changes in the audit log with their actions', async () => {
    const { path } = await openTicket();
    await s.as(s.adminToken, 'POST', `${path}/messages`, { content: 'On it' });
    await s.as(s.adminToken, 'PATCH', path, { status: 'in_progress' });
    await s.t.app.get(AuditService).flush(); // rows are written after the response
    const rows: Array<{ action: string }> = await s.t.db.dataSource.query(
      `SELECT action FROM audit_logs WHERE path LIKE $1 ORDER BY created_at`,
      [`${path}%`],
    );
    expect(rows.map((r) => r.action)).toEqual(['ticket_message.create', 'ticket.update']);
  });
});
