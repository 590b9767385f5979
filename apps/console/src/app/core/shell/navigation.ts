import type { UserRole } from '@voicedesk/api-client';

export interface NavItem {
  /** route path under the shell */
  path: string;
  label: string;
  /** one line for the dashboard's shortcuts */
  description: string;
  /** who sees it; everyone signed in when absent */
  roles?: readonly UserRole[];
  /** a section of one clinic: linked inside the current clinic (`/clinics/:clinicId/<path>`) */
  clinicScoped?: boolean;
}

/** The console's sections in menu order. The routes in app.routes.ts guard the same rules. */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: 'dashboard', label: 'Dashboard', description: 'Who is signed in and where to go next.' },
  { path: 'clinics', label: 'Clinics', description: 'Provision clinics and assign phone numbers.', roles: ['platform_admin'] },
  { path: 'settings', label: 'Clinic settings', description: 'EMR connection, voice, scheduling rules, SMS templates, privacy.', clinicScoped: true },
  { path: 'hours', label: 'Hours and holidays', description: 'When the clinic is open, and the days it is closed.', clinicScoped: true },
  { path: 'providers', label: 'Providers', description: 'Providers synced from the EMR and who can be booked.', clinicScoped: true },
  { path: 'waitlist', label: 'Waitlist', description: 'New patients waiting for a place, with preferred dates.', clinicScoped: true },
  { path: 'call-logs', label: 'Call logs', description: 'Every call the receptionist answered, with transcripts and outcomes.', clinicScoped: true },
  { path: 'faxes', label: 'Faxes', description: 'Incoming faxes, extracted fields and patient matches.', clinicScoped: true },
  { path: 'texts', label: 'Texts', description: 'Confirmation texts to callers, the ones that did not go out and why, and who asked to stop.', clinicScoped: true },
  { path: 'tickets', label: 'Tickets', description: 'Requests to VoiceDesk support, with their threads.' },
  { path: 'notifications', label: 'Notifications', description: 'What needs your attention.' },
  { path: 'audit-log', label: 'Audit log', description: 'Who changed what, and when.', roles: ['platform_admin'] },
  { path: 'users', label: 'Users', description: 'People who can sign in to the console.' },
];

/** The sections of one clinic (`/clinics/:clinicId/<section>`), whose short addresses lead into the current clinic. */
export const CLINIC_SECTIONS: readonly string[] = NAV_ITEMS.filter((item) => item.clinicScoped).map((item) => item.path);

export function navigationFor(role: UserRole | undefined): NavItem[] {
  if (!role) {
    return [];
  }
  return NAV_ITEMS.filter((item) => !item.roles || item.roles.includes(role));
}

export const ROLE_LABELS: Readonly<Record<UserRole, string>> = {
  platform_admin: 'Platform admin',
  clinic_manager: 'Clinic manager',
};

/** Where a navigation item leads: clinic sections open inside the current clinic when there is one. */
export function navigationLink(item: NavItem, clinicId: string | null): string[] {
  return item.clinicScoped && clinicId ? ['/clinics', clinicId, item.path] : ['/', item.path];
}
