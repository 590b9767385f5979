import type { SessionUserDto } from '@voicedesk/api-client';

/** Shared fixtures of the console's unit tests (never imported by the app). */

export const admin: SessionUserDto = { id: 'u0', email: 'ada@voicedesk.test', role: 'platform_admin', clinicId: null, name: 'Ada', mustChangePassword: false };
export const manager: SessionUserDto = { id: 'u1', email: 'mona@clinic.test', role: 'clinic_manager', clinicId: 'c1', name: 'Mona', mustChangePassword: false };

export const unauthorized = { status: 401, statusText: 'Unauthorized' };

/**
 * Lets every pending promise continuation run. The generated client answers promises, so a
 * flushed response reaches the session (and the interceptor's repeat) a few microtasks later.
 */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
