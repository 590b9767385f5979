import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { AuthUser } from '../common/auth/auth-user.js';
import { InvalidInputError } from '../common/errors/domain-error.js';
import { ClinicsService } from '../clinics/clinics.service.js';
import { ClinicScopedRepository } from '../database/clinic-scoped.repository.js';
import { CallIntent, CallOutcome } from '../database/enums.js';
import { CallLog } from './call-log.entity.js';
import { clinicDays, clinicToday, daysBetween, endOfClinicDay, shiftDate } from './clinic-days.js';
import { csvLine } from '../common/csv.js';
import type { CallAnalyticsDto, CallAnalyticsQueryDto, CountByValueDto, PeakHourDto } from './dto/call-analytics.dto.js';

/** Transfer reasons are the assistant's own words: the commonest are named, the rest summed. */
export const TOP_TRANSFER_REASONS = 8;

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
 * Call volume and outcomes over the clinic's days. The day and hour boundaries are computed here
 * in the clinic's zone (Luxon) and handed to PostgreSQL as plain instants: `width_bucket` files
 * each call under the day (or hour) whose start precedes it, so SQL does no zone arithmetic and
 * returns only a few rows per day (grouped by outcome, intent, language and transfer), one per
 * hour with calls, and one per transfer reason. The three counts run in parallel, each over the
 * `(clinic_id, created_at)` index.
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
    const hours = clinicHours(bounds[0], bounds[bounds.length - 1]);
    const [groups, perHour, reasons] = await Promise.all([
      this.groups(clinicId, bounds),
      this.perHour(clinicId, hours),
      this.transferReasons(clinicId, bounds[0], bounds[bounds.length - 1]),
    ]);
    return {
      from,
      to,
      timezone: zone,
      ...totals(groups),
      bookingsByVoice: sum(groups, (g) => (g.outcome === CallOutcome.Booked ? g.calls : 0)),
      byTransferReason: reasons,
      peakHours: peakHours(hours, perHour, zone),
      perDay: days.map((d, i) => perDay(d.date, groups.filter((g) => g.day === i + 1))),
    };
  }

  /** The same figures as CSV: one line per day (what a spreadsheet charts), then nothing else. */
  toCsv(summary: CallAnalyticsDto): string {
    const outcomes = Object.values(CallOutcome);
    const header = csvLine(['date', 'calls', 'transferred', 'booked_by_voice', ...outcomes.map((o) => `outcome_${o}`)]);
    const lines = summary.perDay.map((d) => {
      const count = (o: string) => d.byOutcome.find((c) => c.value === o)?.count ?? 0;
      return csvLine([d.date, d.calls, d.transferred, count(CallOutcome.Booked), ...outcomes.map(count)]);
    });
    return header + lines.join('');
  }

  private async perHour(clinicId: string, hours: Date[]): Promise<Map<number, number>> {
    const rows = await this.logs
      .createQueryBuilder(clinicId, 'cl')
      .select('width_bucket(cl.created_at, CAST(:hours AS timestamptz[]))', 'hour')
      .addSelect('count(*)::int', 'calls')
      .andWhere('cl.created_at >= :first AND cl.created_at < :last', { first: hours[0], last: hours[hours.length - 1] })
      .setParameter('hours', hours.map((h) => h.toISOString()))
      .groupBy('1')
      .getRawMany<{ hour: number; calls: number }>();
    return new Map(rows.map((r) => [Number(r.hour), r.calls]));
  }

  private async transferReasons(clinicId: string, first: Date, last: Date): Promise<CountByValueDto[]> {
    const rows = await this.logs
      .createQueryBuilder(clinicId, 'cl')
      .select("nullif(lower(btrim(cl.transfer_reason)), '')", 'value')
      .addSelect('count(*)::int', 'count')
      .andWhere('cl.transferred_to_staff')
      .andWhere('cl.created_at >= :first AND cl.created_at < :last', { first, last })
      .groupBy('1')
      .orderBy('2', 'DESC')
      .addOrderBy('1', 'ASC')
      .getRawMany<CountByValueDto>();
    const named = rows.filter((r) => r.value !== null);
    const top = named.slice(0, TOP_TRANSFER_REASONS);
    const rest = named.slice(TOP_TRANSFER_REASONS).reduce((n, r) => n + r.count, 0);
    const unsaid = rows.find((r) => r.value === null)?.count ?? 0;
    return [...top, ...(rest ? [{ value: 'other', count: rest }] : []), ...(unsaid ? [{ value: null, count: unsaid }] : [])];
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

/**
 * The starts of the hours from `first` (a local midnight) to `last` (exclusive), then `last`: every
 * bucket is one hour of real time, later labelled with its local weekday and hour (a DST change
 * makes a day of 23 or 25 such hours; the repeated hour counts under its local hour twice).
 */
export function clinicHours(first: Date, last: Date): Date[] {
  const hours: Date[] = [];
  for (let t = first.getTime(); t < last.getTime(); t += 3_600_000) hours.push(new Date(t));
  hours.push(last);
  return hours;
}

/** Calls by local weekday (1 = Monday … 7 = Sunday) and hour (0–23): all 168 cells, zeros included. */
export function peakHours(hours: Date[], perHour: Map<number, number>, zone: string): PeakHourDto[] {
  const cells = new Map<string, number>();
  for (let weekday = 1; weekday <= 7; weekday++) for (let hour = 0; hour < 24; hour++) cells.set(`${weekday}:${hour}`, 0);
  for (const [bucket, calls] of perHour) {
    const start = hours[bucket - 1];
    if (!start) continue;
    const local = DateTime.fromJSDate(start, { zone });
    const key = `${local.weekday}:${local.hour}`;
    cells.set(key, (cells.get(key) ?? 0) + calls);
  }
  return [...cells].map(([key, calls]) => {
    const [weekday, hour] = key.split(':').map(Number);
    return { weekday, hour, calls };
  });
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
