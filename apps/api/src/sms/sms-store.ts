import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { assertClinicId } from '../database/clinic-scoped.repository.js';
import { SmsDirection, SmsStatus } from '../database/enums.js';
import { SmsMessage } from './sms-message.entity.js';

/** How far along an outbound message is; a status never moves back (receipts arrive out of order). */
const RANK: Record<SmsStatus, number> = {
  [SmsStatus.Queued]: 0,
  [SmsStatus.Sending]: 1,
  [SmsStatus.Sent]: 2,
  [SmsStatus.Delivered]: 3,
  [SmsStatus.Failed]: 3,
  [SmsStatus.Undeliverable]: 3,
  [SmsStatus.Received]: 3,
};

const rankSql = (column: string) =>
  `CASE ${column} ${Object.entries(RANK).map(([status, rank]) => `WHEN '${status}' THEN ${rank}`).join(' ')} END`;

export type NewOutbound = Pick<SmsMessage, 'clinicId' | 'toE164' | 'fromE164' | 'body' | 'templateKind' | 'language' | 'vapiCallId' | 'toolCallId' | 'appointmentId'>;

/** What claiming a text for a send found. */
export type SendClaim =
  | { kind: 'claimed'; message: SmsMessage }
  /** another attempt began and its outcome is unknown (running elsewhere, or cut off by a crash or a timeout) */
  | { kind: 'in_doubt'; since: Date }
  /** nothing to send: gone, not outbound, or already past `sending` */
  | { kind: 'done' };

/**
 * The SMS module's queries that matter: status moves that only go forward, opt-out state with
 * out-of-order STOP/START, the call log's `sms_sent_at`. Every query takes the clinic id.
 */
