import type { CallAnalyticsDto, CountByValueDto, PeakHourDto } from '@voicedesk/api-client';
import { CALL_OUTCOME_LABELS, labelOf } from './call-format';

export const WEEKDAY_LABELS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** A transfer reason in words: the assistant's own, capitalised; codes such as `record_not_found` read as words. */
export function transferReasonLabel(value: string | null): string {
  if (value === null) return 'No reason given';
  if (value === 'other') return 'Other reasons';
  const words = value.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `9 am`, `12 pm`, `5 pm`: the hour a heat-map column starts. */
export function hourLabel(hour: number): string {
  const h = hour % 12 === 0 ? 12 : hour % 12;
  return `${h} ${hour < 12 ? 'am' : 'pm'}`;
}

/** `Nov 23` from a day at the clinic (`YYYY-MM-DD`), with no time-zone shift. */
export function dayLabel(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-CA', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

export interface Series {
  labels: string[];
  values: number[];
}

/** Calls and transfers per day. */
export function volumeSeries(a: CallAnalyticsDto): { labels: string[]; calls: number[]; transferred: number[] } {
  return { labels: a.perDay.map((d) => dayLabel(d.date)), calls: a.perDay.map((d) => d.calls), transferred: a.perDay.map((d) => d.transferred) };
}

/** Outcomes with at least one call, in words. */
export function outcomeSeries(counts: readonly CountByValueDto[]): Series {
  const seen = counts.filter((c) => c.count > 0);
  return { labels: seen.map((c) => labelOf(CALL_OUTCOME_LABELS, c.value, 'No outcome recorded')), values: seen.map((c) => c.count) };
}

export function transferReasonSeries(counts: readonly CountByValueDto[]): Series {
  return { labels: counts.map((c) => transferReasonLabel(c.value)), values: counts.map((c) => c.count) };
}

export interface HeatCell {
  /** hour of day, 0–23 */
  x: number;
  /** weekday, 1 = Monday … 7 = Sunday */
  y: number;
  v: number;
}

/** The weekday × hour cells, and the busiest cell's count (for the colour scale). */
export function heatMap(cells: readonly PeakHourDto[]): { cells: HeatCell[]; max: number; busiest: PeakHourDto | null } {
  const list = cells.map((c) => ({ x: c.hour, y: c.weekday, v: c.calls }));
  const busiest = cells.reduce<PeakHourDto | null>((best, c) => (c.calls > (best?.calls ?? 0) ? c : best), null);
  return { cells: list, max: Math.max(0, ...cells.map((c) => c.calls)), busiest };
}

/** One sentence for screen readers and the chart's caption: when the phone rings most. */
export function busiestSentence(busiest: PeakHourDto | null): string {
  if (!busiest) return 'No calls in these days.';
  return `Busiest: ${WEEKDAY_LABELS[busiest.weekday - 1]}s from ${hourLabel(busiest.hour)} to ${hourLabel((busiest.hour + 1) % 24)} (${busiest.calls} calls).`;
}

/** `call-analytics-2026-11-01-to-2026-11-30.csv` */
export function analyticsFileName(from: string, to: string): string {
  return `call-analytics-${from}-to-${to}.csv`;
}
