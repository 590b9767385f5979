import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ClinicScopedRepository } from '../database/clinic-scoped.repository.js';
import type { CallIntent, CallOutcome } from '../database/enums.js';
import { CallMetadata } from './call-metadata.entity.js';

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
 * Durable per-call scratch (SPEC §3/§4): who the caller was matched to and verified as, and what
 * the call did. Any replica reads the same row, so the next tool call or the end-of-call report
 * may land anywhere. Array updates are single SQL statements, so tool calls of one delivery that
 * run in parallel never lose each other's writes.
 */
@Injectable()
export class CallMetadataService {
  private readonly rows: ClinicScopedRepository<CallMetadata>;

  constructor(@InjectRepository(CallMetadata) private readonly repository: Repository<CallMetadata>) {
    this.rows = new ClinicScopedRepository(repository);
  }

  /** The call's row, created on its first tool call with the caller ID (the only source of identity). */
  async open(clinicId: string, vapiCallId: string, callerPhoneE164: string | null): Promise<CallMetadata> {
    await this.repository
      .createQueryBuilder()
      .insert()
      .into(CallMetadata)
      .values({ clinicId, vapiCallId, callerPhoneE164 })
      .orUpdate(['last_activity_at'], ['clinic_id', 'vapi_call_id'])
      .execute();
    return this.rows.findOneByOrFail(clinicId, { vapiCallId }, 'Call');
  }

  find(clinicId: string, vapiCallId: string): Promise<CallMetadata | null> {
    return this.rows.findOneBy(clinicId, { vapiCallId });
  }

  /** The charts on the caller's number, as the EMR answered them this call (replaces the earlier answer). */
  async setMatched(clinicId: string, vapiCallId: string, demographicIds: number[]): Promise<void> {
    await this.rows.update(clinicId, { vapiCallId }, { matchedDemographicIds: [...new Set(demographicIds)], lastActivityAt: new Date() });
  }

  /** Charts whose date of birth (with the caller ID or a name) the caller confirmed in this call; the last one added is the call's chart. */
  async addVerified(clinicId: string, vapiCallId: string, demographicId: number): Promise<void> {
    await this.repository.query(
      `UPDATE call_metadata
          SET verified_demographic_ids = array_append(array_remove(verified_demographic_ids, $3::int), $3::int),
              last_activity_at = now()
        WHERE clinic_id = $1 AND vapi_call_id = $2`,
      [clinicId, vapiCallId, demographicId],
    );
  }

  async patch(clinicId: string, vapiCallId: string, patch: CallMetadataPatch): Promise<void> {
    const entries = Object.entries(patch).filter(([, value]) => value !== undefined) as [keyof CallMetadataPatch, unknown][];
    const sets = entries.map(([key], i) => `${PATCH_COLUMNS[key]} = $${i + 3}`);
    await this.repository.query(
      `UPDATE call_metadata SET ${[...sets, 'last_activity_at = now()'].join(', ')} WHERE clinic_id = $1 AND vapi_call_id = $2`,
      [clinicId, vapiCallId, ...entries.map(([, value]) => value)],
    );
  }
}
