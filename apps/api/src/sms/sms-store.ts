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

export type NewOutbound = Pick<SmsMessage, 'clinicId' | 'toE164' | 'fromE164' | 'body' | 'templateKind' | 'language' | 'vapiCallId' | 'appointmentId'>;

/**
 * The SMS module's queries that matter: status moves that only go forward, opt-out state with
 * out-of-order STOP/START, the call log's `sms_sent_at`. Every query takes the clinic id.
 */
@Injectable()
export class SmsStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insertOutbound(manager: EntityManager, row: NewOutbound): Promise<string> {
    assertClinicId(row.clinicId);
    const saved = await manager.getRepository(SmsMessage).save({ ...row, direction: SmsDirection.Outbound, status: SmsStatus.Queued });
    return saved.id;
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
    const sets = ['status = $3', 'updated_at = now()'];
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
  async insertInbound(row: Pick<SmsMessage, 'clinicId' | 'toE164' | 'fromE164' | 'body' | 'providerMessageId'>): Promise<boolean> {
    assertClinicId(row.clinicId);
    const result = await this.dataSource
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