@Injectable()
export class SmsStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The `queued` row; null when its key (call, tool call, kind) already has one. */
  async insertOutbound(manager: EntityManager, row: NewOutbound): Promise<string | null> {
    assertClinicId(row.clinicId);
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(SmsMessage)
      .values({ ...row, direction: SmsDirection.Outbound, status: SmsStatus.Queued })
      .orIgnore()
      .returning(['id'])
      .execute();
    const [inserted] = result.raw as { id: string }[];
    return inserted?.id ?? null;
  }

  /** Whether the call already has an outbound text of this kind about this appointment. */
  async hasConfirmation(manager: EntityManager, clinicId: string, vapiCallId: string, appointmentId: number, kind: string): Promise<boolean> {
    assertClinicId(clinicId);
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM sms_messages WHERE clinic_id = $1 AND vapi_call_id = $2 AND appointment_id = $3 AND template_kind = $4 AND direction = 'outbound' LIMIT 1`,
      [clinicId, vapiCallId, appointmentId, kind],
    );
    return rows.length > 0;
  }

  /**
   * Takes the text for one send attempt: `queued` (or `sending` after a failure Telnyx answered)
   * becomes `sending` with `attempt_started_at` set, in one statement, so two jobs of one text never
   * both send. A row whose earlier attempt is still marked began (its outcome unknown) is not taken.
   */
  async claimForSend(clinicId: string, id: string): Promise<SendClaim> {
    assertClinicId(clinicId);
    const [claimed] = (await this.dataSource.query(
      `UPDATE sms_messages SET status = 'sending', attempt_started_at = now(), updated_at = now()
        WHERE clinic_id = $1 AND id = $2 AND direction = 'outbound' AND status IN ('queued', 'sending') AND attempt_started_at IS NULL
        RETURNING id`,
      [clinicId, id],
    )) as [{ id: string }[], number];
    if (claimed.length) return { kind: 'claimed', message: (await this.find(clinicId, id))! };
    const row = await this.find(clinicId, id);
    if (row && row.direction === SmsDirection.Outbound && row.status === SmsStatus.Sending && row.attemptStartedAt) return { kind: 'in_doubt', since: row.attemptStartedAt };
    return { kind: 'done' };
  }

  /**
   * Gives up waiting for the outcome of an attempt begun before `before` (no receipt came): the
   * text may be sent again. Answers whether it was still in doubt.
   */
  async abandonAttempt(clinicId: string, id: string, olderThanSeconds: number): Promise<boolean> {
    assertClinicId(clinicId);
    const [, affected] = (await this.dataSource.query(
      `UPDATE sms_messages SET attempt_started_at = NULL, error_code = COALESCE(error_code, 'outcome_unknown'), updated_at = now()
        WHERE clinic_id = $1 AND id = $2 AND status = 'sending' AND attempt_started_at IS NOT NULL
          AND attempt_started_at <= now() - make_interval(secs => $3)`,
      [clinicId, id, olderThanSeconds],
    )) as [unknown, number];
    return affected > 0;
  }

  /**
   * An attempt that failed in a way worth retrying: `settled` when Telnyx answered (it refused: the
   * text was not taken, a later attempt may send), else the outcome stays in doubt (a timeout or a
   * lost connection after the request left) and `attempt_started_at` stays set.
   */
  async attemptFailed(clinicId: string, id: string, errorCode: string, settled: boolean): Promise<void> {
    assertClinicId(clinicId);
    await this.dataSource.query(
      `UPDATE sms_messages SET error_code = $3, updated_at = now()${settled ? ', attempt_started_at = NULL' : ''}
        WHERE clinic_id = $1 AND id = $2 AND status = 'sending'`,
      [clinicId, id, errorCode],
    );
  }

  /**
   * A receipt for a message id we never recorded: a send Telnyx accepted whose answer we lost (a
   * crash or a timeout after Telnyx took it). The text still `sending` with an attempt in doubt from
   * the same sender to the same number with the same text is that one: it gets Telnyx's id.
   * Answers the row, or null when none matches.
   */
  async adoptAcceptedSend(providerMessageId: string, from: string, to: string, text: string): Promise<SmsMessage | null> {
    const [adopted] = (await this.dataSource.query(
      `UPDATE sms_messages SET provider_message_id = $1, attempt_started_at = NULL, updated_at = now()
        WHERE id = (SELECT id FROM sms_messages
                     WHERE direction = 'outbound' AND status = 'sending' AND attempt_started_at IS NOT NULL AND provider_message_id IS NULL
                       AND from_e164 = $2 AND to_e164 = $3 AND body = $4
                     ORDER BY attempt_started_at LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING id, clinic_id`,
      [providerMessageId, from, to, text],
    )) as [{ id: string; clinic_id: string }[], number];
    return adopted.length ? this.find(adopted[0].clinic_id, adopted[0].id) : null;
  }

  /** `queued` texts older than `before` (their job may never have been written): ids by clinic. */
  async queuedBefore(before: Date, limit: number): Promise<{ clinicId: string; id: string }[]> {
    const rows: { clinic_id: string; id: string }[] = await this.dataSource.query(
      `SELECT clinic_id, id FROM sms_messages WHERE direction = 'outbound' AND status = 'queued' AND created_at < $1 ORDER BY created_at LIMIT $2`,
      [before, limit],
    );
    return rows.map((r) => ({ clinicId: r.clinic_id, id: r.id }));
  }

  find(clinicId: string, id: string): Promise<SmsMessage | null> {
    assertClinicId(clinicId);
    return this.dataSource.getRepository(SmsMessage).findOneBy({ clinicId, id });
  }

  /**
   * Moves the message to `status` unless it is already as far or further. Answers whether it moved.
   * `terminal` may only be reached once: a delivered message never turns failed.
   */
  async advance(clinicId: string, where: { id: string } | { providerMessageId: string }, status: SmsStatus, fields: Partial<Pick<SmsMessage, 'providerMessageId' | 'errorCode' | 'sentAt' | 'deliveredAt'>> = {}): Promise<boolean> {
    assertClinicId(clinicId);
    const [key, value] = 'id' in where ? ['id', where.id] : ['provider_message_id', where.providerMessageId];
    // any move forward settles the attempt's outcome
    const sets = ['status = $3', 'updated_at = now()', ...(status === SmsStatus.Sending ? [] : ['attempt_started_at = NULL'])];
    const values: unknown[] = [clinicId, value, status];
    const columns: Record<string, string> = { providerMessageId: 'provider_message_id', errorCode: 'error_code', sentAt: 'sent_at', deliveredAt: 'delivered_at' };
    for (const [field, column] of Object.entries(columns)) {
      const v = fields[field as keyof typeof fields];
      if (v === undefined) continue;
      values.push(v);
      // a receipt that arrives before the send's answer must not blank what the send wrote
      sets.push(field === 'sentAt' ? `${column} = COALESCE(${column}, $${values.length})` : `${column} = $${values.length}`);
    }
    const [, affected] = (await this.dataSource.query(
      `UPDATE sms_messages SET ${sets.join(', ')}
        WHERE clinic_id = $1 AND ${key} = $2 AND direction = 'outbound' AND ${rankSql('status')} < ${rankSql('$3::sms_status')}`,
      values,
    )) as [unknown, number];
    return affected > 0;
  }

  /** The outbound message Telnyx knows by this id (any clinic: receipts name no clinic). */
  findByProviderId(providerMessageId: string): Promise<SmsMessage | null> {
    return this.dataSource.getRepository(SmsMessage).findOneBy({ providerMessageId, direction: SmsDirection.Outbound });
  }

  /** Records an inbound text once per Telnyx id; answers false for a duplicate delivery. */
  async insertInbound(row: Pick<SmsMessage, 'clinicId' | 'toE164' | 'fromE164' | 'body' | 'providerMessageId'>, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    assertClinicId(row.clinicId);
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(SmsMessage)
      .values({ ...row, direction: SmsDirection.Inbound, status: SmsStatus.Received, templateKind: null, language: null })
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  /** STOP at `at`: opted out unless a later START is on record. */
  async optOut(clinicId: string, phoneE164: string, keyword: string, at: Date): Promise<void> {
    assertClinicId(clinicId);
    await this.dataSource.query(
      `INSERT INTO sms_opt_outs (clinic_id, phone_e164, opted_out_at, source_keyword) VALUES ($1, $2, $3, $4)
       ON CONFLICT (clinic_id, phone_e164) DO UPDATE
         SET opted_out_at = GREATEST(sms_opt_outs.opted_out_at, EXCLUDED.opted_out_at),
             source_keyword = CASE WHEN EXCLUDED.opted_out_at >= sms_opt_outs.opted_out_at THEN EXCLUDED.source_keyword ELSE sms_opt_outs.source_keyword END,
             updated_at = now()`,
      [clinicId, phoneE164, at, keyword],
    );
  }

  /** START at `at`: opted back in unless a later STOP is on record. A number never opted out has nothing to undo. */
  async optIn(clinicId: string, phoneE164: string, at: Date): Promise<void> {
    assertClinicId(clinicId);
    await this.dataSource.query(
      `UPDATE sms_opt_outs SET opted_back_in_at = GREATEST(COALESCE(opted_back_in_at, '-infinity'), $3), updated_at = now()
        WHERE clinic_id = $1 AND phone_e164 = $2`,
      [clinicId, phoneE164, at],
    );
  }

  async isOptedOut(clinicId: string, phoneE164: string): Promise<boolean> {
    assertClinicId(clinicId);
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM sms_opt_outs WHERE clinic_id = $1 AND phone_e164 = $2 AND (opted_back_in_at IS NULL OR opted_back_in_at < opted_out_at)`,
      [clinicId, phoneE164],
    );
    return rows.length > 0;
  }

  /**
   * The call's latest `smsConsent`: its live scratch row while the call goes on, else the call log
   * the end-of-call report merged it into (null when neither says).
   */
  async callConsent(clinicId: string, vapiCallId: string): Promise<boolean | null> {
    assertClinicId(clinicId);
    const rows: { consent: boolean | null }[] = await this.dataSource.query(
      `SELECT COALESCE(
         (SELECT sms_consent FROM call_metadata WHERE clinic_id = $1 AND vapi_call_id = $2),
         (SELECT sms_consent FROM call_logs WHERE clinic_id = $1 AND vapi_call_id = $2)) AS consent`,
      [clinicId, vapiCallId],
    );
    return rows[0]?.consent ?? null;
  }

  /**
   * `call_logs.sms_sent_at` of the call, from its first text Telnyx accepted. Answers false when the
   * call log does not exist yet (it is written at the end of the call).
   */
  async stampCallLog(clinicId: string, vapiCallId: string): Promise<boolean> {
    assertClinicId(clinicId);
    const [, affected] = (await this.dataSource.query(
      `UPDATE call_logs c SET sms_sent_at = m.first_sent
         FROM (SELECT min(sent_at) AS first_sent FROM sms_messages
                WHERE clinic_id = $1 AND vapi_call_id = $2 AND direction = 'outbound' AND sent_at IS NOT NULL) m
        WHERE c.clinic_id = $1 AND c.vapi_call_id = $2 AND m.first_sent IS NOT NULL
          AND (c.sms_sent_at IS NULL OR c.sms_sent_at > m.first_sent)`,
      [clinicId, vapiCallId],
    )) as [unknown, number];
    if (affected > 0) return true;
    const exists: unknown[] = await this.dataSource.query(`SELECT 1 FROM call_logs WHERE clinic_id = $1 AND vapi_call_id = $2`, [clinicId, vapiCallId]);
    return exists.length > 0;
  }
}
