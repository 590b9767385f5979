import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { AuthUser } from '../common/auth/auth-user.js';
import { InvalidInputError } from '../common/errors/domain-error.js';
import { ClinicsService } from '../clinics/clinics.service.js';
import { ClinicScopedRepository } from '../database/clinic-scoped.repository.js';
import { CallIntent, CallOutcome } from '../database/enums.js';
import { CallLog } from './call-log.entity.js';
import { clinicDays, clinicToday, daysBetween, endOfClinicDay, shiftDate } from './clinic-days.js';
import type { CallAnalyticsDto, CallAnalyticsQueryDto, CountByValueDto } from './dto/call-analytics.dto.js';

/** The longest range one request may count (a year and a day for leap years). */
export const MAX_ANALYTICS_DAYS = 366;
const DEFAULT_DAYS = 30;

interface Group {
  day: number;
  outcome: CallOutcome | null;
  intent: CallIntent | null;
  language: string | null;
  transferred: boolean;
  calls: number;
  durationSum: number;
  durationCount: number;
  cost: number;
}

/**
 * Call volume and outcomes over the clinic's days. The day boundaries are computed here in the
 * clinic's zone (Luxon) and handed to PostgreSQL as plain instants: `width_bucket` files each call
 * under the day whose start precedes it, so SQL does no zone arithmetic and returns only a few
 * rows per day (grouped by outcome, intent, language and transfer).
 */
@Injectable()
export class CallAnalyticsService {
  private readonly logs: ClinicScopedRepository<CallLog>;

  constructor(
    @InjectRepository(CallLog) repository: Repository<CallLog>,
    private readonly clinics: ClinicsService,
  ) {
    this.logs = new ClinicScopedRepository(repository);
  }

  async summarise(actor: AuthUser | undefined, clinicId: string, query: CallAnalyticsQueryDto, now = new Date()): Promise<CallAnalyticsDto> {
    const clinic = await this.clinics.assertReachable(actor, clinicId);
    const zone = clinic.timezone;
    const to = query.to ?? clinicToday(zone, now);
    const from = query.from ?? shiftDate(to, -(DEFAULT_DAYS - 1));
    if (from > to) throw new InvalidInputError('Invalid request: from', [{ field: 'from', message: 'from must not be after to' }]);
    if (daysBetween(from, to) > MAX_ANALYTICS_DAYS) {
      throw new InvalidInputError('Invalid request: from', [{ field: 'from', message: `the range may span at most ${MAX_ANALYTICS_DAYS} days` }]);
    }
    const days = clinicDays(from, to, zone);
    const bounds = [...days.map((d) => d.start), endOfClinicDay(to, zone)];
    const groups = await this.groups(clinicId, bounds);
    return { from, to, timezone: zone, ...totals(groups), perDay: days.map((d, i) => perDay(d.date, groups.filter((g) => g.day === i + 1))) };
  }

  private async groups(clinicId: string, bounds: Date[]): Promise<Group[]> {
    const rows = await this.logs
      .createQueryBuilder(clinicId, 'cl')
      .select('width_bucket(cl.created_at, CAST(:bounds AS timestamptz[]))', 'day')
      .addSelect('cl.outcome', 'outcome')
      .addSelect('cl.intent', 'intent')
      .addSelect('cl.language', 'language')
      .addSelect('cl.transferred_to_staff', 'transferred')
      .addSelect('count(*)::int', 'calls')
      .addSelect('coalesce(sum(cl.duration_seconds), 0)::float8', 'durationSum')
      .addSelect('count(cl.duration_seconds)::int', 'durationCount')
      .addSelect('coalesce(sum(cl.cost), 0)::float8', 'cost')
      .andWhere('cl.created_at >= :first AND cl.created_at < :last', { first: bounds[0], last: bounds[bounds.length - 1] })
      .setParameter('bounds', bounds.map((b) => b.toISOString()))
      .groupBy('1, 2, 3, 4, 5')
      .getRawMany<Group>();
    return rows.map((r) => ({ ...r, day: Number(r.day) }));
  }
}

function countBy<K extends string>(groups: Group[], key: (g: Group) => K | null, known: readonly K[]): CountByValueDto[] {
  const counts = new Map<K | null, number>(known.map((k) => [k, 0]));
  for (const g of groups) counts.set(key(g), (counts.get(key(g)) ?? 0) + g.calls);
  const list = [...counts].map(([value, count]) => ({ value, count }));
  const unknown = list.filter((c) => c.value === null);
  return [...list.filter((c) => c.value !== null), ...(unknown.length && unknown[0].count ? unknown : [])];
}

function sum(groups: Group[], value: (g: Group) => number): number {
  return groups.reduce((total, g) => total + value(g), 0);
}

function totals(groups: Group[]) {
  const totalCalls = sum(groups, (g) => g.calls);
  const durations = sum(groups, (g) => g.durationCount);
  const byLanguage = countBy(groups, (g) => g.language, []).sort((a, b) => b.count - a.count);
  return {
    totalCalls,
    byOutcome: countBy(groups, (g) => g.outcome, Object.values(CallOutcome)),
    byIntent: countBy(groups, (g) => g.intent, Object.values(CallIntent)),
    byLanguage,
    transferRate: totalCalls ? round(sum(groups, (g) => (g.transferred ? g.calls : 0)) / totalCalls, 4) : null,
    averageDurationSeconds: durations ? round(sum(groups, (g) => g.durationSum) / durations, 1) : null,
    totalCost: round(sum(groups, (g) => g.cost), 4),
  };
}

function perDay(date: string, groups: Group[]) {
  return {
    date,
    calls: sum(groups, (g) => g.calls),
    transferred: sum(groups, (g) => (g.transferred ? g.calls : 0)),
    byOutcome: countBy(groups, (g) => g.outcome, Object.values(CallOutcome)),
  };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
