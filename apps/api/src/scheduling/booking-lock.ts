import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QueryFailedError, type DataSource } from 'typeorm';
import { assertClinicId } from '../database/clinic-scoped.repository.js';

/** What a booking lock covers: one provider's day at one clinic. */
export interface SlotLockKey {
  clinicId: string;
  providerNo: string;
  /** ISO date in the clinic's zone */
  date: string;
}

/** The lock could not be had in time: someone else is booking the same provider's day right now. */
export class SlotLockTimeoutError extends Error {
  constructor() {
    super('booking lock not acquired in time');
    this.name = 'SlotLockTimeoutError';
  }
}

/** PostgreSQL's "lock_not_available" (lock_timeout expired). */
const LOCK_NOT_AVAILABLE = '55P03';

export function slotLockName(key: SlotLockKey): string {
  return `voicedesk:booking:${key.clinicId}:${key.providerNo}:${key.date}`;
}

/**
 * Serialises bookings of one provider's day across every API replica: a PostgreSQL advisory
 * transaction lock keyed by (clinic, provider, day), held while `work` re-reads the EMR and books,
 * released when the transaction ends (commit, rollback or a dropped connection). Waiting is
 * bounded by `lock_timeout`, so a caller never waits past its deadline.
 */
@Injectable()
export class BookingLock {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run<T>(key: SlotLockKey, waitMs: number, work: () => Promise<T>): Promise<T> {
    assertClinicId(key.clinicId);
    const timeoutMs = Math.max(1, Math.floor(waitMs));
    try {
      return await this.dataSource.transaction(async (manager) => {
        await manager.query(`SET LOCAL lock_timeout = ${timeoutMs}`);
        await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [slotLockName(key)]);
        return work();
      });
    } catch (error) {
      if (lockNotAvailable(error)) throw new SlotLockTimeoutError();
      throw error;
    }
  }
}

function lockNotAvailable(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  return (error.driverError as { code?: string } | undefined)?.code === LOCK_NOT_AVAILABLE;
}
