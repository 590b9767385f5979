import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { AuthUser } from '../common/auth/auth-user.js';
import { invalidFields } from '../common/errors/domain-error.js';
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

/** Calls of one day with one outcome (the day's figures and the totals are sums of these). */
interface Group {
  day: number;
  outcome: CallOutcome | null;
  calls: number;
  transferred: number;
  durationSum: number;
  durationCount: number;
  cost: number;
}

/** Which grouping set a row of the one query belongs to: `GROUPING(day, outcome, intent, language, hour, transferred, reason)`. */
const SET = { dayOutcome: 0b0011111, hourIntentLanguage: 0b1100011, reason: 0b1111100 } as const;

interface Row {
  set: number;
  day: number | null;
  outcome: CallOutcome | null;
  intent: CallIntent | null;
  language: string | null;
  hour: number | null;
  transferred: boolean | null;
  reason: string | null;
  calls: number;
  transferredCalls: number;
  durationSum: number;
  durationCount: number;
  cost: number;
}

/**
 * Call volume and outcomes over the clinic's days. The day boundaries and each hour's weekday ×
 * hour cell are computed here in the clinic's zone (Luxon) and handed to PostgreSQL as plain
 * instants and numbers: `width_bucket` files each call under the day whose start precedes it, so
 * SQL does no zone arithmetic. One scan over the `(clinic_id, created_at)` index answers a few
 * rows per day (by outcome), per weekday × hour cell by intent and language, and per transfer
 * reason.
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
    if (from > to) throw invalidFields([{ field: 'from', message: 'The From date must not be after the To date' }]);
    if (daysBetween(from, to) > MAX_ANALYTICS_DAYS) {
      throw invalidFields([{ field: 'from', message: `Choose dates at most ${MAX_ANALYTICS_DAYS} days apart` }]);
    }
    const days = clinicDays(from, to, zone);
    const bounds = [...days.map((d) => d.start), endOfClinicDay(to, zone)];
    const rows = await this.count(clinicId, bounds, hourCells(days, bounds[bounds.length - 1], zone));
    const of = (set: number) => rows.filter((r) => r.set === set);
    // weekday × hour cell, intent and language counted together (one hash instead of three); summed here
    const mixed = of(SET.hourIntentLanguage);
    const groups: Group[] = of(SET.dayOutcome).map((r) => ({
      day: Number(r.day),
      outcome: r.outcome,
      calls: r.calls,
      transferred: r.transferredCalls,
      durationSum: r.durationSum,
      durationCount: r.durationCount,
      cost: r.cost,
    }));
    const byDay = new Map<number, Group[]>();
    for (const g of groups) byDay.set(g.day, [...(byDay.get(g.day) ?? []), g]);
    const totalCalls = sum(groups, (g) => g.calls);
    const durations = sum(groups, (g) => g.durationCount);
    return {
      from,
      to,
      timezone: zone,
      totalCalls,
      byOutcome: countBy(groups.map((g) => ({ value: g.outcome, count: g.calls })), Object.values(CallOutcome)),
      byIntent: countBy(mixed.map((r) => ({ value: r.intent, count: r.calls })), Object.values(CallIntent)),
      byLanguage: countBy(mixed.map((r) => ({ value: r.language, count: r.calls })), []).sort((a, b) => b.count - a.count),
      transferRate: totalCalls ? round(sum(groups, (g) => g.transferred) / totalCalls, 4) : null,
      averageDurationSeconds: durations ? round(sum(groups, (g) => g.durationSum) / durations, 1) : null,
      totalCost: round(sum(groups, (g) => g.cost), 4),
      bookingsByVoice: sum(groups, (g) => (g.outcome === CallOutcome.Booked ? g.calls : 0)),
      byTransferReason: transferReasons(of(SET.reason).filter((r) => r.transferred)),
      peakHours: peakHours(callsPerCell(mixed)),
      perDay: days.map((d, i) => perDay(d.date, byDay.get(i + 1) ?? [])),
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

  /**
   * One scan of the clinic's calls in the range (the `(clinic_id, created_at)` index), each call
   * filed under its day and its hour by `width_bucket` over the instants computed in Node, counted
   * in three grouping sets at once: day × outcome (with transfers, durations and cost), weekday ×
   * hour cell × intent × language (a few hundred groups: one hash instead of three, summed in
   * Node), and transfer reason.
   */
  private async count(clinicId: string, days: Date[], cells: number[]): Promise<Row[]> {
    const calls = this.logs
      .createQueryBuilder(clinicId, 'cl')
      .select('width_bucket(cl.created_at, CAST(:days AS timestamptz[]))', 'day')
      // the hour since the first local midnight (equal spans of real time: a division, no zone
      // arithmetic) looked up in Node's table of its weekday × hour cell (0 = Monday 0:00 … 167)
      // (date_part, not extract: extract answers numeric, whose division cost a quarter of the query)
      .addSelect(`(CAST(:cells AS int[]))[1 + floor(date_part('epoch', cl.created_at - CAST(:first AS timestamptz)) / 3600)::int]`, 'hour')
      .addSelect('cl.outcome', 'outcome')
      .addSelect('cl.intent', 'intent')
      .addSelect('cl.language', 'language')
      .addSelect('cl.transferred_to_staff', 'transferred')
      .addSelect("CASE WHEN cl.transferred_to_staff THEN nullif(lower(btrim(cl.transfer_reason)), '') END", 'reason')
      .addSelect('cl.duration_seconds', 'duration')
      .addSelect('cl.cost', 'cost')
      .andWhere('cl.created_at >= :first AND cl.created_at < :last', { first: days[0], last: days[days.length - 1] })
      .setParameter('days', days.map((d) => d.toISOString()))
      .setParameter('cells', cells);
    const [sql, parameters] = calls.getQueryAndParameters();
    // the three sets are hashed in one pass when they fit in memory (a year of calls needs a few MB)
    return this.logs.repository.manager.transaction(async (manager) => {
      await manager.query(`SET LOCAL work_mem = '32MB'`);
      return manager.query(
        `SELECT GROUPING(c.day, c.outcome, c.intent, c.language, c.hour, c.transferred, c.reason) AS "set",
                c.day, c.outcome, c.intent, c.language, c.hour, c.transferred, c.reason,
                count(*)::int AS calls,
                count(*) FILTER (WHERE c.transferred)::int AS "transferredCalls",
                coalesce(sum(c.duration), 0)::float8 AS "durationSum",
                count(c.duration)::int AS "durationCount",
                coalesce(sum(c.cost), 0)::float8 AS cost
           FROM (${sql}) c
          GROUP BY GROUPING SETS ((c.day, c.outcome), (c.hour, c.intent, c.language), (c.transferred, c.reason))`,
        parameters,
      ) as Promise<Row[]>;
    });
  }
}

