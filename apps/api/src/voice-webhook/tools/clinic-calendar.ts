import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import type { Subscription } from 'rxjs';
import { Between, type Repository } from 'typeorm';
import { ClinicConfigEvents } from '../../clinics/clinic-config-events.js';
import { ClinicHoliday } from '../../clinics/clinic-holiday.entity.js';
import { ClinicHours } from '../../clinics/clinic-hours.entity.js';
import { ExpiringCache, HOT_PATH_REFRESH_AHEAD_MS } from '../../common/cache/expiring-cache.js';
import { ClinicScopedRepository } from '../../database/clinic-scoped.repository.js';
import { CLINIC_CACHE_TTL_MS } from '../voice-clinic-directory.js';
import type { ClinicMinute } from './clinic-minute.js';

/** One day at the clinic as the agent tells it: its opening hours row (none: closed) and its holiday, if any. */
export interface ClinicDay {
  hours: Pick<ClinicHours, 'openTime' | 'closeTime' | 'isClosed'> | null;
  holiday: { name: string | null } | null;
}

interface CalendarRows {
  /** by day of week, 0 = Sunday (as stored) */
  week: Map<number, ClinicHours>;
  /** ISO date → holiday name, from the day before the read to two days after (in the clinic's zone) */
  holidays: Map<string, string | null>;
}

/**
 * The clinic's opening hours and the holidays around today, for `get_clinic_info` on the first
 * turn of every call: read once per clinic, then from memory until a change of its hours or
 * holidays is announced (ClinicConfigEvents) or CLINIC_CACHE_TTL_MS passes. An entry lives far
 * less than a day, so the holidays of yesterday to the day after tomorrow cover every day it can
 * be asked about.
 */
@Injectable()
export class ClinicCalendar implements OnModuleDestroy {
  private readonly hours: ClinicScopedRepository<ClinicHours>;
  private readonly holidays: ClinicScopedRepository<ClinicHoliday>;
  private readonly cache = new ExpiringCache<CalendarRows>({ ttlMs: CLINIC_CACHE_TTL_MS, refreshAheadMs: HOT_PATH_REFRESH_AHEAD_MS });
  private readonly subscription: Subscription;

  constructor(
    @InjectRepository(ClinicHours) hours: Repository<ClinicHours>,
    @InjectRepository(ClinicHoliday) holidays: Repository<ClinicHoliday>,
    events: ClinicConfigEvents,
  ) {
    this.hours = new ClinicScopedRepository(hours);
    this.holidays = new ClinicScopedRepository(holidays);
    this.subscription = events.changed$.subscribe(({ clinicId }) => this.cache.delete(clinicId));
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }

  /** The clinic's day that `now` falls on. */
  async day(clinicId: string, now: ClinicMinute): Promise<ClinicDay> {
    const rows = await this.cache.get(clinicId, () => this.load(clinicId, now.date));
    return {
      hours: rows.week.get(now.dayOfWeek) ?? null,
      holiday: rows.holidays.has(now.date) ? { name: rows.holidays.get(now.date) ?? null } : null,
    };
  }

  private async load(clinicId: string, today: string): Promise<CalendarRows> {
    const day = DateTime.fromISO(today, { zone: 'utc' });
    const [week, holidays] = await Promise.all([
      this.hours.find(clinicId),
      this.holidays.find(clinicId, { where: { date: Between(day.minus({ days: 1 }).toISODate() as string, day.plus({ days: 2 }).toISODate() as string) } }),
    ]);
    return { week: new Map(week.map((row) => [row.dayOfWeek, row])), holidays: new Map(holidays.map((h) => [h.date, h.name])) };
  }
}
