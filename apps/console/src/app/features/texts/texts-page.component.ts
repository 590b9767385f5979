import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTabsModule } from '@angular/material/tabs';
import { type SmsMessageDto, type SmsOptOutDto, SmsService, type SmsStatus } from '@voicedesk/api-client';
import { toApiProblem } from '../../core/http/api-error';
import { CursorList } from '../../shared/cursor-list';
import { EmptyStateComponent } from '../../shared/empty-state/empty-state.component';
import { ErrorStateComponent } from '../../shared/error-state/error-state.component';
import { LoadingStateComponent } from '../../shared/loading-state/loading-state.component';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';
import { maskedPhone } from '../../shared/phone';
import { TEXTS_TABS, TEXT_STATUS_LABELS, type TextsTab, languageLabel, statusTone, textKindLabel, textReason } from './texts-format';

interface TextsFilter {
  clinicId: string;
  tab: TextsTab;
}

/**
 * The clinic's text history: confirmations sent to callers (masked number, what about, language,
 * status, and why one did not go out or arrive), replies received, and the numbers that asked the
 * clinic to stop texting them. Never the words of a text.
 */
@Component({
  selector: 'vd-texts-page',
  imports: [MatButtonModule, MatTabsModule, PageHeaderComponent, LoadingStateComponent, ErrorStateComponent, EmptyStateComponent],
  template: `
    <vd-page-header title="Texts" subtitle="Confirmation texts to callers, the ones that did not go out and why, and who asked to stop" />

    <nav mat-tab-nav-bar [tabPanel]="panel" aria-label="Texts by status">
      @for (t of tabs; track t.tab) {
        <a mat-tab-link [active]="list.filter().tab === t.tab" (click)="show(t.tab)" (keydown.enter)="show(t.tab)" tabindex="0" [attr.data-testid]="'tab-' + t.tab">{{ t.label }}</a>
      }
    </nav>
    <mat-tab-nav-panel #panel>
      @if (list.first.isLoading() && list.items().length === 0) {
        <vd-loading-state label="Loading texts…" />
      } @else if (problem(); as message) {
        <vd-error-state heading="The texts could not be loaded" [message]="message" (retry)="list.first.reload()" />
      } @else if (list.items().length === 0) {
        <vd-empty-state [heading]="emptyHeading()"
                        message="When the receptionist books, moves or cancels an appointment, the caller who agreed gets a text; each one is listed here with what became of it." />
      } @else {
        <table class="table" data-testid="texts-table">
          <caption class="vd-visually-hidden">Texts: {{ tabLabel() }}</caption>
          <thead>
            <tr><th scope="col">When</th><th scope="col">Number</th><th scope="col">About</th><th scope="col">Language</th><th scope="col">Status</th><th scope="col">Why</th></tr>
          </thead>
          <tbody>
            @for (m of list.items(); track m.id) {
              <tr>
                <td class="nowrap">{{ when(m.createdAt) }}</td>
                <td class="nowrap">{{ number(m.phoneMasked) }}</td>
                <td>{{ kindLabel(m) }}</td>
                <td>{{ languageLabel(m.language) }}</td>
                <td><span class="chip" [class.good]="tone(m.status) === 'good'" [class.attention]="tone(m.status) === 'attention'">{{ statusLabel(m.status) }}</span></td>
                <td>{{ reason(m) || '—' }}</td>
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
    </mat-tab-nav-panel>

    <section aria-labelledby="opt-outs-heading" class="opt-outs">
      <h2 id="opt-outs-heading" class="title">Numbers that asked to stop</h2>
      <p class="hint">They replied STOP (or a word like it: UNSUBSCRIBE, QUIT, ARRET…) and get no texts from the clinic until they reply START.</p>
      @if (optOuts.first.isLoading() && optOuts.items().length === 0) {
        <vd-loading-state label="Loading the numbers that asked to stop…" />
      } @else if (optOutsProblem(); as message) {
        <vd-error-state heading="The numbers that asked to stop could not be loaded" [message]="message" (retry)="optOuts.first.reload()" />
      } @else if (optOuts.items().length === 0) {
        <p data-testid="opt-outs-empty">Nobody has asked the clinic to stop texting.</p>
      } @else {
        <table class="table" data-testid="opt-outs-table">
          <caption class="vd-visually-hidden">Numbers that asked to stop</caption>
          <thead>
            <tr><th scope="col">Number</th><th scope="col">Replied</th><th scope="col">Since</th></tr>
          </thead>
          <tbody>
            @for (o of optOuts.items(); track o.id) {
              <tr><td class="nowrap">{{ number(o.phoneMasked) }}</td><td>{{ o.keyword }}</td><td class="nowrap">{{ when(o.optedOutAt) }}</td></tr>
            }
          </tbody>
        </table>
        @if (optOuts.nextCursor()) {
          <div class="more"><button mat-stroked-button type="button" (click)="optOuts.loadMore()" [disabled]="optOuts.loadingMore()">Load more</button></div>
        }
      }
    </section>
  `,
  styleUrl: '../../shared/list-table.scss',
  styles: `
    nav { margin-bottom: 16px; }
    .opt-outs { margin-top: 32px; }
    .title { font: var(--mat-sys-title-large); margin: 0 0 4px; }
    .hint { color: var(--mat-sys-on-surface-variant); margin: 0 0 16px; }
    .nowrap { white-space: nowrap; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TextsPageComponent {
  private readonly sms = inject(SmsService);
  readonly clinicId = input.required<string>();

  protected readonly tabs = TEXTS_TABS;
  protected readonly list = new CursorList<TextsFilter, SmsMessageDto>({ clinicId: '', tab: 'all' }, (filter, cursor) =>
    filter.clinicId
      ? this.sms.smsMessagesList({ clinicId: filter.clinicId, status: filter.tab === 'all' ? undefined : (filter.tab as SmsStatus), limit: 25, cursor })
      : Promise.resolve({ items: [], nextCursor: null }),
  );
  protected readonly optOuts = new CursorList<{ clinicId: string }, SmsOptOutDto>({ clinicId: '' }, (filter, cursor) =>
    filter.clinicId ? this.sms.smsMessagesListOptOuts({ clinicId: filter.clinicId, limit: 25, cursor }) : Promise.resolve({ items: [], nextCursor: null }),
  );
  protected readonly problem = computed(() => (this.list.first.error() ? toApiProblem(this.list.first.error()).message : null));
  protected readonly moreProblem = computed(() => toApiProblem(this.list.moreError()).message);
  protected readonly optOutsProblem = computed(() => (this.optOuts.first.error() ? toApiProblem(this.optOuts.first.error()).message : null));
  protected readonly tabLabel = computed(() => TEXTS_TABS.find((t) => t.tab === this.list.filter().tab)?.label ?? '');
  protected readonly emptyHeading = computed(() => (this.list.filter().tab === 'all' ? 'No texts yet' : `No texts here: ${this.tabLabel().toLowerCase()}`));

  protected readonly statusLabel = (status: SmsStatus) => TEXT_STATUS_LABELS[status] ?? status;
  protected readonly kindLabel = textKindLabel;
  protected readonly languageLabel = languageLabel;
  protected readonly tone = statusTone;
  protected readonly reason = textReason;
  protected readonly number = maskedPhone;
  protected readonly when = (instant: string) => new Date(instant).toLocaleString('en-CA', { dateStyle: 'medium', timeStyle: 'short' });

  ngOnInit(): void {
    this.list.filter.set({ clinicId: this.clinicId(), tab: 'all' });
    this.optOuts.filter.set({ clinicId: this.clinicId() });
  }

  protected show(tab: TextsTab): void {
    this.list.filter.set({ clinicId: this.clinicId(), tab });
  }
}
