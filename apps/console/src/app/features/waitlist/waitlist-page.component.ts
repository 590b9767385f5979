import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { ClinicsService, type WaitlistEntryDetailDto, type WaitlistEntryDto, type WaitlistStatus } from '@voicedesk/api-client';
import { toApiProblem } from '../../core/http/api-error';
import { CursorList } from '../../shared/cursor-list';
import { EmptyStateComponent } from '../../shared/empty-state/empty-state.component';
import { ErrorStateComponent } from '../../shared/error-state/error-state.component';
import { LoadingStateComponent } from '../../shared/loading-state/loading-state.component';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';
import { AddWaitlistEntryDialogComponent } from './add-waitlist-entry-dialog.component';
import { WAITLIST_SOURCE_LABELS, WAITLIST_STATUS_LABELS } from './waitlist-format';
import { formatInstant } from '../../shared/format/dates';
import { StatusBadgeComponent } from '../../shared/status-badge/status-badge.component';
import { showPhone } from '../../shared/phone';

interface WaitlistFilter {
  clinicId: string;
  status: WaitlistStatus | '';
}

/** New patients waiting for a place: a status filter, the entries (registration details only in an entry), and a way to add one. */
@Component({
  selector: 'vd-waitlist-page',
  imports: [StatusBadgeComponent, RouterLink, MatButtonModule, MatFormFieldModule, MatSelectModule, PageHeaderComponent, LoadingStateComponent, ErrorStateComponent, EmptyStateComponent],
  template: `
    <vd-page-header title="Waitlist" subtitle="New patients waiting for a place">
      <button mat-flat-button type="button" (click)="add()">Add to waitlist</button>
    </vd-page-header>

    <div class="filters" role="search" aria-label="Waitlist">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Status</mat-label>
        <mat-select [value]="list.filter().status" (valueChange)="setStatus($event)">
          <mat-option value="">All</mat-option>
          @for (s of statuses; track s[0]) {
            <mat-option [value]="s[0]">{{ s[1] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
    </div>

    @if (list.first.isLoading() && list.items().length === 0) {
      <vd-loading-state label="Loading the waitlist…" />
    } @else if (problem(); as message) {
      <vd-error-state heading="The waitlist could not be loaded" [message]="message" (retry)="list.first.reload()" />
    } @else if (list.items().length === 0) {
      <vd-empty-state [heading]="list.filter().status ? 'No entries with this status' : 'Nobody is waiting'"
                      message="Callers the receptionist registers as new patients, and people staff add, wait here until the clinic contacts them." />
    } @else {
      <table class="table" data-testid="waitlist-table">
        <caption class="vd-visually-hidden">Waitlist</caption>
        <thead>
          <tr><th scope="col">Name</th><th scope="col">Phone</th><th scope="col">Added</th><th scope="col">How</th><th scope="col">Status</th></tr>
        </thead>
        <tbody>
          @for (e of list.items(); track e.id) {
            <tr>
              <td><a [routerLink]="[e.id]">{{ e.lastName }}, {{ e.firstName }}</a></td>
              <td>{{ phone(e.phone) }}</td>
              <td>{{ when(e.createdAt) }}</td>
              <td>{{ sourceLabel(e.source) }}</td>
              <td><vd-status-badge [status]="e.status">{{ statusLabel(e.status) }}</vd-status-badge></td>
            </tr>
          }
        </tbody>
      </table>
      @if (list.nextCursor()) {
        <div class="more"><button mat-stroked-button type="button" (click)="list.loadMore()" [disabled]="list.loadingMore()">Load more</button></div>
      }
    }
  `,
  styleUrl: '../../shared/list-table.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WaitlistPageComponent {
  private readonly clinics = inject(ClinicsService);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  readonly clinicId = input.required<string>();

  protected readonly statuses = Object.entries(WAITLIST_STATUS_LABELS) as Array<[WaitlistStatus, string]>;
  protected readonly list = new CursorList<WaitlistFilter, WaitlistEntryDto>({ clinicId: '', status: '' }, (filter, cursor) =>
    filter.clinicId
      ? this.clinics.waitlistList({ clinicId: filter.clinicId, status: filter.status || undefined, limit: 50, cursor })
      : Promise.resolve({ items: [], nextCursor: null }),
  );
  protected readonly problem = computed(() => (this.list.first.error() ? toApiProblem(this.list.first.error()).message : null));
  protected statusLabel = (s: WaitlistStatus) => WAITLIST_STATUS_LABELS[s] ?? s;
  protected sourceLabel = (s: keyof typeof WAITLIST_SOURCE_LABELS) => WAITLIST_SOURCE_LABELS[s] ?? s;
  protected when = (instant: string) => formatInstant(instant);
  protected readonly phone = showPhone;

  ngOnInit(): void {
    this.list.filter.set({ clinicId: this.clinicId(), status: '' });
  }

  protected setStatus(status: WaitlistStatus | ''): void {
    this.list.filter.update((f) => ({ ...f, status }));
  }

  protected add(): void {
    this.dialog
      .open(AddWaitlistEntryDialogComponent, { data: { clinicId: this.clinicId() }, width: '640px', autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((created?: WaitlistEntryDetailDto) => {
        if (created) void this.router.navigate(['/clinics', this.clinicId(), 'waitlist', created.id]);
      });
  }
}
