import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { Router } from '@angular/router';
import { type NotificationDto, type NotificationListDto, NotificationsService } from '@voicedesk/api-client';
import { toApiProblem } from '../../core/http/api-error';
import { UnreadNotifications } from '../../core/notifications/unread-notifications';
import { CursorList } from '../../shared/cursor-list';
import { EmptyStateComponent } from '../../shared/empty-state/empty-state.component';
import { ErrorStateComponent } from '../../shared/error-state/error-state.component';
import { LoadingStateComponent } from '../../shared/loading-state/loading-state.component';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';
import { formatInstant } from '../../shared/format/dates';
import { notificationTarget } from './notification-target';

interface NotificationFilter {
  show: 'all' | 'unread';
}

/** What needs the signed-in user's attention: newest first, mark one or all read, open what it is about. */
@Component({
  selector: 'vd-notifications-page',
  imports: [MatButtonModule, MatFormFieldModule, MatSelectModule, PageHeaderComponent, LoadingStateComponent, ErrorStateComponent, EmptyStateComponent],
  template: `
    <vd-page-header title="Notifications" subtitle="What needs your attention">
      <button mat-stroked-button type="button" (click)="readAll()" [disabled]="busy() || unread() === 0">Mark all read</button>
    </vd-page-header>
    <p role="status" aria-live="polite" class="saved">{{ saved() }}</p>
    @if (actionProblem(); as message) {
      <p class="bad" role="alert">{{ message }}</p>
    }
    <div class="filters" role="search" aria-label="Notifications">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Show</mat-label>
        <mat-select [value]="list.filter().show" (valueChange)="list.filter.set({ show: $event })">
          <mat-option value="all">All</mat-option>
          <mat-option value="unread">Unread only</mat-option>
        </mat-select>
      </mat-form-field>
    </div>

    @if (list.first.isLoading() && list.items().length === 0) {
      <vd-loading-state label="Loading notifications…" />
    } @else if (problem(); as message) {
      <vd-error-state heading="Notifications could not be loaded" [message]="message" (retry)="list.first.reload()" />
    } @else if (list.items().length === 0) {
      <vd-empty-state [heading]="list.filter().show === 'unread' ? 'Nothing unread' : 'No notifications yet'"
                      message="Tickets, faxes to review, the EMR connection lost or back, failing texts and going live appear here, with a link to what they are about." />
    } @else {
      <ul class="items" data-testid="notifications">
        @for (n of list.items(); track n.id) {
          <li class="item" [class.unread]="!n.read" [attr.data-read]="n.read">
            <div class="text">
              <p class="title">@if (!n.read) { <span class="dot" aria-hidden="true"></span><span class="vd-visually-hidden">Unread: </span> }{{ n.title }}</p>
              <p class="message">{{ n.message }}</p>
              <p class="when">{{ when(n.createdAt) }}</p>
            </div>
            <div class="actions">
              @if (target(n); as to) {
                <button mat-button type="button" (click)="open(n)" [attr.aria-label]="to.label + ': ' + n.title">{{ to.label }}</button>
              }
              @if (!n.read) {
                <button mat-stroked-button type="button" (click)="markRead(n)" [disabled]="busy()" [attr.aria-label]="'Mark read: ' + n.title">Mark read</button>
              }
            </div>
          </li>
        }
      </ul>
      @if (list.nextCursor()) {
        <div class="more"><button mat-stroked-button type="button" (click)="list.loadMore()" [disabled]="list.loadingMore()">Load more</button></div>
      }
    }
  `,
  styleUrl: '../../shared/list-table.scss',
  styles: `
    .items { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; max-width: 80ch; }
    .item { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 12px; padding: 12px 16px; border-radius: 12px;
            border: 1px solid var(--mat-sys-outline-variant); background: var(--mat-sys-surface-container-lowest); }
    .item.unread { background: var(--mat-sys-surface-container); border-color: var(--mat-sys-primary); }
    .text p { margin: 0; }
    .title { font: var(--mat-sys-title-small); display: flex; align-items: center; gap: 8px; }
    .dot { width: 8px; height: 8px; border-radius: 50%; background: var(--mat-sys-primary); }
    .message { font: var(--mat-sys-body-medium); }
    .when { font: var(--mat-sys-body-small); color: var(--mat-sys-on-surface-variant); }
    .actions { display: flex; align-items: center; gap: 8px; }
    .saved { min-height: 1em; margin: 0 0 8px; color: var(--mat-sys-primary); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationsPageComponent {
  private readonly api = inject(NotificationsService);
  private readonly bell = inject(UnreadNotifications);
  private readonly router = inject(Router);

  protected readonly list = new CursorList<NotificationFilter, NotificationDto>({ show: 'all' }, async (filter, cursor) => {
    const page: NotificationListDto = await this.api.notificationsList({ limit: 25, cursor, unread: filter.show === 'unread' ? true : undefined });
    this.bell.set(page.unreadCount);
    return page;
  });
  protected readonly unread = this.bell.unread;
  protected readonly problem = computed(() => (this.list.first.error() ? toApiProblem(this.list.first.error()).message : null));
  protected readonly busy = signal(false);
  protected readonly saved = signal('');
  protected readonly actionProblem = signal<string | null>(null);
  protected target = (n: NotificationDto) => notificationTarget(n);
  protected when = (instant: string) => formatInstant(instant);

  protected async markRead(n: NotificationDto): Promise<boolean> {
    this.busy.set(true);
    this.actionProblem.set(null);
    try {
      this.list.replace(await this.api.notificationsRead({ id: n.id }));
      this.bell.set(this.bell.unread() - 1);
      this.saved.set(`Marked read: ${n.title}`);
      return true;
    } catch (error) {
      this.actionProblem.set(toApiProblem(error).message);
      return false;
    } finally {
      this.busy.set(false);
    }
  }

  /** Opening a notification reads it, then goes where it points. */
  protected async open(n: NotificationDto): Promise<void> {
    const target = notificationTarget(n);
    if (!target) return;
    if (!n.read) await this.markRead(n);
    await this.router.navigateByUrl(target.url);
  }

  protected async readAll(): Promise<void> {
    this.busy.set(true);
    this.actionProblem.set(null);
    try {
      await this.api.notificationsReadAll();
      this.bell.set(0);
      this.saved.set('All notifications are marked read.');
      this.list.first.reload();
    } catch (error) {
      this.actionProblem.set(toApiProblem(error).message);
    } finally {
      this.busy.set(false);
    }
  }
}
