import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EmrAdapterFactory } from '../emr/emr-adapter.factory.js';
import { deadlineIn } from '../emr/emr-resilience.js';
import { EmrError } from '../emr/emr-errors.js';
import { DomainError } from '../common/errors/domain-error.js';
import { assertClinicId } from '../database/clinic-scoped.repository.js';
import { ClinicStatus } from '../database/enums.js';
import { providersToRead } from './booking-session.js';
import { mapBounded } from './bounded.js';
import { addDays, clinicDate } from './clinic-time.js';
import { cacheKey, ScheduleCacheStore, toCached, type CachedDay } from './schedule-cache.store.js';
import { SchedulingContextReader, type SchedulingContext } from './scheduling-context.js';
import { SCHEDULING_CLOCK, systemClock, type SchedulingClock } from './scheduling-clock.js';
import { searchWindow } from './search-filters.js';

/**
 * The refresh's SOAP budget per clinic (docs/decisions.md "Schedule cache"): a token bucket of
 * `BUDGET_CAPACITY` calls refilled at `BUDGET_PER_SECOND`, so over any stretch of time T the
 * refresh sends the clinic's OSCAR at most capacity + T × rate calls — on average one a second.
 * The capacity lets a new or re-synced clinic warm at once (300 = 10 providers × 30 days).
 */
export const BUDGET_PER_SECOND = 1;
export const BUDGET_CAPACITY = 300;
/** An entry is re-read once it is this old, or `REFRESH_SECONDS_PER_ENTRY` × entries for a larger clinic (the budget wins). */
export const MIN_REFRESH_AGE_MS = 10 * 60_000;
export const REFRESH_SECONDS_PER_ENTRY = 1.25;
/** Refresh reads at a time: leaves most of the clinic's bulkhead to live calls. */
const REFRESH_CONCURRENCY = 4;
const READ_BUDGET_MS = 10_000;

export interface ScheduleCacheStatus {
  /** provider-days the cache should hold now (voice-bookable providers × open days of their booking window) */
  expected: number;
  /** of those, how many it holds */
  entries: number;
  missing: number;
  /** every expected day is cached */
  warm: boolean;
  oldestReadAt: string | null;
  newestReadAt: string | null;
  /** an entry older than this is re-read (the worst delay before a template change made in OSCAR is seen, plus one refresh round) */
  refreshAgeSeconds: number;
}

export interface RefreshOutcome {
  skipped?: 'clinic_not_live' | 'emr_not_ready';
  expected: number;
  missing: number;
  stale: number;
  read: number;
  failed: number;
  tokensLeft: number;
}

interface ExpectedDay {
  providerNo: string;
  date: string;
}

/** The schedule cache: what it should hold, how warm it is, and one paced refresh round of a clinic. */
@Injectable()
export class ScheduleCacheService {
  private readonly logger = new Logger('ScheduleCache');
  private readonly clock: SchedulingClock;

  constructor(
    private readonly contexts: SchedulingContextReader,
    private readonly emr: EmrAdapterFactory,
    private readonly store: ScheduleCacheStore,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() @Inject(SCHEDULING_CLOCK) clock?: SchedulingClock,
  ) {
    this.clock = clock ?? systemClock;
  }

  async status(clinicId: string): Promise<ScheduleCacheStatus> {
    const { ctx, today } = await this.context(clinicId);
    const expected = expectedDays(ctx, today);
    const cached = await this.store.read(clinicId, today, lastOf(expected, today));
    const held = expected.filter((e) => cached.has(cacheKey(e.providerNo, e.date))).map((e) => cached.get(cacheKey(e.providerNo, e.date)) as CachedDay);
    const times = held.map((c) => c.readAt.getTime());
    return {
      expected: expected.length,
      entries: held.length,
      missing: expected.length - held.length,
      warm: held.length === expected.length,
      oldestReadAt: times.length ? new Date(Math.min(...times)).toISOString() : null,
      newestReadAt: times.length ? new Date(Math.max(...times)).toISOString() : null,
      refreshAgeSeconds: Math.round(refreshAgeMs(expected.length) / 1000),
    };
  }

