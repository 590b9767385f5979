import { ChangeDetectionStrategy, Component, computed, inject, input, resource, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { type TicketPriority, type TicketStatus, TicketsService } from '@voicedesk/api-client';
import { AuthService } from '../../core/auth/auth.service';
import { toApiProblem } from '../../core/http/api-error';
import { ErrorStateComponent } from '../../shared/error-state/error-state.component';
import { LoadingStateComponent } from '../../shared/loading-state/loading-state.component';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';
import { TICKET_PRIORITY_LABELS, TICKET_STATUS_LABELS, authorOf, statusAction, statusChoices } from './ticket-format';
import { formatInstant } from '../../shared/format/dates';

/**
 * One ticket and its thread, oldest first. Support (admins) may add internal notes, shown marked;
 * the API never sends them to the clinic. Status buttons offer what the workflow allows the role;
 * the API's refusals (409, 403) are shown in its words.
 */
@Component({
  selector: 'vd-ticket-detail-page',
  imports: [FormsModule, RouterLink, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, PageHeaderComponent, LoadingStateComponent, ErrorStateComponent],
  template: `
    @if (ticket.isLoading() && !ticket.hasValue()) {
      <vd-page-header title="Ticket" />
      <vd-loading-state label="Loading the ticket…" />
    } @else if (problem(); as message) {
      <vd-page-header title="Ticket" />
      <vd-error-state heading="The ticket could not be loaded" [message]="message" (retry)="ticket.reload()" />
    } @else if (ticket.value(); as tk) {
      <vd-page-header [title]="tk.title" [subtitle]="'Opened ' + when(tk.createdAt)">
        <a mat-button [routerLink]="isAdmin() ? '/tickets' : '..'">All tickets</a>
      </vd-page-header>
      <section class="status" aria-label="Status">
        <p>Status: <strong data-testid="ticket-status">{{ statusLabel(tk.status) }}</strong> · Priority: {{ priorityLabel(tk.priority) }}</p>
        <div class="actions">
          @for (next of choices(); track next) {
            <button mat-stroked-button type="button" (click)="setStatus(next)" [disabled]="busy()">{{ action(next, tk.status) }}</button>
          } @empty {
            <span class="hint">This ticket is closed; open a new one if something else comes up.</span>
          }
        </div>
      </section>
      @if (statusProblem(); as message) {
        <p class="bad" role="alert" data-testid="ticket-status-error">{{ message }}</p>
      }
      <p role="status" aria-live="polite" class="saved">{{ saved() }}</p>

      <h2 class="title">Thread</h2>
      <ol class="thread" data-testid="ticket-thread">
        <li class="message">
          <p class="meta">Description · {{ when(tk.createdAt) }}</p>
          <p class="content">{{ tk.description }}</p>
        </li>
        @for (m of tk.messages; track m.id) {
          <li class="message" [class.internal]="m.isInternal" [class.support]="m.fromSupport" [attr.data-internal]="m.isInternal">
            <p class="meta">
              @if (m.isInternal) { <strong class="tag">Internal note — only VoiceDesk support sees this</strong> · }
              {{ author(m) }} · {{ when(m.createdAt) }}
            </p>
            <p class="content">{{ m.content }}</p>
          </li>
        }
      </ol>

      @if (tk.status !== 'closed') {
        <form class="reply" (ngSubmit)="send()" aria-label="Write in the thread">
          <mat-form-field appearance="outline" class="full">
            <mat-label>{{ internal ? 'Internal note' : 'Reply' }}</mat-label>
            <textarea matInput [(ngModel)]="draft" name="content" rows="4"></textarea>
            @if (replyProblem(); as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>
          @if (replyProblem(); as message) {
            <p class="bad" role="alert" data-testid="reply-error">{{ message }}</p>
          }
          <div class="reply-actions">
            @if (isAdmin()) {
              <mat-checkbox [(ngModel)]="internal" name="internal">Internal note (the clinic never sees it)</mat-checkbox>
            }
            <button mat-flat-button type="submit" [disabled]="busy() || !draft.trim()">{{ internal ? 'Add internal note' : 'Send reply' }}</button>
          </div>
        </form>
      }
    }
  `,
  styles: `
    .status { display: flex; flex-wrap: wrap; align-items: center; gap: 16px; padding: 12px 16px; border-radius: 12px; background: var(--mat-sys-surface-container); }
    .status p { margin: 0; font: var(--mat-sys-body-large); }
    .actions { display: flex; flex-wrap: wrap; gap: 8px; }
    .title { margin: 24px 0 8px; font: var(--mat-sys-title-large); }
    .thread { list-style: none; margin: 0; padding: 0; display: grid; gap: 12px; max-width: 80ch; }
    .message { padding: 12px 16px; border-radius: 12px; border: 1px solid var(--mat-sys-outline-variant); background: var(--mat-sys-surface-container-lowest); }
    .message.support { background: var(--mat-sys-surface-container-low); }
    .message.internal { border: 2px dashed var(--mat-sys-tertiary); background: var(--mat-sys-tertiary-container); color: var(--mat-sys-on-tertiary-container); }
    .meta { margin: 0 0 4px; font: var(--mat-sys-label-medium); }
    .tag { text-transform: uppercase; letter-spacing: 0.04em; }
    .content { margin: 0; white-space: pre-wrap; font: var(--mat-sys-body-large); }
    .reply { margin-top: 24px; max-width: 80ch; }
    .full { display: block; width: 100%; }
    .reply-actions { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 12px; }
    .hint { color: var(--mat-sys-on-surface-variant); }
    .bad { color: var(--mat-sys-error); }
    .saved { min-height: 1em; margin: 8px 0 0; color: var(--mat-sys-primary); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TicketDetailPageComponent {
  private readonly tickets = inject(TicketsService);
  protected readonly isAdmin = inject(AuthService).isPlatformAdmin;
  readonly clinicId = input.required<string>();
  readonly ticketId = input.required<string>();

  protected readonly ticket = resource({
    params: () => ({ clinicId: this.clinicId(), ticketId: this.ticketId() }),
    loader: ({ params }) => this.tickets.ticketsGet(params),
  });
  protected readonly problem = computed(() => (this.ticket.error() ? toApiProblem(this.ticket.error()).message : null));
  protected readonly choices = computed(() => statusChoices(this.isAdmin(), this.ticket.value()?.status ?? 'closed'));
  protected readonly busy = signal(false);
  protected readonly statusProblem = signal<string | null>(null);
  protected readonly replyProblem = signal<string | null>(null);
  protected readonly saved = signal('');
  protected draft = '';
  protected internal = false;
  protected statusLabel = (s: TicketStatus) => TICKET_STATUS_LABELS[s] ?? s;
  protected priorityLabel = (p: TicketPriority) => TICKET_PRIORITY_LABELS[p] ?? p;
  protected action = statusAction;
  protected author = authorOf;
  protected when = (instant: string) => formatInstant(instant);

  protected async setStatus(status: TicketStatus): Promise<void> {
    this.busy.set(true);
    this.statusProblem.set(null);
    this.saved.set('');
    try {
      const updated = await this.tickets.ticketsUpdate({ clinicId: this.clinicId(), ticketId: this.ticketId(), body: { status } });
      this.ticket.set(updated);
      this.saved.set(`Status: ${TICKET_STATUS_LABELS[updated.status]}.`);
    } catch (error) {
      this.statusProblem.set(toApiProblem(error).message);
    } finally {
      this.busy.set(false);
    }
  }

  protected async send(): Promise<void> {
    const content = this.draft.trim();
    if (!content || this.busy()) return;
    this.busy.set(true);
    this.replyProblem.set(null);
    this.saved.set('');
    try {
      const internal = this.isAdmin() && this.internal;
      await this.tickets.ticketMessagesCreate({ clinicId: this.clinicId(), ticketId: this.ticketId(), body: { content, isInternal: internal } });
      this.draft = '';
      this.internal = false;
      this.saved.set(internal ? 'Internal note added.' : 'Reply sent.');
      this.ticket.reload();
    } catch (error) {
      const problem = toApiProblem(error);
      this.replyProblem.set(problem.fieldErrors['content'] ?? problem.message);
    } finally {
      this.busy.set(false);
    }
  }
}
