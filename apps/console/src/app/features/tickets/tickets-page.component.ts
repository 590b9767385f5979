import { ChangeDetectionStrategy, Component, computed, inject, input, resource } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { ClinicsService, type TicketDetailDto, type TicketDto, type TicketPriority, type TicketStatus, TicketsService } from '@voicedesk/api-client';
import { AuthService } from '../../core/auth/auth.service';
import { toApiProblem } from '../../core/http/api-error';
import { CursorList } from '../../shared/cursor-list';
import { EmptyStateComponent } from '../../shared/empty-state/empty-state.component';
import { ErrorStateComponent } from '../../shared/error-state/error-state.component';
import { LoadingStateComponent } from '../../shared/loading-state/loading-state.component';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';
import { CreateTicketDialogComponent } from './create-ticket-dialog.component';
import { TICKET_PRIORITY_LABELS, TICKET_STATUS_LABELS } from './ticket-format';
import { formatInstant } from '../../shared/format/dates';
import { StatusBadgeComponent } from '../../shared/status-badge/status-badge.component';

interface TicketFilter {
  /** one clinic's tickets; '' at /tickets: every clinic's (admins) */
  clinicId: string;
  status: TicketStatus | '';
  priority: TicketPriority | '';
  ready: boolean;
}

/**
 * Tickets: a clinic's (`/clinics/:clinicId/tickets`, with New ticket), or every clinic's for
 * VoiceDesk support (`/tickets`, admins, with a clinic filter).
 */
@Component({
  selector: 'vd-tickets-page',
  imports: [StatusBadgeComponent, RouterLink, MatButtonModule, MatFormFieldModule, MatSelectModule, PageHeaderComponent, LoadingStateComponent, ErrorStateComponent, EmptyStateComponent],
  template: `
    <vd-page-header title="Tickets" [subtitle]="allClinics() ? 'Every clinic’s requests to VoiceDesk support' : 'Requests to VoiceDesk support, with their threads'">
      @if (!allClinics()) {
        <button mat-flat-button type="button" (click)="create()">New ticket</button>
      }
    </vd-page-header>

    <div class="filters" role="search" aria-label="Tickets">
      @if (allClinics()) {
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Clinic</mat-label>
          <mat-select [value]="list.filter().clinicId" (valueChange)="setFilter({ clinicId: $event })">
            <mat-option value="">All clinics</mat-option>
            @for (c of clinics.value()?.items ?? []; track c.id) {
              <mat-option [value]="c.id">{{ c.name }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      }
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Status</mat-label>
        <mat-select [value]="list.filter().status" (valueChange)="setFilter({ status: $event })">
          <mat-option value="">All</mat-option>
          @for (s of statuses; track s[0]) {
            <mat-option [value]="s[0]">{{ s[1] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Priority</mat-label>
        <mat-select [value]="list.filter().priority" (valueChange)="setFilter({ priority: $event })">
          <mat-option value="">All</mat-option>
          @for (p of priorities; track p[0]) {
            <mat-option [value]="p[0]">{{ p[1] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
    </div>

    @if (list.first.isLoading() && list.items().length === 0) {
      <vd-loading-state label="Loading tickets…" />
    } @else if (problem(); as message) {
      <vd-error-state heading="The tickets could not be loaded" [message]="message" (retry)="list.first.reload()" />
    } @else if (list.items().length === 0) {
      <vd-empty-state [heading]="filtered() ? 'No tickets match' : 'No tickets yet'"
                      message="A ticket asks VoiceDesk support for help; its thread keeps the answers and what was done." />
    } @else {
      <table class="table" data-testid="tickets-table">
        <caption class="vd-visually-hidden">Tickets</caption>
        <thead>
          <tr>
            <th scope="col">Title</th>
            @if (allClinics()) { <th scope="col">Clinic</th> }
            <th scope="col">Priority</th><th scope="col">Status</th><th scope="col">Messages</th><th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          @for (ticket of list.items(); track ticket.id) {
            <tr>
              <td><a [routerLink]="['/clinics', ticket.clinicId, 'tickets', ticket.id]">{{ ticket.title }}</a></td>
              @if (allClinics()) { <td>{{ clinicName(ticket.clinicId) }}</td> }
              <td><vd-status-badge [tone]="ticket.priority === 'high' || ticket.priority === 'urgent' ? 'attention' : 'neutral'">{{ priorityLabel(ticket.priority) }}</vd-status-badge></td>
              <td><vd-status-badge [status]="ticket.status">{{ statusLabel(ticket.status) }}</vd-status-badge></td>
              <td>{{ ticket.messageCount }}</td>
              <td>{{ when(ticket.updatedAt) }}</td>
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
export class TicketsPageComponent {
  private readonly tickets = inject(TicketsService);
  private readonly clinicsApi = inject(ClinicsService);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly isAdmin = inject(AuthService).isPlatformAdmin;
  /** absent at /tickets: every clinic's tickets */
  readonly clinicId = input<string>();

  protected readonly allClinics = computed(() => !this.clinicId());
  protected readonly statuses = Object.entries(TICKET_STATUS_LABELS) as Array<[TicketStatus, string]>;
  protected readonly priorities = Object.entries(TICKET_PRIORITY_LABELS) as Array<[TicketPriority, string]>;
  protected readonly clinics = resource({
    params: () => (this.allClinics() && this.isAdmin() ? {} : undefined),
    loader: () => this.clinicsApi.clinicsList({ limit: 100 }),
  });
  private readonly clinicNames = computed(() => new Map((this.clinics.value()?.items ?? []).map((c) => [c.id, c.name])));
  protected readonly list = new CursorList<TicketFilter, TicketDto>({ clinicId: '', status: '', priority: '', ready: false }, (filter, cursor) => {
    if (!filter.ready) return Promise.resolve({ items: [], nextCursor: null });
    const query = { status: filter.status || undefined, priority: filter.priority || undefined, limit: 50, cursor };
    return this.allClinics()
      ? this.tickets.allTicketsList({ ...query, clinicId: filter.clinicId || undefined })
      : this.tickets.ticketsList({ ...query, clinicId: filter.clinicId });
  });
  protected readonly problem = computed(() => (this.list.first.error() ? toApiProblem(this.list.first.error()).message : null));
  protected readonly filtered = computed(() => !!(this.list.filter().status || this.list.filter().priority || (this.allClinics() && this.list.filter().clinicId)));
  protected statusLabel = (s: TicketStatus) => TICKET_STATUS_LABELS[s] ?? s;
  protected priorityLabel = (p: TicketPriority) => TICKET_PRIORITY_LABELS[p] ?? p;
  protected when = (instant: string) => formatInstant(instant);
  protected clinicName = (id: string) => this.clinicNames().get(id) ?? '—';

  ngOnInit(): void {
    this.list.filter.set({ clinicId: this.clinicId() ?? '', status: '', priority: '', ready: true });
  }

  protected setFilter(change: Partial<TicketFilter>): void {
    this.list.filter.update((f) => ({ ...f, ...change }));
  }

  protected create(): void {
    const clinicId = this.clinicId();
    if (!clinicId) return;
    this.dialog
      .open(CreateTicketDialogComponent, { data: { clinicId }, width: '560px', autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((created?: TicketDetailDto) => {
        if (created) void this.router.navigate(['/clinics', clinicId, 'tickets', created.id]);
      });
  }
}
