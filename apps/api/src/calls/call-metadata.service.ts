import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ExpiringCache } from '../common/cache/expiring-cache.js';
import { assertClinicId, ClinicScopedRepository } from '../database/clinic-scoped.repository.js';
import { CallOutcome, type CallIntent } from '../database/enums.js';
import { CallMetadata } from './call-metadata.entity.js';
import type { InDoubtChange } from './in-doubt.js';

/** What a tool may note about the call; `undefined` keeps the stored value (the latest given value wins). */
export interface CallMetadataPatch {
  language?: string;
  intent?: CallIntent;
  outcome?: CallOutcome;
  demographicId?: number;
  appointmentId?: number;
  smsConsent?: boolean;
  transferReason?: string;
}

/** The call a write is for; the caller ID (the only source of identity) is stored when the write creates the call's row. */
export interface CallRef {
  clinicId: string;
  vapiCallId: string;
  callerPhoneE164: string | null;
}

const PATCH_COLUMNS: Record<keyof CallMetadataPatch, string> = {
  language: 'language',
  intent: 'intent',
  outcome: 'outcome',
  demographicId: 'demographic_id',
  appointmentId: 'appointment_id',
  smsConsent: 'sms_consent',
  transferReason: 'transfer_reason',
};

/**
 * How long the call's language, read for tools that need nothing else of the call, is reused. It
 * is updated here on every write of this replica; a language recorded through another replica is
 * heard after this at the latest (the tool call's own `language` argument always wins).
 */
export const CALL_LANGUAGE_TTL_MS = 5_000;

/** A column of an upsert: `value` on insert; on conflict `update` (SQL over `call_metadata` and `EXCLUDED`), by default the new value. */
interface Column {
  name: string;
  value: unknown;
  update?: string;
}

/**
 * Durable per-call scratch (SPEC §3/§4): who the caller was matched to and verified as, and what
 * the call did. Any replica reads the same row, so the next tool call or the end-of-call report
 * may land anywhere. The row is created by the first write (an upsert), never by a read: a call
 * that only asks read-only questions writes nothing. Array updates are single SQL statements, so
 * tool calls of one delivery that run in parallel never lose each other's writes.
 *
 * Once the end-of-call report is merged (`reportedAt` set, see CallLogWriter), the call is over:
 * the upsert leaves the row alone, and what a note records (outcome, consent, transfer…) goes
 * straight into the call's `call_logs` row instead, so nothing is lost whatever the order. The
 * report holds the row's lock while it merges, so a write either lands before the merge (and is
 * merged) or after it (and goes to the call log): docs/decisions.md "Call records in any order".
 */
@Injectable()
export class CallMetadataService {
  private readonly logger = new Logger('CallMetadata');
  private readonly rows: ClinicScopedRepository<CallMetadata>;
  private readonly languages = new ExpiringCache<string | null>({ ttlMs: CALL_LANGUAGE_TTL_MS, maxEntries: 20_000 });

  constructor(@InjectRepository(CallMetadata) private readonly repository: Repository<CallMetadata>) {
    this.rows = new ClinicScopedRepository(repository);
  }

  /** The call's row as it is now (null before anything was recorded; blanked, with `reportedAt`, once the end-of-call report was merged). */
  async find(clinicId: string, vapiCallId: string): Promise<CallMetadata | null> {
    const row = await this.rows.findOneBy(clinicId, { vapiCallId });
    this.languages.set(key(clinicId, vapiCallId), row?.language ?? null);
    return row;
  }

  /** The call's last known language, through a short cache (CALL_LANGUAGE_TTL_MS): for tools that need nothing else of the call. */
  language(clinicId: string, vapiCallId: string): Promise<string | null> {
    return this.languages.get(key(clinicId, vapiCallId), async () => {
      // plain SQL: on the first turn of every call, and TypeORM's query building costs more than the query
      assertClinicId(clinicId);
      const rows: { language: string | null }[] = await this.repository.query('SELECT language FROM call_metadata WHERE clinic_id = $1 AND vapi_call_id = $2', [clinicId, vapiCallId]);
      return rows[0]?.language ?? null;
    });
  }

  /** The call is alive (a status update): creates its row with the caller ID, or marks its activity. */
  async touch(call: CallRef): Promise<void> {
    await this.upsert(call, []);
  }

  /**
   * The charts on the caller's number, as the EMR answered them this call (replaces the earlier
   * answer). Creates the call's row when there is one to record; an empty answer on a call that has
   * no row records nothing.
   */
  async setMatched(call: CallRef, demographicIds: number[]): Promise<void> {
    const ids = [...new Set(demographicIds)];
    if (ids.length === 0) {
      assertClinicId(call.clinicId);
      await this.repository.query(
        `UPDATE call_metadata SET matched_demographic_ids = '{}', last_activity_at = now()
          WHERE clinic_id = $1 AND vapi_call_id = $2 AND matched_demographic_ids <> '{}' AND reported_at IS NULL`,
        [call.clinicId, call.vapiCallId],
      );
      return;
    }
    await this.upsert(call, [{ name: 'matched_demographic_ids', value: ids }]);
  }

