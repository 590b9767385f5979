import { addDays, timeOfDay } from './clinic-time.js';
import type { Candidate, ProviderDays } from './provider-day.js';

/**
 * Day-by-day search over several providers. The EMR reads were all issued when the session opened
 * (one wave: `planReads`), so walking the days costs no round trip of its own: each day waits
 * only for its own data (a cached schedule, a range already read) and the search stops at the
 * first day with a bookable start. A search that runs out of time stops and says so (`partial`).
 */

/** Do not look at another day with less time than this left. */
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
  let reached: string | null = null;
  for (let date = from; date <= end; date = addDays(date, 1)) {
    if (Date.now() > options.deadline - STOP_MARGIN_MS) return { candidates: [], partial: true, reached };
    const open = providers.filter((p) => p.isOpen(date));
    if (open.length === 0) continue;
    const found = await Promise.all(open.map((p) => p.candidates(date)));
    const day = found
      .flat()
      .filter(accept)
      .sort((a, b) => a.start.toMillis() - b.start.toMillis() || (order.get(a.rules) ?? 0) - (order.get(b.rules) ?? 0));
    reached = date;
    if (day.length) return { candidates: day, partial: false, reached };
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
