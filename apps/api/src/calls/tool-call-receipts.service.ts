import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type EntityManager, type Repository } from 'typeorm';
import { SecretBox } from '../common/crypto/secret-box.js';
import { ClinicScopedRepository } from '../database/clinic-scoped.repository.js';
import { ToolCallStatus } from '../database/enums.js';
import { ToolCallReceipt } from './tool-call-receipt.entity.js';

/**
 * - `run`: this request owns the tool call (its receipt `receiptId`); finish with `complete` (or `release` when the answer
 *   should not be replayed, e.g. the EMR was down and a retry should try again).
 * - `replay`: the tool call already ran; `answer` is what it answered.
 * - `pending`: another request is still running it and did not finish before the deadline.
 */
export type ReceiptClaim = { kind: 'run'; receiptId: string } | { kind: 'replay'; answer: string } | { kind: 'pending' };

/** The associated data a receipt's answer is encrypted with: bound to its row. */
export function receiptAnswerContext(receiptId: string): string {
  if (!receiptId) throw new Error('receiptAnswerContext needs a receipt id');
  return `tool_call_receipts.result:${receiptId}`;
}

/**
 * A row written in the same transaction as a receipt's completion (an outbox, e.g. the tool's
 * confirmation text and its job): it exists exactly when the answer it belongs to was recorded.
 * `afterCommit` runs once the transaction has committed (e.g. to wake a worker).
 */
export interface ReceiptWrite {
  write(manager: EntityManager): Promise<unknown>;
  afterCommit?(): void;
}

/** How often a duplicate looks whether the first request has finished. */
const POLL_MS = 100;
/** A `running` receipt this old belongs to a request that died (every tool call ends within seconds). */
const ABANDONED_MS = 60_000;

/**
 * Receipts of mutating tool calls by Vapi's (call id, toolCallId) (SPEC §4.1). The unique
 * constraint decides who runs: the first INSERT wins, a duplicate (same replica or another) waits
 * for the row to turn `done` and replays its answer. Answers may carry PHI: encrypted at rest
 * (SecretBox, bound to the receipt), kept a day after the call so a late duplicate still gets its
 * first answer, then deleted by the CallScratchJanitor.
 */
@Injectable()
export class ToolCallReceiptsService {
  private readonly rows: ClinicScopedRepository<ToolCallReceipt>;

  constructor(
    @InjectRepository(ToolCallReceipt) private readonly repository: Repository<ToolCallReceipt>,
    private readonly box: SecretBox,
  ) {
    this.rows = new ClinicScopedRepository(repository);
  }

  async claim(clinicId: string, vapiCallId: string, toolCallId: string, toolName: string, deadline: number): Promise<ReceiptClaim> {
    for (;;) {
      const receiptId = await this.insert(clinicId, vapiCallId, toolCallId, toolName);
      if (receiptId) return { kind: 'run', receiptId };
      const row = await this.repository.findOneBy({ vapiCallId, toolCallId });
      if (row && row.clinicId !== clinicId) return { kind: 'pending' };
      if (row?.status === ToolCallStatus.Done && row.result !== null) return { kind: 'replay', answer: this.open(row.id, row.result) };
      if (row && (await this.takeOverAbandoned(row))) return { kind: 'run', receiptId: row.id };
      if (Date.now() + POLL_MS >= deadline) return { kind: 'pending' };
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** Records the answer (encrypted, bound to the receipt); `alongside` is written in the same transaction (all or nothing). */
  async complete(clinicId: string, receiptId: string, answer: string, alongside: readonly ReceiptWrite[] = []): Promise<void> {
    const done = { status: ToolCallStatus.Done, result: this.box.encrypt(answer, receiptAnswerContext(receiptId)), completedAt: new Date() };
    if (alongside.length === 0) {
      await this.rows.update(clinicId, { id: receiptId }, done);
      return;
    }
    await this.repository.manager.transaction(async (manager) => {
      await new ClinicScopedRepository(manager.getRepository(ToolCallReceipt)).update(clinicId, { id: receiptId }, done);
      for (const write of alongside) await write.write(manager);
    });
    for (const write of alongside) write.afterCommit?.();
  }

  /** Forget a running claim, so that a retry of the same tool call runs it again. */
  async release(clinicId: string, vapiCallId: string, toolCallId: string): Promise<void> {
    await this.rows.delete(clinicId, { vapiCallId, toolCallId, status: ToolCallStatus.Running });
  }

  /** The stored answer in the clear (a receipt written before answers were encrypted is read as it is). */
  private open(receiptId: string, stored: string): string {
    return SecretBox.isCiphertext(stored) ? this.box.decrypt(stored, receiptAnswerContext(receiptId)) : stored;
  }

  /** The new receipt's id, or null when the tool call already has one. */
  private async insert(clinicId: string, vapiCallId: string, toolCallId: string, toolName: string): Promise<string | null> {
    const inserted = await this.repository
      .createQueryBuilder()
      .insert()
      .into(ToolCallReceipt)
      .values({ clinicId, vapiCallId, toolCallId, toolName, status: ToolCallStatus.Running })
      .orIgnore()
      .returning(['id'])
      .execute();
    return (inserted.raw as { id: string }[])[0]?.id ?? null;
  }

  private async takeOverAbandoned(row: ToolCallReceipt): Promise<boolean> {
    if (row.status !== ToolCallStatus.Running || Date.now() - row.createdAt.getTime() < ABANDONED_MS) return false;
    const taken = await this.repository.update(
      { id: row.id, status: ToolCallStatus.Running, createdAt: LessThan(new Date(Date.now() - ABANDONED_MS)) },
      { createdAt: new Date() },
    );
    return (taken.affected ?? 0) > 0;
  }
}
