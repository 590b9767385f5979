import type { NotificationDto } from '@voicedesk/api-client';
import type { Route, Routes } from '@angular/router';
import { describe, expect, it } from 'vitest';
import { notificationLinks } from '../../../../../../libs/shared/src/notification-links';
import { APP_ROUTES } from '../../app.routes';
import { SECTIONS } from '../settings/settings-page.component';
import { notificationTarget } from './notification-target';

/**
 * The page of the console's route configuration that `path` opens (guards aside), lazy children
 * loaded as the router loads them; null when only the catch-all matches (it sends people to the
 * dashboard: the link would be lost).
 */
async function pageOf(path: string, routes: Routes = APP_ROUTES): Promise<Route | null> {
  const segments = path.split('/').filter(Boolean);
  for (const route of routes) {
    if (route.path === '**') return null;
    if (route.redirectTo !== undefined) continue;
    const own = (route.path ?? '').split('/').filter(Boolean);
    if (own.length > segments.length || !own.every((part, i) => part.startsWith(':') || part === segments[i])) continue;
    const rest = segments.slice(own.length);
    if (route.pathMatch === 'full' && rest.length) continue;
    const children = route.children ?? (route.loadChildren ? ((await route.loadChildren()) as Routes) : undefined);
    if (children) {
      const page = await pageOf(rest.join('/'), children);
      if (page) return page;
      continue;
    }
    if (!rest.length && (route.component || route.loadComponent)) return route;
  }
  return null;
}

const CLINIC = '0d6f1c2a-8e4b-4a3f-9c7d-5b1e2f3a4c6d';
const ID = '5e2d8c1a-4b3f-4a6e-9d7c-2f1e0b9a8c7d';

/** Every kind of notification with the link the API writes for it, and the page it must open. */
const CASES: Array<{ type: NotificationDto['type']; link: string; page: string; section?: string; label: string }> = [
  { type: 'ticket_created', link: notificationLinks.ticket(CLINIC, ID), page: 'Ticket', label: 'Open the ticket' },
  { type: 'ticket_reply', link: notificationLinks.ticket(CLINIC, ID), page: 'Ticket', label: 'Open the ticket' },
  { type: 'ticket_status', link: notificationLinks.ticket(CLINIC, ID), page: 'Ticket', label: 'Open the ticket' },
  { type: 'ticket_assigned', link: notificationLinks.ticket(CLINIC, ID), page: 'Ticket', label: 'Open the ticket' },
  { type: 'fax_needs_review', link: notificationLinks.fax(CLINIC, ID), page: 'Fax', label: 'Review the fax' },
  { type: 'onboarding_completed', link: notificationLinks.clinicSettings(CLINIC), page: 'Clinic settings', label: 'Open the clinic' },
  { type: 'emr_connection_lost', link: notificationLinks.emrConnection(CLINIC), page: 'Clinic settings', section: 'emr', label: 'Check the EMR connection' },
  { type: 'emr_connection_back', link: notificationLinks.emrConnection(CLINIC), page: 'Clinic settings', section: 'emr', label: 'See the EMR connection' },
  { type: 'texts_failing', link: notificationLinks.texts(CLINIC), page: 'Texts', label: 'See the texts that failed' },
  { type: 'clinic_live', link: notificationLinks.clinic(CLINIC), page: 'Onboarding', label: 'See the clinic' },
];

describe('a notification links to what it is about', () => {
  it.each(CASES)('$type: "$label" opens the $page page of the clinic it is about', async ({ type, link, page, section, label }) => {
    const target = notificationTarget({ type, link });
    expect(target).toEqual({ url: link, label });
    const url = new URL(target!.url, 'https://console.test');
    expect(url.pathname).toContain(`/clinics/${CLINIC}/`);
    expect((await pageOf(url.pathname))?.title).toBe(page);
    // a settings link opens its section, one the settings page has
    expect(url.searchParams.get('section') ?? undefined).toBe(section);
    if (section) expect(SECTIONS.map((s) => s.id)).toContain(section);
  });

  it('covers every kind of notification the API sends', () => {
    const kinds: Record<NotificationDto['type'], true> = {
      ticket_created: true, ticket_reply: true, ticket_status: true, ticket_assigned: true, onboarding_completed: true,
      fax_needs_review: true, emr_connection_lost: true, emr_connection_back: true, texts_failing: true, clinic_live: true,
    };
    expect(new Set(CASES.map((c) => c.type))).toEqual(new Set(Object.keys(kinds)));
  });

  it('a link that does not open a console page is not offered', async () => {
    expect(await pageOf('/clinics/c1/no-such-page')).toBeNull();
    expect(notificationTarget({ type: 'ticket_reply', link: null })).toBeNull();
    expect(notificationTarget({ type: 'ticket_reply', link: 'https://elsewhere.example/x' })).toBeNull();
    expect(notificationTarget({ type: 'ticket_reply', link: '//elsewhere.example/x' })).toBeNull();
  });
});
