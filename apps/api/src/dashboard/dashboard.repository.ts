import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** A clinic with the instants its "today" and "this week" start at (computed in Node, in its zone). */
export interface ClinicWindow {
  clinicId: string;
  todayStart: Date;
  weekStart: Date;
}

export interface ClinicCounts {
  callsToday: number;
  callsThisWeek: number;
  bookingsByVoiceThisWeek: number;
  transfersThisWeek: number;
  waitlistPending: number;
  openTickets: number;
  textsFailedThisWeek: number;
  emrUrlSet: boolean;
  emrVerified: boolean;
  emrLastVerifiedAt: Date | null;
  emrLastSyncAt: Date | null;
}

type CallRow = { clinicId: string; callsToday: number; callsThisWeek: number; bookingsByVoiceThisWeek: number; transfersThisWeek: number };
type CountRow = { clinicId: string; n: number };
type EmrRow = { clinicId: string; urlSet: boolean; verified: boolean; lastVerifiedAt: Date | null; lastSyncAt: Date | null };

/**
 * The dashboard's read model: counts over several modules' tables (calls, waitlist, tickets,
 * texts, EMR config), read-only, one query per table for every clinic at once. Each clinic's
 * window comes in as plain instants (`unnest` of three arrays), so SQL does no zone arithmetic;
 * every count is scoped by the clinic ids given.
 */
@Injectable()
export class DashboardRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async counts(windows: ClinicWindow[]): Promise<Map<string, ClinicCounts>> {
    if (windows.length === 0) return new Map();
    const params = [windows.map((w) => w.clinicId), windows.map((w) => w.todayStart.toISOString()), windows.map((w) => w.weekStart.toISOString())];
    const windowsSql = `SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) AS w(clinic_id, today_start, week_start)`;
    const [calls, waitlist, tickets, texts, emr] = await Promise.all([
      this.dataSource.query(
        `WITH w AS (${windowsSql})
         SELECT w.clinic_id AS "clinicId",
                count(*) FILTER (WHERE cl.created_at >= w.today_start)::int AS "callsToday",
                count(cl.id)::int AS "callsThisWeek",
                count(*) FILTER (WHERE cl.outcome = 'booked')::int AS "bookingsByVoiceThisWeek",
                count(*) FILTER (WHERE cl.transferred_to_staff)::int AS "transfersThisWeek"
           FROM w JOIN call_logs cl ON cl.clinic_id = w.clinic_id AND cl.created_at >= w.week_start
          GROUP BY w.clinic_id`,
        params,
      ),
      this.dataSource.query(
        `SELECT clinic_id AS "clinicId", count(*)::int AS n FROM waitlist WHERE clinic_id = ANY($1::uuid[]) AND status = 'pending' GROUP BY clinic_id`,
        [params[0]],
      ),
      this.dataSource.query(
        `SELECT clinic_id AS "clinicId", count(*)::int AS n FROM support_tickets
          WHERE clinic_id = ANY($1::uuid[]) AND status NOT IN ('resolved', 'closed') GROUP BY clinic_id`,
        [params[0]],
      ),
      this.dataSource.query(
        `WITH w AS (${windowsSql})
         SELECT w.clinic_id AS "clinicId", count(*)::int AS n
           FROM w JOIN sms_messages m ON m.clinic_id = w.clinic_id AND m.created_at >= w.week_start
          WHERE m.direction = 'outbound' AND m.status IN ('failed', 'undeliverable')
          GROUP BY w.clinic_id`,
        params,
      ),
      this.dataSource.query(
        `SELECT clinic_id AS "clinicId", oscar_url IS NOT NULL AND oscar_url <> '' AS "urlSet", oscar_connection_verified AS verified,
                oscar_last_verified_at AS "lastVerifiedAt", oscar_last_sync AS "lastSyncAt"
           FROM clinic_config WHERE clinic_id = ANY($1::uuid[])`,
        [params[0]],
      ),
    ]);
    const byClinic = <T extends { clinicId: string }>(rows: T[]) => new Map(rows.map((r) => [r.clinicId, r]));
    const c = byClinic(calls as CallRow[]);
    const [wl, tk, tx] = [byClinic(waitlist as CountRow[]), byClinic(tickets as CountRow[]), byClinic(texts as CountRow[])];
    const em = byClinic(emr as EmrRow[]);
    return new Map(
      windows.map(({ clinicId }) => [
        clinicId,
        {
          callsToday: c.get(clinicId)?.callsToday ?? 0,
          callsThisWeek: c.get(clinicId)?.callsThisWeek ?? 0,
          bookingsByVoiceThisWeek: c.get(clinicId)?.bookingsByVoiceThisWeek ?? 0,
          transfersThisWeek: c.get(clinicId)?.transfersThisWeek ?? 0,
          waitlistPending: wl.get(clinicId)?.n ?? 0,
          openTickets: tk.get(clinicId)?.n ?? 0,
          textsFailedThisWeek: tx.get(clinicId)?.n ?? 0,
          emrUrlSet: em.get(clinicId)?.urlSet ?? false,
          emrVerified: em.get(clinicId)?.verified ?? false,
          emrLastVerifiedAt: em.get(clinicId)?.lastVerifiedAt ?? null,
          emrLastSyncAt: em.get(clinicId)?.lastSyncAt ?? null,
        },
      ]),
    );
  }

  /** This week's commonest transfer reasons per clinic (trimmed, lower-cased; null: none given). */
  async topTransferReasons(windows: ClinicWindow[], limit: number): Promise<Map<string, { value: string | null; count: number }[]>> {
    if (windows.length === 0) return new Map();
    const rows: { clinicId: string; value: string | null; count: number }[] = await this.dataSource.query(
      `WITH w AS (SELECT * FROM unnest($1::uuid[], $2::timestamptz[]) AS w(clinic_id, week_start)),
            r AS (SELECT w.clinic_id, nullif(lower(btrim(cl.transfer_reason)), '') AS value, count(*)::int AS count
                    FROM w JOIN call_logs cl ON cl.clinic_id = w.clinic_id AND cl.created_at >= w.week_start
                   WHERE cl.transferred_to_staff
                   GROUP BY 1, 2),
            ranked AS (SELECT *, row_number() OVER (PARTITION BY clinic_id ORDER BY count DESC, value ASC NULLS LAST) AS rank FROM r)
       SELECT clinic_id AS "clinicId", value, count FROM ranked WHERE rank <= $3 ORDER BY clinic_id, rank`,
      [windows.map((w) => w.clinicId), windows.map((w) => w.weekStart.toISOString()), limit],
    );
    const result = new Map<string, { value: string | null; count: number }[]>();
    for (const row of rows) result.set(row.clinicId, [...(result.get(row.clinicId) ?? []), { value: row.value, count: row.count }]);
    return result;
  }
}
