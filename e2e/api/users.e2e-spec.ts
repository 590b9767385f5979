import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../libs/testing/src/app.js';
import { createAdmin, createClinic, createManager } from '../../libs/testing/src/factories.js';
import { call, freshIp, signIn, signInToken } from '../../libs/testing/src/http.js';

describe('users: admins manage everyone, managers see their own clinic', () => {
  let t: TestApp;
  let adminToken: string;
  let adminId: string;
  const secrets: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await createAdmin(t.db.dataSource);
    adminId = admin.id;
    adminToken = await signInToken(t, admin);
    secrets.push(adminToken);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('an admin creates a clinic manager with a given password; the reply never carries a hash', async () => {
    const clinic = await createClinic(t.db.dataSource);
    const password = 'harbour lighthouse 1984';
    secrets.push(password);
    const created = await call(t, 'POST', '/api/users', {
      token: adminToken,
      body: { email: 'New.Manager@Clinic.Example', firstName: 'Nadia', lastName: 'Reyes', role: 'clinic_manager', clinicId: clinic.id, password },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      email: 'new.manager@clinic.example',
      name: 'Nadia Reyes',
      role: 'clinic_manager',
      clinicId: clinic.id,
      isActive: true,
      mfaEnabled: false,
    });
    expect(created.body.initialPassword).toBeUndefined();
    expect(JSON.stringify(created.body)).not.toMatch(/hash|argon|secret/i);
    const session = await signIn(t, { email: 'new.manager@clinic.example', password });
    expect(session.user.clinicId).toBe(clinic.id);
    expect(session.user.mustChangePassword).toBe(false);
  });

  it('without a password one is generated, answered once, and works once: the user must then choose their own', async () => {
    const created = await call(t, 'POST', '/api/users', {
      token: adminToken,
      body: { email: `second-admin-${Date.now()}@test.example`, firstName: 'Sam', lastName: 'Ito', role: 'platform_admin' },
    });
    expect(created.status).toBe(201);
    expect(created.body.clinicId).toBeNull();
    expect(created.body.initialPassword).toMatch(/^[a-z0-9]{5}(-[a-z0-9]{5}){3}$/);
    expect(created.body.mustChangePassword).toBe(true);
    secrets.push(created.body.initialPassword);
    const session = await signIn(t, { email: created.body.email, password: created.body.initialPassword });
    expect(session.user.mustChangePassword).toBe(true);
    const again = await call(t, 'GET', `/api/users/${created.body.id}`, { token: adminToken });
    expect(again.body.initialPassword).toBeUndefined();
  });

  it('refuses a manager without a clinic, a manager of a clinic that does not exist, an admin with a clinic, a weak password and a duplicate email', async () => {
    const clinic = await createClinic(t.db.dataSource);
    const base = { firstName: 'A', lastName: 'B', password: 'harbour lighthouse 1984' };
    const post = (body: object) => call(t, 'POST', '/api/users', { token: adminToken, body: { ...base, ...body } });
    const noClinic = await post({ email: 'a1@test.example', role: 'clinic_manager' });
    expect(noClinic.status).toBe(400);
    expect(noClinic.body.errors).toEqual([{ field: 'clinicId', message: 'Choose the clinic this manager works at' }]);
    const ghostClinic = await post({ email: 'a2@test.example', role: 'clinic_manager', clinicId: '00000000-0000-4000-8000-000000000000' });
    expect(ghostClinic.status).toBe(400);
    expect(ghostClinic.body.errors).toEqual([{ field: 'clinicId', message: 'This clinic does not exist (any more); choose another' }]);
    const adminWithClinic = await post({ email: 'a3@test.example', role: 'platform_admin', clinicId: clinic.id });
    expect(adminWithClinic.status).toBe(400);
    const weak = await post({ email: 'a4@test.example', role: 'platform_admin', password: 'password1234' });
    expect(weak.status).toBe(400);
    expect(weak.body.errors[0]).toEqual({ field: 'password', message: 'This password is too common; choose a longer passphrase' });
    const badRole = await post({ email: 'a5@test.example', role: 'superuser' });
    expect(badRole.status).toBe(400);
    expect(badRole.body.errors.map((e: { field: string }) => e.field)).toEqual(['role']);
    expect((await post({ email: 'dup@test.example', role: 'platform_admin' })).status).toBe(201);
    const duplicate = await post({ email: 'DUP@test.example', role: 'platform_admin' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.message).toBe('A user with this email already exists');
  });

  it('lists page by page with an opaque cursor, in creation order, without repeats', async () => {
    const clinic = await createClinic(t.db.dataSource);
    for (let i = 0; i < 5; i++) await createManager(t.db.dataSource, { clinicId: clinic.id });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = await call(t, 'GET', `/api/users${query}`, { token: adminToken });
      expect(page.status).toBe(200);
      expect(Object.keys(page.body).sort()).toEqual(['items', 'nextCursor']);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((u: { id: string }) => u.id));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 50);
    const total: { n: number }[] = await t.db.dataSource.query('SELECT count(*)::int AS n FROM users');
    expect(seen).toHaveLength(total[0].n);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen[0]).toBe(adminId);
    const badCursor = await call(t, 'GET', '/api/users?cursor=not-a-cursor', { token: adminToken });
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.errors[0].field).toBe('cursor');
    expect((await call(t, 'GET', '/api/users?limit=0', { token: adminToken })).status).toBe(400);
  });

  it("a manager lists only their clinic's users, and another clinic's user is not found", async () => {
    const mine = await createManager(t.db.dataSource);
    const colleague = await createManager(t.db.dataSource, { clinicId: mine.clinicId });
    const stranger = await createManager(t.db.dataSource);
    const token = await signInToken(t, mine);
    const list = await call(t, 'GET', '/api/users', { token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((u: { id: string }) => u.id).sort()).toEqual([mine.id, colleague.id].sort());
    expect(list.body.nextCursor).toBeNull();
    expect((await call(t, 'GET', `/api/users/${colleague.id}`, { token })).status).toBe(200);
    const other = await call(t, 'GET', `/api/users/${stranger.id}`, { token });
    expect(other.status).toBe(404);
    const missing = await call(t, 'GET', '/api/users/00000000-0000-4000-8000-000000000000', { token });
    expect(other.body).toEqual(missing.body);
    expect((await call(t, 'GET', `/api/users/${adminId}`, { token })).status).toBe(404);
  });

  it('a manager can neither create nor change users (403)', async () => {
    const manager = await createManager(t.db.dataSource);
    const token = await signInToken(t, manager);
    const create = await call(t, 'POST', '/api/users', {
      token,
      body: { email: 'sneaky@test.example', firstName: 'S', lastName: 'N', role: 'platform_admin', password: 'harbour lighthouse 1984' },
    });
    expect(create.status).toBe(403);
    expect(create.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    const promote = await call(t, 'PATCH', `/api/users/${manager.id}`, { token, body: { role: 'platform_admin' } });
    expect(promote.status).toBe(403);
  });

  it("deactivating a user stops their access token at once and kills their refresh tokens; reactivation lets them sign in again", async () => {
    const manager = await createManager(t.db.dataSource);
    const session = await signIn(t, manager);
    secrets.push(session.accessToken, session.refreshToken);
    expect((await call(t, 'GET', '/api/auth/me', { token: session.accessToken })).status).toBe(200);
    const off = await call(t, 'PATCH', `/api/users/${manager.id}`, { token: adminToken, body: { isActive: false } });
    expect(off.status).toBe(200);
    expect(off.body.isActive).toBe(false);
    expect((await call(t, 'GET', '/api/auth/me', { token: session.accessToken })).status).toBe(401);
    expect((await call(t, 'POST', '/api/auth/refresh', { body: { refreshToken: session.refreshToken } })).status).toBe(401);
    expect((await call(t, 'POST', '/api/auth/login', { body: { email: manager.email, password: manager.password }, ip: freshIp() })).status).toBe(401);
    await call(t, 'PATCH', `/api/users/${manager.id}`, { token: adminToken, body: { isActive: true } });
    expect((await call(t, 'GET', '/api/auth/me', { token: session.accessToken })).status).toBe(401);
    await signIn(t, manager);
  });

  it('changes name, role and clinic; a manager moved to another clinic sees that clinic at once', async () => {
    const manager = await createManager(t.db.dataSource);
    const token = await signInToken(t, manager);
    const otherClinic = await createClinic(t.db.dataSource);
    const moved = await call(t, 'PATCH', `/api/users/${manager.id}`, {
      token: adminToken,
      body: { firstName: 'Renamed', clinicId: otherClinic.id },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ name: 'Renamed Manager', clinicId: otherClinic.id, role: 'clinic_manager' });
    expect((await call(t, 'GET', '/api/auth/me', { token })).body.clinicId).toBe(otherClinic.id);
    const promoted = await call(t, 'PATCH', `/api/users/${manager.id}`, { token: adminToken, body: { role: 'platform_admin' } });
    expect(promoted.body).toMatchObject({ role: 'platform_admin', clinicId: null });
    const demotedWithoutClinic = await call(t, 'PATCH', `/api/users/${manager.id}`, { token: adminToken, body: { role: 'clinic_manager' } });
    expect(demotedWithoutClinic.status).toBe(400);
    const demoted = await call(t, 'PATCH', `/api/users/${manager.id}`, { token: adminToken, body: { role: 'clinic_manager', clinicId: otherClinic.id } });
    expect(demoted.status).toBe(200);
    expect((await call(t, 'PATCH', '/api/users/00000000-0000-4000-8000-000000000000', { token: adminToken, body: { firstName: 'X' } })).status).toBe(404);
  });

  it("an admin's password reset answers a one-time password once, ends the user's sessions, and the user must choose a new one", async () => {
    const manager = await createManager(t.db.dataSource);
    const before = await signIn(t, manager);
    secrets.push(before.accessToken, before.refreshToken);
    expect(before.user.mustChangePassword).toBe(false);

    const reset = await call(t, 'POST', `/api/users/${manager.id}/reset-password`, { token: adminToken });
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ id: manager.id, mustChangePassword: true });
    expect(reset.body.initialPassword).toMatch(/^[a-z0-9]{5}(-[a-z0-9]{5}){3}$/);
    const oneTime: string = reset.body.initialPassword;
    secrets.push(oneTime);

    // the old session and the old password are gone; the one-time password signs in, flagged
    expect((await call(t, 'GET', '/api/auth/me', { token: before.accessToken })).status).toBe(401);
    expect((await call(t, 'POST', '/api/auth/login', { body: { email: manager.email, password: manager.password }, ip: freshIp() })).status).toBe(401);
    const flagged = await signIn(t, { email: manager.email, password: oneTime });
    expect(flagged.user.mustChangePassword).toBe(true);
    expect((await call(t, 'GET', `/api/users/${manager.id}`, { token: adminToken })).body.initialPassword).toBeUndefined();

    // choosing a new password clears the flag
    const chosen = 'quiet meadow lantern 77';
    secrets.push(chosen);
    const changed = await call(t, 'POST', '/api/auth/password', { token: flagged.accessToken, body: { currentPassword: oneTime, newPassword: chosen } });
    expect(changed.status).toBe(200);
    const after = await signIn(t, { email: manager.email, password: chosen });
    expect(after.user.mustChangePassword).toBe(false);
  });

  it('nobody resets their own password through the admin route, a manager resets nobody, and an unknown user is not found', async () => {
    const own = await call(t, 'POST', `/api/users/${adminId}/reset-password`, { token: adminToken });
    expect(own.status).toBe(409);
    expect(own.body.message).toMatch(/your own password/);
    const manager = await createManager(t.db.dataSource);
    const other = await createManager(t.db.dataSource, { clinicId: manager.clinicId });
    const managerToken = await signInToken(t, manager);
    expect((await call(t, 'POST', `/api/users/${other.id}/reset-password`, { token: managerToken })).status).toBe(403);
    expect((await call(t, 'POST', '/api/users/00000000-0000-4000-8000-000000000000/reset-password', { token: adminToken })).status).toBe(404);
    expect((await call(t, 'POST', '/api/users/not-a-uuid/reset-password', { token: adminToken })).status).toBe(404);
    // the other manager's password still works
    await signIn(t, other);
  });

  it('an admin cannot deactivate or demote themselves, nor remove the last active admin', async () => {
    const self = await call(t, 'PATCH', `/api/users/${adminId}`, { token: adminToken, body: { isActive: false } });
    expect(self.status).toBe(409);
    expect(self.body.message).toBe('You cannot deactivate yourself');
    expect((await call(t, 'PATCH', `/api/users/${adminId}`, { token: adminToken, body: { role: 'clinic_manager', clinicId: (await createClinic(t.db.dataSource)).id } })).status).toBe(409);

    // a fresh database with two admins: each may remove the other only while another active admin remains
    const solo = await createTestApp();
    try {
      const a = await createAdmin(solo.db.dataSource);
      const b = await createAdmin(solo.db.dataSource);
      const aToken = (await signIn(solo, a)).accessToken;
      const bToken = (await signIn(solo, b)).accessToken;
      expect((await call(solo, 'PATCH', `/api/users/${b.id}`, { token: aToken, body: { isActive: false } })).status).toBe(200);
      await call(solo, 'PATCH', `/api/users/${b.id}`, { token: aToken, body: { isActive: true } });
      const bTokenNew = (await signIn(solo, b)).accessToken;
      expect((await call(solo, 'GET', '/api/auth/me', { token: bToken })).status).toBe(401);
      // b deactivates a: fine (b stays); then nobody could remove b, the last active admin
      expect((await call(solo, 'PATCH', `/api/users/${a.id}`, { token: bTokenNew, body: { isActive: false } })).status).toBe(200);
      const [{ n }] = await solo.db.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE role = 'platform_admin' AND is_active`);
      expect(n).toBe(1);
    } finally {
      await solo.close();
    }
  });

  it('no password or token appears in the logs', async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const logs = t.logLines.join('\n');
    expect(logs).toContain('/api/users');
    for (const secret of secrets) expect(logs).not.toContain(secret);
  });
});
