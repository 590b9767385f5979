import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';
import { createAdmin } from '../../libs/testing/src/factories.js';
import { signInToken } from '../../libs/testing/src/http.js';

describe('notifications: private to their user, unread filter, mark read and read all', () => {
  let s: ApiSuite;
  beforeAll(async () => {
    s = await startApiSuite();
  });
  afterAll(async () => {
    await s?.t.close();
  });

  /** A clinic with a manager who opened `count` tickets, each answered once by support (one notification each for the manager). */
  async function managerWithReplies(count: number) {
    const clinic = await s.newClinic();
    const manager = await s.managerOf(clinic.id);
    const tickets: string[] = [];
    for (let i = 0; i < count; i++) {
      const ticket = await s.as(manager.token, 'POST', `/api/clinics/${clinic.id}/tickets`, { title: `Question ${i}`, description: 'About the greeting' });
      await s.as(s.adminToken, 'POST', `/api/clinics/${clinic.id}/tickets/${ticket.body.id}/messages`, { content: `Answer ${i}` });
      tickets.push(ticket.body.id);
    }
    return { clinic, manager, tickets };
  }

  it("lists only the caller's own notifications, newest first, with a link to the ticket, named by its title, and none of its messages", async () => {
    const { clinic, manager, tickets } = await managerWithReplies(2);
    const other = await managerWithReplies(1);
    const list = await s.as(manager.token, 'GET', '/api/notifications');
    expect(list.status).toBe(200);
    expect(list.body.unreadCount).toBe(2);
    expect(list.body.nextCursor).toBeNull();
    expect(list.body.items.map((n: any) => n.link)).toEqual(tickets.reverse().map((id) => `/clinics/${clinic.id}/tickets/${id}`));
    list.body.items.forEach((n: any, i: number) => {
      expect(n).toMatchObject({ type: 'ticket_reply', read: false, title: 'VoiceDesk support replied to your ticket', message: `“Question ${1 - i}” · ${clinic.name} · open` });
      expect(JSON.stringify(n)).not.toMatch(/Answer|greeting/);
    });
    expect(JSON.stringify(list.body)).not.toContain(other.clinic.id);
  });

  it("another user's notification answers 404 and stays unread", async () => {
    const { manager } = await managerWithReplies(1);
    const other = await managerWithReplies(1);
    const [theirs] = (await s.as(other.manager.token, 'GET', '/api/notifications')).body.items;
    const stolen = await s.as(manager.token, 'POST', `/api/notifications/${theirs.id}/read`);
    expect(stolen.status).toBe(404);
    expect(stolen.body.message).toBe('Notification not found');
    const missing = await s.as(manager.token, 'POST', '/api/notifications/00000000-0000-4000-8000-000000000000/read');
    expect(missing.body).toEqual(stolen.body);
    // an admin cannot mark a manager's either: notifications are per user, not per role
    expect((await s.as(s.adminToken, 'POST', `/api/notifications/${theirs.id}/read`)).status).toBe(404);
    expect((await s.as(other.manager.token, 'GET', '/api/notifications')).body.items[0].read).toBe(false);
    expect((await s.as(manager.token, 'POST', '/api/notifications/not-a-uuid/read')).status).toBe(400);
  });

  it('marks one read, filters by unread, and read-all touches only the caller', async () => {
    const { manager } = await managerWithReplies(3);
    const other = await managerWithReplies(1);
    const [first, second] = (await s.as(manager.token, 'GET', '/api/notifications')).body.items;

    const read = await s.as(manager.token, 'POST', `/api/notifications/${first.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: first.id, read: true });
    expect((await s.as(manager.token, 'POST', `/api/notifications/${first.id}/read`)).status).toBe(200); // again: still read

    const unread = await s.as(manager.token, 'GET', '/api/notifications?unread=true');
    expect(unread.body.unreadCount).toBe(2);
    expect(unread.body.items.map((n: any) => n.id)).not.toContain(first.id);
    expect(unread.body.items.map((n: any) => n.id)).toContain(second.id);
    expect((await s.as(manager.token, 'GET', '/api/notifications?unread=false')).body.items.map((n: any) => n.id)).toEqual([first.id]);
    expect((await s.as(manager.token, 'GET', '/api/notifications?unread=maybe')).status).toBe(400);

    const all = await s.as(manager.token, 'POST', '/api/notifications/read-all');
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ updated: 2 });
    expect((await s.as(manager.token, 'GET', '/api/notifications?unread=true')).body).toEqual({ items: [], nextCursor: null, unreadCount: 0 });
    expect((await s.as(other.manager.token, 'GET', '/api/notifications')).body.unreadCount).toBe(1);
    expect((await s.as(manager.token, 'POST', '/api/notifications/read-all')).body).toEqual({ updated: 0 });
  });

  it('pages by cursor without skipping or repeating', async () => {
    const admin = await createAdmin(s.t.db.dataSource);
    const token = await signInToken(s.t, admin);
    const clinic = await s.newClinic();
    const manager = await s.managerOf(clinic.id);
    for (let i = 0; i < 5; i++) await s.as(manager.token, 'POST', `/api/clinics/${clinic.id}/tickets`, { title: `T${i}`, description: 'd' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await s.as(token, 'GET', `/api/notifications?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((n: any) => n.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect((await s.as(token, 'GET', '/api/notifications?cursor=garbage!')).status).toBe(400);
  });

  it('needs a signed-in user', async () => {
    expect((await s.as('', 'GET', '/api/notifications')).status).toBe(401);
    expect((await s.as('', 'POST', '/api/notifications/read-all')).status).toBe(401);
  });
});
