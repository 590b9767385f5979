import type { UserDto } from '@voicedesk/api-client';

/** What a person can still do to this user, and why not when they cannot. */
export interface UserActions {
  canDeactivate: boolean;
  canReactivate: boolean;
  canResetPassword: boolean;
  /** why the row has no actions, or why deactivation is not offered */
  note: string | null;
}

/**
 * The rules the API enforces, said before the click: nobody deactivates or resets themselves, and
 * the last active platform admin stays active. `activeAdmins` is null when the list is not fully
 * loaded (then the API's answer decides).
 */
export function userActions(user: UserDto, me: string | undefined, activeAdmins: number | null): UserActions {
  if (user.id === me) {
    return { canDeactivate: false, canReactivate: false, canResetPassword: false, note: 'This is you: change your own password from your account.' };
  }
  if (!user.isActive) return { canDeactivate: false, canReactivate: true, canResetPassword: false, note: null };
  const lastAdmin = user.role === 'platform_admin' && activeAdmins === 1;
  return {
    canDeactivate: !lastAdmin,
    canReactivate: false,
    canResetPassword: true,
    note: lastAdmin ? 'The only active platform admin cannot be deactivated: make another admin first.' : null,
  };
}

/** "Two-step verification" status in words. */
export function mfaLabel(user: Pick<UserDto, 'mfaEnabled'>): string {
  return user.mfaEnabled ? 'On' : 'Off';
}

/** Where the user stands: active, must choose a password, or deactivated. */
export function statusLabel(user: Pick<UserDto, 'isActive' | 'mustChangePassword'>): string {
  if (!user.isActive) return 'Deactivated';
  return user.mustChangePassword ? 'Must choose a password' : 'Active';
}
