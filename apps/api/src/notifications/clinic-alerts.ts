import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { assertClinicId } from '../database/clinic-scoped.repository.js';

/** The kinds of `clinic_alerts` rows. */
export type ClinicAlertKind = 'emr_connection' | 'texts_failing';

/**
 * Decides, in PostgreSQL, which replica announces a clinic alert: each method is one statement
 * on the clinic's `clinic_alerts` row, so when several replicas see the same event at once
 * exactly one of them is answered `true` (the row lock of INSERT … ON CONFLICT DO UPDATE makes
 * the others re-check the condition against the winner's version and find it false).
 */
@Injectable()
export class ClinicAlerts {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Opens the alert; true for the one caller that opened it, false while it is already open. */
  async open(clinicId: string, kind: ClinicAlertKind): Promise<boolean> {
    assertClinicId(clinicId);
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO clinic_alerts (clinic_id, kind, opened_at) VALUES ($1, $2, now())
       ON CONFLICT (clinic_id, kind) DO UPDATE SET opened_at = now(), closed_at = NULL
         WHERE clinic_alerts.closed_at IS NOT NULL
       RETURNING clinic_id`,
      [clinicId, kind],
    );
    return rows.length > 0;
  }

  /** Closes the alert; true for the one caller that closed an open one. */
  async close(clinicId: string, kind: ClinicAlertKind): Promise<boolean> {
    assertClinicId(clinicId);
    const [rows] = (await this.dataSource.query(
      `UPDATE clinic_alerts SET closed_at = now() WHERE clinic_id = $1 AND kind = $2 AND closed_at IS NULL RETURNING clinic_id`,
      [clinicId, kind],
    )) as [unknown[], number];
    return rows.length > 0;
  }

  /**
   * At most one `true` per clinic and kind within `periodSeconds`: true for the caller that
   * (re)starts the period, false for every other one until the period has passed.
   */
  async oncePer(clinicId: string, kind: ClinicAlertKind, periodSeconds: number): Promise<boolean> {
    assertClinicId(clinicId);
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO clinic_alerts (clinic_id, kind, opened_at) VALUES ($1, $2, now())
       ON CONFLICT (clinic_id, kind) DO UPDATE SET opened_at = now()
         WHERE clinic_alerts.opened_at <= now() - make_interval(secs => $3)
       RETURNING clinic_id`,
      [clinicId, kind, periodSeconds],
    );
    return rows.length > 0;
  }
}
