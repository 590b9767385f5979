import { ChangeDetectionStrategy, Component, computed, inject, input, resource } from '@angular/core';
import { CallsService } from '@voicedesk/api-client';
import { toApiProblem } from '../../core/http/api-error';
import { CALL_OUTCOME_LABELS, formatDuration, percent, toBars } from './call-format';

/** Outcomes and daily volume of the chosen days (the API's default: the last 30), as plain CSS bars. */
@Component({
  selector: 'vd-call-analytics',
  template: `
    @if (summary.value(); as s) {
      <section class="summary" aria-labelledby="call-summary-title" data-testid="call-summary">
        <h2 id="call-summary-title" class="title">Summary, {{ s.from }} to {{ s.to }}</h2>
        <dl class="facts">
          <div><dt>Calls</dt><dd data-testid="total-calls">{{ s.totalCalls }}</dd></div>
          <div><dt>Handed to staff</dt><dd>{{ rate(s.transferRate) }}</dd></div>
          <div><dt>Average length</dt><dd>{{ duration(s.averageDurationSeconds) }}</dd></div>
        </dl>
        <div class="charts">
          <figure class="chart">
            <figcaption>Outcomes</figcaption>
            <ul class="bars">
              @for (b of outcomes(); track b.label) {
                <li><span class="label">{{ b.label }}</span><span class="track"><span class="bar" [style.width.%]="b.width"></span></span><span class="count">{{ b.count }}</span></li>
              }
            </ul>
          </figure>
          <figure class="chart">
            <figcaption>Calls per day</figcaption>
            <div class="columns" role="list">
              @for (d of days(); track d.date) {
                <span class="column" role="listitem" [attr.aria-label]="d.date + ': ' + d.calls + ' calls'" [title]="d.date + ': ' + d.calls">
                  <span class="fill" [style.height.%]="d.height"></span>
                </span>
              }
            </div>
          </figure>
        </div>
      </section>
    } @else if (problem(); as message) {
      <p class="bad" role="alert">The summary could not be loaded: {{ message }}</p>
    }
  `,
  styles: `
    .summary { margin-bottom: 24px; padding: 16px 20px; border-radius: 12px; background: var(--mat-sys-surface-container-low);
               border: 1px solid var(--mat-sys-outline-variant); }
    .title { margin: 0 0 8px; font: var(--mat-sys-title-medium); }
    .facts { display: flex; flex-wrap: wrap; gap: 8px 40px; margin: 0 0 16px; }
    dt { font: var(--mat-sys-label-medium); color: var(--mat-sys-on-surface-variant); }
    dd { margin: 2px 0 0; font: var(--mat-sys-headline-small); }
    .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 24px; }
    .chart { margin: 0; }
    figcaption { font: var(--mat-sys-label-large); margin-bottom: 8px; }
    .bars { list-style: none; margin: 0; padding: 0; display: grid; gap: 4px; }
    .bars li { display: grid; grid-template-columns: 110px 1fr 32px; align-items: center; gap: 8px; font: var(--mat-sys-body-small); }
    .track { height: 10px; border-radius: 5px; background: var(--mat-sys-surface-container-high); overflow: hidden; }
    .bar { display: block; height: 100%; background: var(--mat-sys-primary); }
    .count { text-align: right; }
    .columns { display: flex; align-items: flex-end; gap: 2px; height: 120px; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .column { flex: 1; height: 100%; display: flex; align-items: flex-end; }
    .fill { display: block; width: 100%; background: var(--mat-sys-primary); border-radius: 2px 2px 0 0; }
    .bad { color: var(--mat-sys-error); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CallAnalyticsComponent {
  private readonly calls = inject(CallsService);
  readonly clinicId = input.required<string>();
  readonly from = input('');
  readonly to = input('');

  protected readonly summary = resource({
    params: () => ({ clinicId: this.clinicId(), from: this.from() || undefined, to: this.to() || undefined }),
    loader: ({ params }) => this.calls.callLogsSummarise$Json(params),
  });
  protected readonly problem = computed(() => (this.summary.error() ? toApiProblem(this.summary.error()).message : null));
  protected readonly outcomes = computed(() => toBars(this.summary.value()?.byOutcome ?? [], CALL_OUTCOME_LABELS));
  protected readonly days = computed(() => {
    const days = this.summary.value()?.perDay ?? [];
    const max = Math.max(0, ...days.map((d) => d.calls));
    return days.map((d) => ({ date: d.date, calls: d.calls, height: max ? Math.round((d.calls / max) * 100) : 0 }));
  });
  protected rate = percent;
  protected duration = formatDuration;
}
