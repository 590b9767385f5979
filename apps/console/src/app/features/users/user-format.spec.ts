import type { UserDto } from '@voicedesk/api-client';
import { describe, expect, it } from 'vitest';
import { statusLabel, userActions } from './user-format';

const base: UserDto = {
  id: 'u2', email: 'nadia@clinic.test', name: 'Nadia Reyes', firstName: 'Nadia', lastName: 'Reyes', role: 'clinic_manager', clinicId: 'c1',
  isActive: true, mfaEnabled: false, mustChangePassword: false, lastLoginAt: null, createdAt: '2026-11-01T09:00:00Z', updatedAt: '2026-11-01T09:00:00Z',
};

describe('what an admin may do to a user, said before the click', () => {
  it('offers nothing on one’s own row, and says why', () => {
    const own = userActions(base, 'u2', 3);
    expect([own.canDeactivate, own.canReactivate, own.canResetPassword]).toEqual([false, false, false]);
    expect(own.note).toMatch(/This is you/);
  });

  it('keeps the only active admin active, and says what to do instead', () => {
    const admin = { ...base, role: 'platform_admin' as const, clinicId: null };
    expect(userActions(admin, 'u0', 1)).toMatchObject({ canDeactivate: false, canResetPassword: true, note: expect.stringMatching(/make another admin first/) });
    expect(userActions(admin, 'u0', 2).canDeactivate).toBe(true);
    // not every page loaded: the API decides
    expect(userActions(admin, 'u0', null).canDeactivate).toBe(true);
  });

  it('offers reactivation, and only that, for a deactivated user', () => {
    expect(userActions({ ...base, isActive: false }, 'u0', 1)).toMatchObject({ canDeactivate: false, canReactivate: true, canResetPassword: false });
  });
});

describe('user words', () => {
  it('says whether the user must still choose a password', () => {
    expect(statusLabel({ isActive: true, mustChangePassword: true })).toBe('Must choose a password');
    expect(statusLabel({ isActive: false, mustChangePassword: true })).toBe('Deactivated');
  });

});