/** Transfer reasons, commonest first: the top ones named, the rest as `other`, then those without a reason. */
function transferReasons(rows: Row[]): CountByValueDto[] {
  const sorted = [...rows].sort((a, b) => b.calls - a.calls || String(a.reason).localeCompare(String(b.reason)));
  const named = sorted.filter((r) => r.reason !== null);
  const top = named.slice(0, TOP_TRANSFER_REASONS).map((r) => ({ value: r.reason, count: r.calls }));
  const rest = named.slice(TOP_TRANSFER_REASONS).reduce((n, r) => n + r.calls, 0);
  const unsaid = sorted.find((r) => r.reason === null)?.calls ?? 0;
  return [...top, ...(rest ? [{ value: 'other', count: rest }] : []), ...(unsaid ? [{ value: null, count: unsaid }] : [])];
}

function countBy<K extends string>(pairs: { value: K | string | null; count: number }[], known: readonly K[]): CountByValueDto[] {
  const counts = new Map<string | null, number>(known.map((k) => [k, 0]));
  for (const p of pairs) counts.set(p.value, (counts.get(p.value) ?? 0) + p.count);
  const list = [...counts].map(([value, count]) => ({ value, count }));
  const unknown = list.filter((c) => c.value === null);
  return [...list.filter((c) => c.value !== null), ...(unknown.length && unknown[0].count ? unknown : [])];
}

function sum(groups: Group[], value: (g: Group) => number): number {
  return groups.reduce((total, g) => total + value(g), 0);
}

function perDay(date: string, groups: Group[]) {
  return {
    date,
    calls: sum(groups, (g) => g.calls),
    transferred: sum(groups, (g) => g.transferred),
    byOutcome: countBy(groups.map((g) => ({ value: g.outcome, count: g.calls })), Object.values(CallOutcome)),
  };
}

/**
 * For each hour from the first day's start to `end`, its weekday × hour cell at the clinic
 * (`(ISO weekday - 1) * 24 + hour`, 0 … 167). Every hour is one hour of real time from the first
 * day's start: a DST change makes a day of 23 or 25 of them, and the repeated hour counts under its
 * local hour twice. A day of exactly 24 hours that opens at 0:00 on the hour count has its cells by
 * arithmetic (its weekday, then its hours in order); only the few other days (a DST change, a
 * half-hour one) ask Luxon hour by hour — a year is 8,784 hours, and asking Luxon for each cost
 * more than the query.
 */
export function hourCells(days: readonly { date: string; start: Date }[], end: Date, zone: string): number[] {
  const cells: number[] = [];
  if (days.length === 0) return cells;
  let t = days[0].start.getTime();
  for (let i = 0; i < days.length; i++) {
    const start = days[i].start.getTime();
    const next = i + 1 < days.length ? days[i + 1].start.getTime() : end.getTime();
    const opening = DateTime.fromMillis(start, { zone });
    const regular = next - start === DAY_MS && t === start && opening.hour === 0 && opening.minute === 0 && opening.second === 0;
    for (; t < next; t += HOUR_MS) {
      if (regular) {
        cells.push((opening.weekday - 1) * 24 + (t - start) / HOUR_MS);
      } else {
        const local = DateTime.fromMillis(t, { zone });
        cells.push((local.weekday - 1) * 24 + local.hour);
      }
    }
  }
  return cells;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Calls per weekday × hour cell, summed over the intents and languages counted with it. */
function callsPerCell(rows: Row[]): Map<number, number> {
  const perCell = new Map<number, number>();
  for (const r of rows) perCell.set(Number(r.hour), (perCell.get(Number(r.hour)) ?? 0) + r.calls);
  return perCell;
}

/** Calls by local weekday (1 = Monday … 7 = Sunday) and hour (0–23): all 168 cells, zeros included. */
export function peakHours(perCell: Map<number, number>): PeakHourDto[] {
  return Array.from({ length: 168 }, (_, cell) => ({ weekday: Math.floor(cell / 24) + 1, hour: cell % 24, calls: perCell.get(cell) ?? 0 }));
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
