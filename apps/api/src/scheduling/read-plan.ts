import { cacheKey } from './schedule-cache.store.js';

/** One EMR read a search (or a booking's re-check) needs. */
export type PlannedRead =
  | { kind: 'patient'; demographicNo: number }
  | { kind: 'appointments'; providerNo: string; from: string; to: string }
  | { kind: 'schedule'; providerNo: string; date: string };

export interface ProviderReads {
  providerNo: string;
  /** the days this caller could be offered with this provider, ascending (closed days left out) */
  dates: readonly string[];
  /** the provider's appointments are read for this whole range in one call */
  rangeFrom: string;
  rangeTo: string;
}

export interface ReadPlanInput {
  providers: readonly ProviderReads[];
  /** the caller's chart, whose appointments are read in the same wave */
  demographicNo: number | null;
  /** provider-days whose schedule the cache holds (`cacheKey`); 'all': plan no schedule read (the cache is not read yet) */
  cached: ReadonlySet<string> | 'all';
  /** how many reads the clinic's EMR takes at once (its bulkhead) */
  concurrency: number;
}

export interface ReadPlan {
  /** reads in the order they are issued, cut into waves of `concurrency` */
  waves: PlannedRead[][];
  reads: number;
}

/**
 * Which EMR reads a search needs and in which wave (SPEC §5 "Speed"): the patient's appointments
 * and one range read per provider first (everything a search needs when the schedule cache is
 * warm: one wave when they fit the bulkhead), then the day schedules the cache is missing, nearest
 * day first so the earliest days arrive first. Pure: the I/O is `SearchReads`.
 */
export function planReads(input: ReadPlanInput): ReadPlan {
  const reads: PlannedRead[] = [];
  if (input.demographicNo !== null) reads.push({ kind: 'patient', demographicNo: input.demographicNo });
  const working = input.providers.filter((p) => p.dates.length > 0 && p.rangeFrom <= p.rangeTo);
  for (const p of working) reads.push({ kind: 'appointments', providerNo: p.providerNo, from: p.rangeFrom, to: p.rangeTo });
  const missing: { providerNo: string; date: string; order: number }[] = [];
  const cached = input.cached;
  if (cached !== 'all') {
    working.forEach((p, order) => {
      for (const date of p.dates) if (!cached.has(cacheKey(p.providerNo, date))) missing.push({ providerNo: p.providerNo, date, order });
    });
  }
  missing.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.order - b.order));
  for (const m of missing) reads.push({ kind: 'schedule', providerNo: m.providerNo, date: m.date });
  const size = Math.max(1, Math.floor(input.concurrency));
  const waves: PlannedRead[][] = [];
  for (let i = 0; i < reads.length; i += size) waves.push(reads.slice(i, i + size));
  return { waves, reads: reads.length };
}
