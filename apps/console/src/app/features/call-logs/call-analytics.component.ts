import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, resource, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { CallsService } from '@voicedesk/api-client';
import type { ChartConfiguration } from 'chart.js';
import { BaseChartDirective } from 'ng2-charts';
import { toApiProblem } from '../../core/http/api-error';
import { SERIES_COLOURS, provideConsoleCharts } from '../../shared/charts/chart-parts';
import { WEEKDAY_LABELS, analyticsFileName, busiestSentence, heatMap, hourLabel, outcomeSeries, transferReasonSeries, volumeSeries } from './call-charts';
import { type DateProblems, apiDateProblems, formatDuration, onlyAboutDays, percent } from './call-format';

const PRIMARY = SERIES_COLOURS[0];

/**
 * Call analytics of the chosen days (the API's default: the last 30), as charts (Chart.js through
 * ng2-charts): volume over time, outcomes, transfer reasons and the weekday × hour heat map, each
 * with a sentence for people who cannot see it; and the days as a CSV download.
 */
@Component({
  selector: 'vd-call-analytics',
  imports: [BaseChartDirective, MatButtonModule],
  providers: [provideConsoleCharts()],
  template: `
    @if (loaded(); as s) {
      <section class="summary" aria-labelledby="call-summary-title" data-testid="call-summary">
        <div class="head">
          <h2 id="call-summary-title" class="title">Calls, {{ s.from }} to {{ s.to }}</h2>
          <button mat-stroked-button type="button" (click)="downloadCsv()" [disabled]="downloading()">{{ downloading() ? 'Preparing…' : 'Download CSV' }}</button>
        </div>
        @if (downloadProblem(); as message) { <p class="bad" role="alert">The CSV could not be downloaded: {{ message }}</p> }
        <dl class="facts">
          <div><dt>Calls</dt><dd data-testid="total-calls">{{ s.totalCalls }}</dd></div>
          <div><dt>Booked by voice</dt><dd data-testid="bookings-by-voice">{{ s.bookingsByVoice }}</dd></div>
          <div><dt>Handed to staff</dt><dd>{{ rate(s.transferRate) }}</dd></div>
          <div><dt>Average length</dt><dd>{{ duration(s.averageDurationSeconds) }}</dd></div>
        </dl>
        <div class="charts">
          <figure class="chart wide">
            <figcaption>Calls per day</figcaption>
            <div class="canvas"><canvas baseChart role="img" [attr.aria-label]="volumeText()" [type]="'bar'" [data]="volume().data" [options]="volume().options"></canvas></div>
          </figure>
          <figure class="chart">
            <figcaption>Outcomes</figcaption>
            @if (outcomes().data.labels?.length) {
              <div class="canvas"><canvas baseChart role="img" [attr.aria-label]="outcomesText()" [type]="'doughnut'" [data]="outcomes().data" [options]="outcomes().options"></canvas></div>
            } @else { <p class="none">No calls in these days.</p> }
          </figure>
          <figure class="chart">
            <figcaption>Why calls were handed to staff</figcaption>
            @if (reasons().data.labels?.length) {
              <div class="canvas"><canvas baseChart role="img" [attr.aria-label]="reasonsText()" [type]="'bar'" [data]="reasons().data" [options]="reasons().options"></canvas></div>
            } @else { <p class="none" data-testid="no-transfers">No call was handed to staff in these days.</p> }
          </figure>
          <figure class="chart wide">
            <figcaption>When the phone rings (weekday × hour, the clinic’s time)</figcaption>
            <p class="caption" data-testid="busiest">{{ busiest() }}</p>
            <div class="canvas tall"><canvas baseChart role="img" [attr.aria-label]="busiest()" [type]="'matrix'" [data]="heat().data" [options]="heat().options"></canvas></div>
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
    .head { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 8px; margin-bottom: 8px; }
    .title { margin: 0; font: var(--mat-sys-title-medium); }
    .facts { display: flex; flex-wrap: wrap; gap: 8px 40px; margin: 0 0 16px; }
    dt { font: var(--mat-sys-label-medium); color: var(--mat-sys-on-surface-variant); }
    dd { margin: 2px 0 0; font: var(--mat-sys-headline-small); }
    .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 24px; }
    .chart { margin: 0; min-width: 0; }
    .wide { grid-column: 1 / -1; }
    figcaption { font: var(--mat-sys-label-large); margin-bottom: 8px; }
    .caption { margin: 0 0 8px; font: var(--mat-sys-body-medium); color: var(--mat-sys-on-surface-variant); }
    .canvas { position: relative; height: 220px; }
    .canvas.tall { height: 260px; }
    .none { font: var(--mat-sys-body-medium); color: var(--mat-sys-on-surface-variant); }
    .bad { color: var(--mat-sys-error); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CallAnalyticsComponent {
  private readonly calls = inject(CallsService);
  readonly clinicId = input.required<string>();
  readonly from = input('');
  readonly to = input('');
  /** The API's refusal of the days chosen (a 400 on `from`/`to`), for the page to show beside its date fields. */
  readonly dateProblems = output<DateProblems>();

  protected readonly downloading = signal(false);
  protected readonly downloadProblem = signal<string | null>(null);
  protected readonly summary = resource({
    params: () => ({ clinicId: this.clinicId(), from: this.from() || undefined, to: this.to() || undefined }),
    loader: ({ params }) => this.calls.callLogsSummarise$Json(params),
  });
  /** The summary, once loaded (reading a failed resource's value throws). */
  protected readonly loaded = computed(() => (this.summary.hasValue() ? this.summary.value() : undefined));
  private readonly failure = computed(() => (this.summary.error() ? toApiProblem(this.summary.error()) : null));
  /** Shown here unless it is only about the days: the date fields say that. */
  protected readonly problem = computed(() => {
    const failure = this.failure();
    return failure && !onlyAboutDays(failure) ? failure.message : null;
  });

  constructor() {
    effect(() => this.dateProblems.emit(apiDateProblems(this.failure())));
  }
  protected rate = percent;
  protected duration = formatDuration;

  protected readonly volume = computed(() => {
    const v = volumeSeries(this.summary.value()!);
    const config: ChartConfiguration<'bar'> = {
      type: 'bar',
      data: {
        labels: v.labels,
        datasets: [
          { label: 'Calls', data: v.calls, backgroundColor: PRIMARY, borderRadius: 2 },
          { label: 'Handed to staff', data: v.transferred, backgroundColor: SERIES_COLOURS[1], borderRadius: 2 },
        ],
      },
      options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    };
    return config;
  });
  protected readonly volumeText = computed(() => {
    const s = this.summary.value()!;
    const busiestDay = s.perDay.reduce((best, d) => (d.calls > best.calls ? d : best), s.perDay[0]);
    return `Calls per day: ${s.totalCalls} calls in ${s.perDay.length} days${busiestDay?.calls ? `, most on ${busiestDay.date} (${busiestDay.calls})` : ''}.`;
  });

  protected readonly outcomes = computed(() => {
    const o = outcomeSeries(this.summary.value()!.byOutcome);
    const config: ChartConfiguration<'doughnut'> = {
      type: 'doughnut',
      data: { labels: o.labels, datasets: [{ data: o.values, backgroundColor: [...SERIES_COLOURS] }] },
      options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { position: 'right' } } },
    };
    return config;
  });
  protected readonly outcomesText = computed(() => {
    const o = outcomeSeries(this.summary.value()!.byOutcome);
    return `Outcomes: ${o.labels.map((label, i) => `${label} ${o.values[i]}`).join(', ')}.`;
  });

  protected readonly reasons = computed(() => {
    const r = transferReasonSeries(this.summary.value()!.byTransferReason);
    const config: ChartConfiguration<'bar'> = {
      type: 'bar',
      data: { labels: r.labels, datasets: [{ label: 'Calls handed to staff', data: r.values, backgroundColor: SERIES_COLOURS[1], borderRadius: 2 }] },
      options: {
        indexAxis: 'y', responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    };
    return config;
  });
  protected readonly reasonsText = computed(() => {
    const r = transferReasonSeries(this.summary.value()!.byTransferReason);
    return `Why calls were handed to staff: ${r.labels.map((label, i) => `${label} ${r.values[i]}`).join(', ')}.`;
  });

  protected readonly busiest = computed(() => busiestSentence(heatMap(this.summary.value()!.peakHours).busiest));
  protected readonly heat = computed(() => {
    const map = heatMap(this.summary.value()!.peakHours);
    // the matrix plugin's types are not in Chart.js's registry: its configuration is built untyped
    const config = {
      data: {
        datasets: [
          {
            label: 'Calls',
            data: map.cells,
            backgroundColor: (ctx: { raw?: { v: number } }) => `rgba(0, 92, 187, ${map.max ? 0.06 + 0.94 * ((ctx.raw?.v ?? 0) / map.max) : 0.06})`,
            borderColor: 'rgba(0, 0, 0, 0.06)',
            borderWidth: 1,
            width: (ctx: { chart: { chartArea?: { width: number } } }) => (ctx.chart.chartArea?.width ?? 0) / 24 - 2,
            height: (ctx: { chart: { chartArea?: { height: number } } }) => (ctx.chart.chartArea?.height ?? 0) / 7 - 2,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: () => '',
              label: (ctx: { raw: { x: number; y: number; v: number } }) => `${WEEKDAY_LABELS[ctx.raw.y - 1]} ${hourLabel(ctx.raw.x)}: ${ctx.raw.v} calls`,
            },
          },
        },
        scales: {
          x: { type: 'linear', min: -0.5, max: 23.5, offset: false, ticks: { stepSize: 3, callback: (v: number | string) => hourLabel(Number(v)) }, grid: { display: false } },
          y: { type: 'linear', min: 0.5, max: 7.5, reverse: true, offset: false, ticks: { stepSize: 1, callback: (v: number | string) => WEEKDAY_LABELS[Number(v) - 1]?.slice(0, 3) ?? '' }, grid: { display: false } },
        },
      },
    };
    return config as unknown as ChartConfiguration;
  });

  protected async downloadCsv(): Promise<void> {
    const s = this.loaded();
    if (!s || this.downloading()) return;
    this.downloading.set(true);
    this.downloadProblem.set(null);
    try {
      const csv = await this.calls.callLogsSummarise$Csv({ clinicId: this.clinicId(), from: s.from, to: s.to, format: 'csv' });
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = analyticsFileName(s.from, s.to);
      link.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      this.downloadProblem.set(toApiProblem(error).message);
    } finally {
      this.downloading.set(false);
    }
  }
}
