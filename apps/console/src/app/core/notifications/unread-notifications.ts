import { Injectable, inject, signal } from '@angular/core';
import { NotificationsService } from '@voicedesk/api-client';

/** The toolbar bell's words: the count for sight, the whole sentence for screen readers. */
export function bellLabel(unread: number): string {
  return unread > 0 ? `Notifications, ${unread} unread` : 'Notifications, none unread';
}

export function badgeText(unread: number): string {
  return unread > 99 ? '99+' : String(unread);
}

/**
 * A notification's console link, only when it stays inside the console (the API writes
 * `/clinics/:clinicId/tickets/:ticketId`); anything else is not followed.
 */
export function consoleLink(link: string | null): string | null {
  if (!link || !link.startsWith('/') || link.startsWith('//') || link.startsWith('/\\')) return null;
  return link;
}

/**
 * The signed-in user's unread count, shared by the toolbar bell and the notifications page. It is
 * read again on every navigation (one small call: the API counts all unread, a page of one is
 * enough) and set directly when the page marks notifications read.
 */
@Injectable({ providedIn: 'root' })
export class UnreadNotifications {
  private readonly api = inject(NotificationsService);
  private readonly count = signal(0);
  readonly unread = this.count.asReadonly();

  async refresh(): Promise<void> {
    try {
      this.count.set((await this.api.notificationsList({ limit: 1, unread: true })).unreadCount);
    } catch {
      // the bell keeps its last count; the notifications page shows any error itself
    }
  }

  set(unread: number): void {
    this.count.set(Math.max(0, unread));
  }
}
