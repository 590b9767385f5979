import { Injectable, Logger } from '@nestjs/common';
import { RetentionService } from '../calls/retention.service.js';
import { FaxStatus } from '../database/enums.js';
import { FaxStore } from './fax-store.js';

export const DEFAULT_FAX_ARCHIVE_DAYS = 30;
export const DEFAULT_FAX_RETENTION_DAYS = 365;

export type FaxRetentionCounts = Record<'faxesArchived' | 'faxesPurged', number>;

/**
 * Fax documents in the daily retention run (SPEC §9): a verified document leaves the inbox
 * (`archived`) `faxArchiveDays` (default 30) after it was verified, and every document — its
 * encrypted file with it — is deleted `faxRetentionDays` (default 365) after it was received,
 * per clinic. Registered with the retention job, which runs it under its advisory lock.
 */
@Injectable()
export class FaxRetention {
  private readonly logger = new Logger('FaxRetention');

  constructor(
    private readonly store: FaxStore,
    retention: RetentionService,
  ) {
    retention.registerTask('fax_documents', (now) => this.run(now));
  }

  async run(now: Date): Promise<FaxRetentionCounts> {
    const result = await this.store.dataSource.transaction(async (manager) => {
      const archived = await manager.query(
        `UPDATE fax_documents f SET status = $1, archived_at = $2, updated_at = now()
           FROM clinic_config c
          WHERE c.clinic_id = f.clinic_id AND f.status = $3
            AND f.match_verified_at < $2::timestamptz - make_interval(days => COALESCE(c.fax_archive_days, $4))`,
        [FaxStatus.Archived, now, FaxStatus.Verified, DEFAULT_FAX_ARCHIVE_DAYS],
      ) as [unknown, number];
      const purged = await manager.query(
        `DELETE FROM fax_documents f USING clinic_config c
          WHERE c.clinic_id = f.clinic_id
            AND COALESCE(f.received_at, f.created_at) < $1::timestamptz - make_interval(days => COALESCE(c.fax_retention_days, $2))`,
        [now, DEFAULT_FAX_RETENTION_DAYS],
      ) as [unknown, number];
      return { faxesArchived: archived[1] ?? 0, faxesPurged: purged[1] ?? 0 };
    });
    this.logger.log(result, 'fax retention done');
    return result;
  }
}
