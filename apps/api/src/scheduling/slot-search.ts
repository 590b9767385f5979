import { mapBounded } from './bounded.js';
import { addDays, timeOfDay } from './clinic-time.js';
import { EMR_FAN_OUT } from './emr-day-reader.js';
import type { Candidate, ProviderDays } from './provider-day.js';

/**
 * Day-by-day search over several providers: the days of a batch are read in parallel (at most
 * `EMR_FAN_OUT` EMR reads at a time), and the search stops at the first day with a bookable start.
 * A search that runs out of time stops between batches and says so (`partial`).
 */

/** Do not start another batch of EMR reads with less time than this left. */
export const STOP_MARGIN_MS = 400;

export interface DaySearchResult {
  /** every bookable start of the first day that had one, earliest first */
  candidates: Candidate[];
  /** the deadline stopped the search before `to` */
  partial: boolean;
  /** the last date looked at */
  reached: string | null;
}

export interface DaySearchOptions {
  deadline: number;
  /** stop as soon as a day has a candidate for which this holds (default: any) */
  accept?: (candidate: Candidate) => boolean;
}

export async function searchDays(providers: readonly ProviderDays[], from: string, to: string, options: DaySearchOptions): Promise<DaySearchResult> {
  const accept = options.accept ?? (() => true);
  const order = new Map(providers.map((p, i) => [p.rules, i]));
  const last = providers.reduce((max, p) => (p.lastDate > max ? p.lastDate : max), '');
  const end = to < last ? to : last;
  // enough days per batch to keep the fan-out busy when few providers are searched
  const batchDays = Math.max(1, Math.floor(EMR_FAN_OUT / Math.max(1, providers.length)));
  let reached: string | null = null;
  let date = from;
  while (date <= end) {
    if (Date.now() > options.deadline - STOP_MARGIN_MS) return { candidates: [], partial: true, reached };
    const dates: string[] = [];
    for (let d = date; d <= end && dates.length < batchDays; d = addDays(d, 1)) dates.push(d);
    const pairs = dates.flatMap((d) => providers.filter((p) => p.isOpen(d)).map((p) => ({ p, d })));
    const found = await mapBounded(pairs, EMR_FAN_OUT, ({ p, d }) => p.candidates(d));
    for (const d of dates) {
      const day = found
        .filter((_, i) => (pairs[i] as { d: string }).d === d)
        .flat()
        .filter(accept)
        .sort((a, b) => a.start.toMillis() - b.start.toMillis() || (order.get(a.rules) ?? 0) - (order.get(b.rules) ?? 0));
      reached = d;
      if (day.length) return { candidates: day, partial: false, reached };
    }
    date = addDays(dates[dates.length - 1] as string, 1);
  }
  return { candidates: [], partial: false, reached };
}

/**
 * The next free start with the same provider at another time of day or on another day: later the
 * same day in another part of the day, else the provider's next day with anything.
 */
export async function nextAtAnotherTime(days: ProviderDays, offer: Candidate, deadline: number): Promise<{ candidate: Candidate | null; partial: boolean }> {
  const part = timeOfDay(offer.start);
  const sameDay = (await days.candidates(offer.date)).find((c) => c.start > offer.start && timeOfDay(c.start) !== part);
  if (sameDay) return { candidate: sameDay, partial: false };
  const later = await searchDays([days], addDays(offer.date, 1), days.lastDate, { deadline });
  return { candidate: later.candidates[0] ?? null, partial: later.partial };
}
