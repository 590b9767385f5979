import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, type Repository } from 'typeorm';
import { CallMetadata } from './call-metadata.entity.js';
import { ToolCallReceipt } from './tool-call-receipt.entity.js';

/** A call whose end-of-call report never came is over long before this. */
export const CALL_SCRATCH_MAX_AGE_MS = 6 * 60 * 60 * 1000;
/**
 * How long a reported call's mark and every tool-call receipt are kept: a late duplicate of a
 * tool call (a slow retry, another replica) still replays its first answer, and a late note still
 * finds the call over and lands in its call log.
 */
export const CALL_RECEIPT_MAX_AGE_MS = 24 * 60 * 60 * 1000;
const SWEEP_EVERY_MS = 10 * 60 * 1000;
/** pg advisory lock id of the sweep ("one replica at a time"). */
export const JANITOR_LOCK_ID = 727_005;

/**
 * Deletes call scratch: the metadata of calls whose end-of-call report never arrived (idle for
 * 6 h), the blanked "reported" marks of calls that ended over a day ago, and tool-call receipts
 * (encrypted answers) older than a day. Every replica's timer fires; one replica sweeps at a time
 * (an advisory lock: the others skip that round), so a cluster sweeps about once per period.
 */
@Injectable()
export class CallScratchJanitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CallScratchJanitor');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectRepository(CallMetadata) private readonly metadata: Repository<CallMetadata>,
    @InjectRepository(ToolCallReceipt) private readonly receipts: Repository<ToolCallReceipt>,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweepOnce().catch((err: unknown) => this.logger.warn({ err }, 'call scratch sweep failed')), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Sweeps unless another replica is sweeping right now (then answers false). */
  async sweepOnce(): Promise<boolean> {
    return this.metadata.manager.transaction(async (manager) => {
      const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [JANITOR_LOCK_ID])) as { locked: boolean }[];
      if (locked) await this.sweep();
      return locked;
    });
  }

  async sweep(now = Date.now()): Promise<{ metadata: number; receipts: number }> {
    const idleBefore = new Date(now - CALL_SCRATCH_MAX_AGE_MS);
    const dayBefore = new Date(now - CALL_RECEIPT_MAX_AGE_MS);
    const unreported = (await this.metadata.delete({ reportedAt: IsNull(), lastActivityAt: LessThan(idleBefore) })).affected ?? 0;
    const reported = (await this.metadata.delete({ reportedAt: LessThan(dayBefore) })).affected ?? 0;
    const metadata = unreported + reported;
    const receipts = (await this.receipts.delete({ createdAt: LessThan(dayBefore) })).affected ?? 0;
    if (metadata || receipts) this.logger.log({ metadata, receipts }, 'stale call scratch deleted');
    return { metadata, receipts };
  }
}