  /** Charts whose date of birth (with the caller ID or a name) the caller confirmed in this call; the last one added is the call's chart. */
  async addVerified(call: CallRef, demographicId: number): Promise<void> {
    const added = 'EXCLUDED.verified_demographic_ids[1]';
    await this.upsert(call, [
      { name: 'verified_demographic_ids', value: [demographicId], update: `array_append(array_remove(call_metadata.verified_demographic_ids, ${added}), ${added})` },
    ]);
  }

  /** A date of birth given in this call matched no chart: counted (identity guesses are limited). */
  async addDobFailure(call: CallRef): Promise<void> {
    await this.upsert(call, [{ name: 'dob_failures', value: 1, update: 'call_metadata.dob_failures + 1' }]);
  }

  async patch(call: CallRef, patch: CallMetadataPatch): Promise<void> {
    const entries = Object.entries(patch).filter(([, value]) => value !== undefined) as [keyof CallMetadataPatch, unknown][];
    const open = await this.upsert(call, entries.map(([field, value]) => ({ name: PATCH_COLUMNS[field], value })));
    if (!open) await this.noteOnCallLog(call, patch);
    if (patch.language !== undefined) this.languages.set(key(call.clinicId, call.vapiCallId), patch.language);
  }

  /**
   * A change the EMR may have made although the tool answered EMR_UNAVAILABLE or BUSY: kept on the
   * call's row (also after its report: the column is not scratch) for the reconciliation after the
   * report. Answers true when the report was already merged (nothing will enqueue the
   * reconciliation for this doubt then: the caller does it).
   */
  async addDoubt(call: CallRef, change: InDoubtChange): Promise<boolean> {
    assertClinicId(call.clinicId);
    const rows: { reported: boolean }[] = await this.repository.query(
      `INSERT INTO call_metadata (clinic_id, vapi_call_id, caller_phone_e164, in_doubt) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (clinic_id, vapi_call_id) DO UPDATE SET in_doubt = call_metadata.in_doubt || EXCLUDED.in_doubt, last_activity_at = now()
       RETURNING reported_at IS NOT NULL AS reported`,
      [call.clinicId, call.vapiCallId, call.callerPhoneE164, JSON.stringify([change])],
    );
    return !!rows[0]?.reported;
  }

  /** The end-of-call report was merged: the cached language is read afresh (from the blanked row). */
  forget(clinicId: string, vapiCallId: string): void {
    this.languages.delete(key(clinicId, vapiCallId));
  }

  /**
   * One statement: INSERT the call's row with these columns, or UPDATE them (and its activity) on
   * the existing one, unless the call is over. Answers false when the call's report was already
   * merged (nothing written: the scratch of an ended call is never re-created).
   */
  private async upsert(call: CallRef, columns: Column[]): Promise<boolean> {
    assertClinicId(call.clinicId);
    const names = ['clinic_id', 'vapi_call_id', 'caller_phone_e164', ...columns.map((c) => c.name)];
    const values = [call.clinicId, call.vapiCallId, call.callerPhoneE164, ...columns.map((c) => c.value)];
    const sets = [...columns.map((c) => `${c.name} = ${c.update ?? `EXCLUDED.${c.name}`}`), 'last_activity_at = now()'];
    const written: unknown[] = await this.repository.query(
      `INSERT INTO call_metadata (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (clinic_id, vapi_call_id) DO UPDATE SET ${sets.join(', ')} WHERE call_metadata.reported_at IS NULL
       RETURNING 1 AS written`,
      values,
    );
    return written.length > 0;
  }

  /**
   * A note on a call that is over: merged into its `call_logs` row in one statement. A value given
   * now wins (as it would have on the scratch row); what is not given keeps what the log holds.
   */
  private async noteOnCallLog(call: CallRef, patch: CallMetadataPatch): Promise<void> {
    const transferred = patch.transferReason !== undefined || patch.outcome === CallOutcome.Transferred;
    const updated: [unknown[], number] = await this.repository.query(
      `UPDATE call_logs SET
         caller_phone = COALESCE(caller_phone, $3),
         language = COALESCE($4, language),
         intent = COALESCE($5, intent),
         outcome = COALESCE($6, outcome),
         demographic_id = COALESCE($7, demographic_id),
         appointment_id = COALESCE($8, appointment_id),
         sms_consent = COALESCE($9, sms_consent),
         transfer_reason = COALESCE($10, transfer_reason),
         transferred_to_staff = transferred_to_staff OR $11
       WHERE clinic_id = $1 AND vapi_call_id = $2`,
      [
        call.clinicId, call.vapiCallId, call.callerPhoneE164, patch.language ?? null, patch.intent ?? null, patch.outcome ?? null,
        patch.demographicId ?? null, patch.appointmentId ?? null, patch.smsConsent ?? null, patch.transferReason ?? null, transferred,
      ],
    );
    if (updated[1] === 0) this.logger.warn({ clinicId: call.clinicId }, 'a note on an ended call found no call log (deleted by retention?): not recorded');
  }
}

function key(clinicId: string, vapiCallId: string): string {
  return `${clinicId}:${vapiCallId}`;
}
