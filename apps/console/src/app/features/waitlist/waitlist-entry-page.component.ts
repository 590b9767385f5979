import { ChangeDetectionStrategy, Component, computed, inject, input, resource, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { ClinicsService, type WaitlistDetailsDto, type WaitlistStatus } from '@voicedesk/api-client';
import { toApiProblem } from '../../core/http/api-error';
import { ErrorStateComponent } from '../../shared/error-state/error-state.component';
import { LoadingStateComponent } from '../../shared/loading-state/loading-state.component';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';
import { STATUS_ACTIONS, WAITLIST_SOURCE_LABELS, WAITLIST_STATUS_LABELS, nextStatuses } from './waitlist-format';
import { formatInstant } from '../../shared/format/dates';
import { showPhone } from '../../shared/phone';

/** One waitlist entry with its decrypted registration details, and the status moves the workflow allows. */
@Component({
  selector: 'vd-waitlist-entry-page',
  imports: [RouterLink, MatButtonModule, PageHeaderComponent, LoadingStateComponent, ErrorStateComponent],
  template: `
    @if (entry.isLoading() && !entry.hasValue()) {
      <vd-page-header title="Waitlist entry" />
      <vd-loading-state label="Loading the entry…" />
    } @else if (problem(); as message) {
      <vd-page-header title="Waitlist entry" />
      <vd-error-state heading="The entry could not be loaded" [message]="message" (retry)="entry.reload()" />
    } @else if (entry.value(); as e) {
      <vd-page-header [title]="e.firstName + ' ' + e.lastName" [subtitle]="source(e.source)">
        <a mat-button routerLink="..">Whole waitlist</a>
      </vd-page-header>
      <section class="status" aria-label="Status">
        <p>Status: <strong data-testid="waitlist-status">{{ statusLabel(e.status) }}</strong></p>
        <div class="actions">
          @for (next of moves(); track next) {
            <button mat-stroked-button type="button" (click)="move(next)" [disabled]="saving()">{{ action(next) }}</button>
          } @empty {
            <span class="hint">This entry is final.</span>
          }
        </div>
      </section>
      @if (moveProblem(); as message) {
        <p class="bad" role="alert" data-testid="waitlist-move-error">{{ message }}</p>
      }
      <p role="status" aria-live="polite" class="saved">{{ saved() }}</p>
      <h2 class="title">Contact</h2>
      <dl class="facts">
        <div><dt>Phone</dt><dd>{{ phone(e.phone) }}</dd></div>
        <div><dt>Email</dt><dd>{{ e.email ?? '—' }}</dd></div>
        <div><dt>Added</dt><dd>{{ when(e.createdAt) }}</dd></div>
        <div><dt>Contacted</dt><dd>{{ e.contactedAt ? when(e.contactedAt) : '—' }}</dd></div>
        <div><dt>Registered</dt><dd>{{ e.registeredAt ? when(e.registeredAt) : '—' }}</dd></div>
        <div class="wide"><dt>Notes</dt><dd>{{ e.notes ?? '—' }}</dd></div>
      </dl>
      <h2 class="title">Registration details</h2>
      @if (e.details; as d) {
        <dl class="facts" data-testid="waitlist-details">
          <div><dt>Date of birth</dt><dd>{{ d.dateOfBirth ?? '—' }}</dd></div>
          <div><dt>Gender</dt><dd>{{ d.gender ?? '—' }}</dd></div>
          <div><dt>Health card</dt><dd>{{ d.healthCardType ?? '' }} {{ d.healthCardNumber ?? '—' }}</dd></div>
          <div><dt>Preferred language</dt><dd>{{ d.language === 'zh' ? 'Chinese' : d.language === 'en' ? 'English' : (d.language ?? '—') }}</dd></div>
          <div class="wide"><dt>Address</dt><dd>{{ address(d) }}</dd></div>
        </dl>
      } @else {
        <p class="hint">No registration details were given.</p>
      }
    }
  `,
  styles: `
    .status { display: flex; flex-wrap: wrap; align-items: center; gap: 16px; padding: 12px 16px; border-radius: 12px; background: var(--mat-sys-surface-container); }
    .status p { margin: 0; font: var(--mat-sys-body-large); }
    .actions { display: flex; flex-wrap: wrap; gap: 8px; }
    .facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 12px 40px; margin: 0 0 16px; }
    .wide { grid-column: 1 / -1; }
    dt { font: var(--mat-sys-label-medium); color: var(--mat-sys-on-surface-variant); }
    dd { margin: 2px 0 0; font: var(--mat-sys-body-large); }
    .title { margin: 24px 0 8px; font: var(--mat-sys-title-large); }
    .hint { color: var(--mat-sys-on-surface-variant); }
    .bad { color: var(--mat-sys-error); }
    .saved { min-height: 1em; margin: 8px 0 0; color: var(--mat-sys-primary); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WaitlistEntryPageComponent {
  private readonly clinics = inject(ClinicsService);
  readonly clinicId = input.required<string>();
  readonly entryId = input.required<string>();

  protected readonly entry = resource({
    params: () => ({ clinicId: this.clinicId(), id: this.entryId() }),
    loader: ({ params }) => this.clinics.waitlistGet(params),
  });
  protected readonly problem = computed(() => (this.entry.error() ? toApiProblem(this.entry.error()).message : null));
  protected readonly moves = computed(() => nextStatuses(this.entry.value()?.status ?? 'registered'));
  protected readonly saving = signal(false);
  protected readonly moveProblem = signal<string | null>(null);
  protected readonly saved = signal('');
  protected statusLabel = (s: WaitlistStatus) => WAITLIST_STATUS_LABELS[s] ?? s;
  protected action = (s: WaitlistStatus) => STATUS_ACTIONS[s];
  protected source = (s: keyof typeof WAITLIST_SOURCE_LABELS) => WAITLIST_SOURCE_LABELS[s] ?? s;
  protected when = (instant: string) => formatInstant(instant);
  protected readonly phone = showPhone;
  protected address = (d: WaitlistDetailsDto) => [d.address, d.city, d.postalCode].filter((part) => !!part).join(', ') || '—';

  /** The API decides: a move someone else made meanwhile answers 409 in plain words, shown as is. */
  protected async move(status: WaitlistStatus): Promise<void> {
    this.saving.set(true);
    this.moveProblem.set(null);
    this.saved.set('');
    try {
      const updated = await this.clinics.waitlistUpdate({ clinicId: this.clinicId(), id: this.entryId(), body: { status } });
      this.entry.set(updated);
      this.saved.set(`Marked ${WAITLIST_STATUS_LABELS[updated.status].toLowerCase()}.`);
    } catch (error) {
      this.moveProblem.set(toApiProblem(error).message);
    } finally {
      this.saving.set(false);
    }
  }
}
