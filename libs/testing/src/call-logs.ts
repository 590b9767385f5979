import type { DataSource } from 'typeorm';

/** A `call_logs` row as the end-of-call merge would leave it; every column optional but the clinic. */
export interface CallLogRow {
  vapiCallId?: string;
  callerPhone?: string | null;
  language?: string | null;
  intent?: string | null;
  outcome?: string | null;
  durationSeconds?: number | null;
  cost?: number | null;
  transcript?: string | null;
  summary?: string | null;
  transferredToStaff?: boolean;
  transferReason?: string | null;
  /** when the call ended (and was recorded); default now */
  at?: Date;
}

/**
 * Inserts call logs straight into the database (what the voice webhook writes at the end of a
 * call), for screens and reports that read them. Answers the new rows' ids, in order.
 */
export async function insertCallLogs(dataSource: DataSource, clinicId: string, rows: readonly CallLogRow[]): Promise<string[]> {
  const ids: string[] = [];
  for (const row of rows) {
    const at = row.at ?? new Date();
    const started = row.durationSeconds ? new Date(at.getTime() - row.durationSeconds * 1000) : null;
    const [inserted] = await dataSource.query(
      `INSERT INTO call_logs (clinic_id, vapi_call_id, caller_phone, language, intent, outcome, duration_seconds, cost, transcript, summary,
                              transferred_to_staff, transfer_reason, created_at, started_at, ended_at, ended_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $13, 'customer-ended-call') RETURNING id`,
      [
        clinicId, row.vapiCallId ?? `call-${crypto.randomUUID()}`, row.callerPhone ?? null, row.language ?? null, row.intent ?? null,
        row.outcome ?? null, row.durationSeconds ?? null, row.cost ?? null, row.transcript ?? null, row.summary ?? null,
        row.transferredToStaff ?? false, row.transferReason ?? null, at, started,
      ],
    );
    ids.push(inserted.id);
  }
  return ids;
}