  /**
   * One refresh round (the job's work; one per clinic at a time across replicas): the missing days
   * first, nearest first, then the stalest of those older than the refresh age, as far as the
   * clinic's budget allows. Never throws for an EMR problem: the next round tries again.
   */
  async refresh(clinicId: string): Promise<RefreshOutcome> {
    const { ctx, today } = await this.context(clinicId);
    const none = { expected: 0, missing: 0, stale: 0, read: 0, failed: 0, tokensLeft: 0 };
    if (ctx.status === ClinicStatus.Inactive) return { ...none, skipped: 'clinic_not_live' };
    const expected = expectedDays(ctx, today);
    const cached = await this.store.read(clinicId, today, lastOf(expected, today));
    // ages are real time (the scheduling clock only says which day it is at the clinic)
    const now = Date.now();
    const ageLimit = now - refreshAgeMs(expected.length);
    const missing = expected.filter((e) => !cached.has(cacheKey(e.providerNo, e.date)));
    const stale = expected
      .map((e) => cached.get(cacheKey(e.providerNo, e.date)))
      .filter((c): c is CachedDay => !!c && c.readAt.getTime() < ageLimit)
      .sort((a, b) => a.readAt.getTime() - b.readAt.getTime());
    const tokens = await this.tokens(clinicId, now);
    const todo: ExpectedDay[] = [...missing, ...stale].slice(0, Math.floor(tokens));
    let read = 0;
    let failed = 0;
    if (todo.length) {
      let adapter;
      try {
        adapter = await this.emr.forClinic(clinicId);
      } catch (error) {
        if (error instanceof DomainError) return { ...none, expected: expected.length, skipped: 'emr_not_ready' };
        throw error;
      }
      const fetched: CachedDay[] = [];
      let stop = false;
      await mapBounded(todo, REFRESH_CONCURRENCY, async (day) => {
        if (stop) return;
        const askedAt = new Date();
        try {
          const schedule = await adapter.getDaySchedule(day.providerNo, day.date, { deadline: deadlineIn(READ_BUDGET_MS) });
          fetched.push({ providerNo: day.providerNo, date: day.date, schedule: toCached(schedule), readAt: askedAt });
          read += 1;
        } catch (error) {
          if (!(error instanceof EmrError)) throw error;
          failed += 1;
          // an EMR that fails is not hammered: the rest waits for the next round
          if (failed >= 3) stop = true;
        }
      });
      await this.store.write(clinicId, fetched);
    }
    const left = tokens - read - failed;
    await this.saveTokens(clinicId, left, now);
    await this.store.prune(clinicId, addDays(today, -1));
    if (read || failed) this.logger.log({ clinicId, expected: expected.length, missing: missing.length, stale: stale.length, read, failed }, 'schedule cache refreshed');
    return { expected: expected.length, missing: missing.length, stale: stale.length, read, failed, tokensLeft: left };
  }

  private async context(clinicId: string): Promise<{ ctx: SchedulingContext; today: string }> {
    assertClinicId(clinicId);
    const now = this.clock();
    const ctx = await this.contexts.load(clinicId, clinicDate(new Date(now.getTime() - 86_400_000), 'UTC'));
    return { ctx, today: clinicDate(now, ctx.zone) };
  }

  private async tokens(clinicId: string, now: number): Promise<number> {
    const [row] = (await this.dataSource.query('SELECT tokens, refilled_at FROM schedule_cache_budgets WHERE clinic_id = $1', [clinicId])) as { tokens: number; refilled_at: Date }[];
    if (!row) return BUDGET_CAPACITY;
    const elapsed = Math.max(0, (now - new Date(row.refilled_at).getTime()) / 1000);
    return Math.min(BUDGET_CAPACITY, Number(row.tokens) + elapsed * BUDGET_PER_SECOND);
  }

  private async saveTokens(clinicId: string, tokens: number, now: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO schedule_cache_budgets (clinic_id, tokens, refilled_at) VALUES ($1, $2, $3)
       ON CONFLICT (clinic_id) DO UPDATE SET tokens = EXCLUDED.tokens, refilled_at = EXCLUDED.refilled_at`,
      [clinicId, Math.max(0, tokens), new Date(now).toISOString()],
    );
  }
}

/** Every provider-day the cache should hold: voice-bookable providers × the days they could be booked on. */
export function expectedDays(ctx: SchedulingContext, today: string): ExpectedDay[] {
  const window = searchWindow({}, ctx.zone, today);
  return providersToRead({ ctx }, today, window).flatMap((p) => p.dates.map((date) => ({ providerNo: p.providerNo, date })));
}

/** How old an entry may get before the refresh reads it again. */
export function refreshAgeMs(entries: number): number {
  return Math.max(MIN_REFRESH_AGE_MS, entries * REFRESH_SECONDS_PER_ENTRY * 1000);
}

function lastOf(days: readonly ExpectedDay[], fallback: string): string {
  return days.reduce((max, d) => (d.date > max ? d.date : max), fallback);
}
