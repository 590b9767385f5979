import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { type CallIntent, type CallLogSummaryDto, type CallOutcome, CallsService } from '@voicedesk/api-client';
import { toApiProblem } from '../../core/http/api-error';
import { CursorList } from '../../shared/cursor-list';
import { EmptyStateComponent } from '../../shared/empty-state/empty-state.component';
import { ErrorStateComponent } from '../../shared/error-state/error-state.component';
import { LoadingStateComponent } from '../../shared/loading-state/loading-state.component';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';
import { CallAnalyticsComponent } from './call-analytics.component';
import {
  CALL_INTENT_LABELS, CALL_LANGUAGE_LABELS, CALL_OUTCOME_LABELS, type CallFilter, type DateProblems, NO_CALL_FILTER, apiDateProblems, callQuery,
  dateRangeProblems, formatDuration, isFiltered, labelOf, onlyAboutDays,
} from './call-format';
import { formatInstant } from '../../shared/format/dates';
import { StatusBadgeComponent } from '../../shared/status-badge/status-badge.component';
import { maskedPhone } from '../../shared/phone';

/** Every call the receptionist answered: a summary of the days chosen, filters, the calls (caller masked), load more. */
@Component({
  selector: 'vd-call-logs-page',
  imports: [StatusBadgeComponent, 
    FormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule,
    PageHeaderComponent, LoadingStateComponent, ErrorStateComponent, EmptyStateComponent, CallAnalyticsComponent,
  ],
  template: `
    <vd-page-header title="Call logs" subtitle="Every call the receptionist answered" />
    <vd-call-analytics [clinicId]="clinicId()" [from]="list.filter().from" [to]="list.filter().to" (dateProblems)="summaryDateProblems.set($event)" />

    <form class="filters" (ngSubmit)="apply()" aria-label="Filter the calls" novalidate>
      <mat-form-field appearance="outline" subscriptSizing="dynamic" data-testid="filter-from">
        <mat-label>From</mat-label>
        <input matInput type="date" [(ngModel)]="draft.from" (ngModelChange)="localDateProblems.set({})" name="from" [errorStateMatcher]="fromMatcher" />
        <mat-error>{{ dateProblems().from }}</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic" data-testid="filter-to">
        <mat-label>To</mat-label>
        <input matInput type="date" [(ngModel)]="draft.to" (ngModelChange)="localDateProblems.set({})" name="to" [errorStateMatcher]="toMatcher" />
        <mat-error>{{ dateProblems().to }}</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Outcome</mat-label>
        <mat-select [(ngModel)]="draft.outcome" name="outcome">
          <mat-option value="">All outcomes</mat-option>
          @for (o of outcomes; track o[0]) {
            <mat-option [value]="o[0]">{{ o[1] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Intent</mat-label>
        <mat-select [(ngModel)]="draft.intent" name="intent">
          <mat-option value="">All intents</mat-option>
          @for (i of intents; track i[0]) {
            <mat-option [value]="i[0]">{{ i[1] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Language</mat-label>
        <mat-select [(ngModel)]="draft.language" name="language">
          <mat-option value="">All languages</mat-option>
          @for (l of languages; track l[0]) {
            <mat-option [value]="l[0]">{{ l[1] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Handed to staff</mat-label>
        <mat-select [(ngModel)]="draft.transferred" name="transferred">
          <mat-option value="">All calls</mat-option>
          <mat-option value="yes">Handed to staff</mat-option>
          <mat-option value="no">Not handed to staff</mat-option>
        </mat-select>
      </mat-form-field>
      <div class="buttons">
        <button mat-flat-button type="submit">Apply filters</button>
        <button mat-button type="button" (click)="clear()">Clear</button>
      </div>
    </form>

    @if (list.first.isLoading() && list.items().length === 0) {
      <vd-loading-state label="Loading calls…" />
    } @else if (problem(); as message) {
      <vd-error-state heading="The calls could not be loaded" [message]="message" (retry)="list.first.reload()" />
    } @else if (listRefusedDays()) {
      <p class="hint" data-testid="calls-need-dates">Change the days above to see the calls.</p>
    } @else if (list.items().length === 0) {
      <vd-empty-state [heading]="filtered() ? 'No calls match these filters' : 'No calls recorded yet'"
                      message="Each answered call appears here with the caller, what they wanted, the outcome, its length and the transcript." />
    } @else {
      <table class="table" data-testid="calls-table">
        <caption class="vd-visually-hidden">Calls</caption>
        <thead>
          <tr><th scope="col">When</th><th scope="col">Caller</th><th scope="col">Intent</th><th scope="col">Outcome</th><th scope="col">Language</th><th scope="col">Length</th><th scope="col">Staff</th></tr>
        </thead>
        <tbody>
          @for (c of list.items(); track c.id) {
            <tr>
              <td><a [routerLink]="[c.id]">{{ when(c) }}</a></td>
              <td class="mono">{{ masked(c.callerPhoneMasked, 'Unknown') }}</td>
              <td>{{ intentLabel(c.intent) }}</td>
              <td><vd-status-badge [status]="c.outcome">{{ outcomeLabel(c.outcome) }}</vd-status-badge></td>
              <td>{{ languageLabel(c.language) }}</td>
              <td>{{ duration(c.durationSeconds) }}</td>
              <td>{{ c.transferredToStaff ? 'Handed over' : '—' }}</td>
            </tr>
          }
        </tbody>
      </table>
      @if (list.moreError()) {
        <p class="bad" role="alert">{{ moreProblem() }}</p>
      }
      @if (list.nextCursor()) {
        <div class="more"><button mat-stroked-button type="button" (click)="list.loadMore()" [disabled]="list.loadingMore()">Load more</button></div>
      }
    }
  `,
  styleUrl: '../../shared/list-table.scss',
  styles: `
    .filters { align-items: center; }
    .filters mat-form-field { flex: 0 1 180px; }
    .buttons { display: flex; gap: 8px; }
    .mono { font-variant-numeric: tabular-nums; }
    .hint { font: var(--mat-sys-body-medium); color: var(--mat-sys-on-surface-variant); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CallLogsPageComponent {
  private readonly calls = inject(CallsService);
  readonly clinicId = input.required<string>();

  protected readonly outcomes = Object.entries(CALL_OUTCOME_LABELS) as Array<[CallOutcome, string]>;
  protected readonly intents = Object.entries(CALL_INTENT_LABELS) as Array<[CallIntent, string]>;
  protected readonly languages = Object.entries(CALL_LANGUAGE_LABELS);
  protected readonly list = new CursorList<CallFilter, CallLogSummaryDto>({ clinicId: '', ...NO_CALL_FILTER }, (filter, cursor) =>
    filter.clinicId ? this.calls.callLogsList({ ...callQuery(filter), limit: 25, cursor }) : Promise.resolve({ items: [], nextCursor: null }),
  );
  private readonly listFailure = computed(() => (this.list.first.error() ? toApiProblem(this.list.first.error()) : null));
  /** A refusal that is only about the days stands beside the date fields, not in place of the page. */
  protected readonly listRefusedDays = computed(() => onlyAboutDays(this.listFailure()));
  protected readonly problem = computed(() => (this.listFailure() && !this.listRefusedDays() ? this.listFailure()!.message : null));
  /** The screen's own check (From after To), else what the API said of the days (the list's, the summary's). */
  protected readonly localDateProblems = signal<DateProblems>({});
  protected readonly summaryDateProblems = signal<DateProblems>({});
  protected readonly dateProblems = computed<DateProblems>(() => {
    const local = this.localDateProblems();
    if (local.from || local.to) return local;
    return { ...this.summaryDateProblems(), ...apiDateProblems(this.listFailure()) };
  });
  protected readonly fromMatcher = { isErrorState: () => !!this.dateProblems().from };
  protected readonly toMatcher = { isErrorState: () => !!this.dateProblems().to };
  protected readonly moreProblem = computed(() => toApiProblem(this.list.moreError()).message);
  protected readonly filtered = computed(() => isFiltered(this.list.filter()));
  protected draft = { ...NO_CALL_FILTER };

  protected outcomeLabel = (value: string | null) => labelOf(CALL_OUTCOME_LABELS, value);
  protected intentLabel = (value: string | null) => labelOf(CALL_INTENT_LABELS, value);
  protected languageLabel = (value: string | null) => labelOf(CALL_LANGUAGE_LABELS, value, '—');
  protected duration = formatDuration;
  protected when = (c: CallLogSummaryDto) => formatInstant(c.startedAt ?? c.createdAt);
  protected readonly masked = maskedPhone;

  ngOnInit(): void {
    this.list.filter.set({ clinicId: this.clinicId(), ...NO_CALL_FILTER });
  }

  protected apply(): void {
    const refused = dateRangeProblems(this.draft.from, this.draft.to);
    this.localDateProblems.set(refused);
    if (refused.from || refused.to) return;
    this.list.filter.set({ clinicId: this.clinicId(), ...this.draft });
  }

  protected clear(): void {
    this.draft = { ...NO_CALL_FILTER };
    this.apply();
  }
}
