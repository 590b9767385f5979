import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ExpiringCache, HOT_PATH_REFRESH_AHEAD_MS } from '../common/cache/expiring-cache.js';
import type { EmrDaySchedule } from '../emr/emr-adapter.js';
import { assertClinicId } from '../database/clinic-scoped.repository.js';
import type { CachedDaySchedule } from './schedule-cache-day.entity.js';

/** One cached provider-day: the schedule (null: none that day) and when OSCAR said so. */
export interface CachedDay {
  providerNo: string;
  date: string;
  schedule: CachedDaySchedule | null;
  readAt: Date;
}

export function cacheKey(providerNo: string, date: string): string {
  return `${providerNo}|${date}`;
}

export function toCached(schedule: EmrDaySchedule | null): CachedDaySchedule | null {
  return schedule ? { holiday: schedule.holiday, slotMinutes: schedule.slotMinutes, slots: schedule.slots.map(({ start, end, code }) => ({ start, end, code })) } : null;
}

export function fromCached(providerNo: string, date: string, cached: CachedDaySchedule | null): EmrDaySchedule | null {
  return cached ? { providerNo, date, holiday: cached.holiday, slotMinutes: cached.slotMinutes, slots: cached.slots } : null;
}

/** A clinic's cached days over one search window, as this replica keeps them. */
interface KeptWindow {
  from: string;
  to: string;
  days: Map<string, CachedDay>;
}

/**
 * How long a replica keeps a clinic's window of the cache. Its own writes amend the kept window at
 * once; another replica's writes (its refresh, its bookings' re-reads) are seen within this. A
 * search never needs the cache to the second: a booking re-reads OSCAR.
 */
const WINDOW_KEEP_MS = 15_000;

/**
 * The schedule cache's queries (`schedule_cache_days`), every one scoped by the clinic: a window
 * read in one query, upserts that never replace a newer reading with an older one, pruning.
 */
@Injectable()
export class ScheduleCacheStore {
  private readonly windows = new ExpiringCache<KeptWindow>({ ttlMs: WINDOW_KEEP_MS, refreshAheadMs: HOT_PATH_REFRESH_AHEAD_MS, maxEntries: 1_000 });

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * `read` for searches: the clinic's window kept by this replica (`WINDOW_KEEP_MS`, loaded again
   * in the background while calls keep coming), shared by every search, only read. Searches used
   * to read the window from PostgreSQL each (~130 rows, ~0.7 MB of JSON): 200 callers at once ran
   * a replica on its 192 MB heap out of memory, and a search a few seconds after a booking waited
   * 10–90 ms for the read behind the booking's own writes.
   */
  async readShared(clinicId: string, from: string, to: string): Promise<ReadonlyMap<string, CachedDay>> {
    return (await this.windows.get(windowKey(clinicId, from, to), async () => ({ from, to, days: await this.read(clinicId, from, to) }))).days;
  }

  /** Every cached day of the clinic from `from` to `to` (inclusive), by `cacheKey`. */
  async read(clinicId: string, from: string, to: string): Promise<Map<string, CachedDay>> {
    assertClinicId(clinicId);
    const rows: { provider_no: string; date: string; schedule: CachedDaySchedule | null; read_at: Date }[] = await this.dataSource.query(
      `SELECT provider_no, date::text AS date, schedule, read_at FROM schedule_cache_days
        WHERE clinic_id = $1 AND date BETWEEN $2::date AND $3::date`,
      [clinicId, from, to],
    );
    return new Map(rows.map((r) => [cacheKey(r.provider_no, r.date), { providerNo: r.provider_no, date: r.date, schedule: r.schedule, readAt: new Date(r.read_at) }]));
  }

  /**
   * Writes readings; an entry already read later than a given one is kept. The kept windows take
   * them at once — or, with `reloadWindows` (a search found the cache short of days), are read
   * again by the next search, with whatever another replica's refresh has written since.
   */
  async write(clinicId: string, days: readonly CachedDay[], options: { reloadWindows?: boolean } = {}): Promise<void> {
    assertClinicId(clinicId);
    if (days.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO schedule_cache_days (clinic_id, provider_no, date, schedule, read_at)
       SELECT $1, t.p, t.d::date, t.s::jsonb, t.r FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS t(p, d, s, r)
       ON CONFLICT (clinic_id, provider_no, date) DO UPDATE SET schedule = EXCLUDED.schedule, read_at = EXCLUDED.read_at
        WHERE schedule_cache_days.read_at <= EXCLUDED.read_at`,
      [
        clinicId,
        days.map((d) => d.providerNo),
        days.map((d) => d.date),
        days.map((d) => (d.schedule ? JSON.stringify(d.schedule) : null)),
        days.map((d) => d.readAt.toISOString()),
      ],
    );
    const ofClinic = (key: string) => key.startsWith(`${clinicId}|`);
    if (options.reloadWindows) return this.windows.deleteWhere(ofClinic);
    this.windows.amend(
      ofClinic,
      (window) => {
        for (const day of days) {
          if (day.date < window.from || day.date > window.to) continue;
          const key = cacheKey(day.providerNo, day.date);
          const kept = window.days.get(key);
          if (!kept || kept.readAt <= day.readAt) window.days.set(key, day);
        }
      },
    );
  }

  /** Days before `before` are of no use any more. */
  async prune(clinicId: string, before: string): Promise<void> {
    assertClinicId(clinicId);
    this.windows.clear();
    await this.dataSource.query('DELETE FROM schedule_cache_days WHERE clinic_id = $1 AND date < $2::date', [clinicId, before]);
  }
}

function windowKey(clinicId: string, from: string, to: string): string {
  return `${clinicId}|${from}|${to}`;
}
