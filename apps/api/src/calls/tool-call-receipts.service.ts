import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { LessThan, type EntityManager, type Repository } from 'typeorm';
import { ExpiringCache } from '../common/cache/expiring-cache.js';
import { SecretBox } from '../common/crypto/secret-box.js';
import { ClinicScopedRepository } from '../database/clinic-scoped.repository.js';
import { ClusterEvents } from '../database/cluster-events.js';
import { ToolCallStatus } from '../database/enums.js';
import { ToolCallReceipt } from './tool-call-receipt.entity.js';

/**
 * - `run`: this request owns the tool call (its receipt `receiptId`); finish with `complete` (or
 *   `release` when the answer should not be replayed, e.g. the EMR was down and a retry should try again).
 * - `replay`: the tool call already ran; `answer` is what it answered.
 * - `pending`: another request is still running it and did not finish before the deadline.
 */
export type ReceiptClaim = { kind: 'run'; receiptId: string } | { kind: 'replay'; answer: string } | { kind: 'pending' };

/** The receipt a `run` claim owns: Vapi's call id and tool call id, and the row's id. */
export interface ReceiptRun {
  vapiCallId: string;
  toolCallId: string;
  receiptId: string;
}

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

/** A `running` receipt this old belongs to a request that died (every tool call ends within seconds). */
const ABANDONED_MS = 60_000;

/** How long this replica remembers an answer for late duplicates (Vapi retries within seconds). */
const ANSWER_MEMORY_MS = 30_000;

/** Where a receipt announces that it is done or released (migration ToolCallReceiptNotify: md5 of its key). */
const RECEIPT_CHANNEL = 'tool_call_receipt';

/** The request of this replica that is claiming or running a receipt; its duplicates here wait for `answer` (null: ended without one). */
interface Turn {
  startedAt: number;
  answer: Promise<string | null>;
  settle(answer: string | null): void;
}

const TIMED_OUT = Symbol('timed out');

/**
 * Receipts of mutating tool calls by Vapi's (call id, toolCallId) (SPEC §4.1). The unique
 * constraint decides who runs: the first INSERT wins, a duplicate (same replica or another) waits
 * for the row to turn `done` and replays its answer. Answers may carry PHI: encrypted at rest
 * (SecretBox, bound to the receipt), kept a day after the call so a late duplicate still gets its
 * first answer, then deleted by the CallScratchJanitor.
 *
 * Waiting costs no polling (docs/decisions.md "Cross-replica events"): on each replica one request
 * per receipt looks in the database, and the duplicates that arrive meanwhile wait for its answer
 * in memory (and those arriving later get its answer from memory for ANSWER_MEMORY_MS); that
 * request, when another replica runs the tool call, sleeps until the receipt announces a change
 * (NOTIFY from a trigger, ClusterEvents) and looks once more. After the listening connection was
 * lost, every waiter looks again (a notification may have been missed).
 */
@Injectable()
export class ToolCallReceiptsService {
  private readonly rows: ClinicScopedRepository<ToolCallReceipt>;
  private readonly turns = new Map<string, Turn>();
  /** answers this replica gave or read, by receipt key: a late duplicate replays them with no database read */
  private readonly answers = new ExpiringCache<string>({ ttlMs: ANSWER_MEMORY_MS, maxEntries: 10_000 });
  /** per receipt key: wakers of the requests sleeping until the receipt changes */
  private readonly sleepers = new Map<string, Set<() => void>>();

  constructor(
    @InjectRepository(ToolCallReceipt) private readonly repository: Repository<ToolCallReceipt>,
    private readonly box: SecretBox,
    events: ClusterEvents,
  ) {
    this.rows = new ClinicScopedRepository(repository);
    events.on(RECEIPT_CHANNEL, (key) => this.wake(key));
    events.onReconnect(() => [...this.sleepers.keys()].forEach((key) => this.wake(key)));
  }

  async claim(clinicId: string, vapiCallId: string, toolCallId: string, toolName: string, deadline: number): Promise<ReceiptClaim> {
    const key = receiptKey(vapiCallId, toolCallId);
    // what this replica holds in memory is the clinic's own (the database refuses another clinic's receipt the same way)
    const local = localKey(clinicId, key);
    const known = this.answers.peek(local);
    if (known !== undefined) return { kind: 'replay', answer: known };
    // a request of this replica is on it: wait for its answer (no database work for a duplicate)
    for (let turn = this.currentTurn(local); turn; turn = this.currentTurn(local)) {
      const answer = await before(deadline, turn.answer);
      if (answer === TIMED_OUT) return { kind: 'pending' };
      if (answer !== null) return { kind: 'replay', answer };
      // it ended without an answer (released for a retry, or out of time): look again
    }
    this.turns.set(local, newTurn());
    let claim: ReceiptClaim;
    try {
      claim = await this.claimInDatabase(key, clinicId, vapiCallId, toolCallId, toolName, deadline);
    } catch (error) {
      this.endTurn(local, null);
      throw error;
    }
    // a run ends its turn with `complete` or `release`
    if (claim.kind !== 'run') this.endTurn(local, claim.kind === 'replay' ? claim.answer : null);
    return claim;
  }

  /** Records the answer (encrypted, bound to the receipt); `alongside` is written in the same transaction (all or nothing). */
  async complete(clinicId: string, run: ReceiptRun, answer: string, alongside: readonly ReceiptWrite[] = []): Promise<void> {
    try {
      const done = { status: ToolCallStatus.Done, result: this.box.encrypt(answer, receiptAnswerContext(run.receiptId)), completedAt: new Date() };
      if (alongside.length === 0) {
        await this.rows.update(clinicId, { id: run.receiptId }, done);
      } else {
        await this.repository.manager.transaction(async (manager) => {
          await new ClinicScopedRepository(manager.getRepository(ToolCallReceipt)).update(clinicId, { id: run.receiptId }, done);
          for (const write of alongside) await write.write(manager);
        });
        for (const write of alongside) write.afterCommit?.();
      }
    } finally {
      // the duplicates waiting here hear what the caller heard, even if the receipt could not be written
      this.endTurn(localKey(clinicId, receiptKey(run.vapiCallId, run.toolCallId)), answer);
    }
  }

  /** Forget a running claim, so that a retry of the same tool call runs it again. */
  async release(clinicId: string, vapiCallId: string, toolCallId: string): Promise<void> {
    try {
      await this.rows.delete(clinicId, { vapiCallId, toolCallId, status: ToolCallStatus.Running });
    } finally {
      this.endTurn(localKey(clinicId, receiptKey(vapiCallId, toolCallId)), null);
    }
  }

  /** The first INSERT runs; otherwise the row is read, and read again each time it announces a change, until the deadline. */
  private async claimInDatabase(key: string, clinicId: string, vapiCallId: string, toolCallId: string, toolName: string, deadline: number): Promise<ReceiptClaim> {
    for (;;) {
      // listening before reading: a change committed after the read is heard
      const change = this.sleep(key);
      try {
        const receiptId = await this.insert(clinicId, vapiCallId, toolCallId, toolName);
        if (receiptId) return { kind: 'run', receiptId };
        const row = await this.repository.findOneBy({ vapiCallId, toolCallId });
        if (row && row.clinicId !== clinicId) return { kind: 'pending' };
        if (row?.status === ToolCallStatus.Done && row.result !== null) return { kind: 'replay', answer: this.open(row.id, row.result) };
        if (row && (await this.takeOverAbandoned(row))) return { kind: 'run', receiptId: row.id };
        // no row: released between the INSERT and the read, try again at once
        if (row && (await before(deadline, change.changed)) === TIMED_OUT) return { kind: 'pending' };
      } finally {
        change.stop();
      }
    }
  }

  /** A turn of this replica on `key`, unless it is so old that its request must have died. */
  private currentTurn(key: string): Turn | undefined {
    const turn = this.turns.get(key);
    if (turn && Date.now() - turn.startedAt > ABANDONED_MS) {
      this.endTurn(key, null);
      return undefined;
    }
    return turn;
  }

  private endTurn(key: string, answer: string | null): void {
    const turn = this.turns.get(key);
    if (!turn) return;
    this.turns.delete(key);
    if (answer !== null) this.answers.set(key, answer);
    turn.settle(answer);
  }

  private sleep(key: string): { changed: Promise<void>; stop(): void } {
    let wake = () => {};
    const changed = new Promise<void>((resolve) => (wake = resolve));
    let set = this.sleepers.get(key);
    if (!set) this.sleepers.set(key, (set = new Set()));
    set.add(wake);
    const sleepers = set;
    return {
      changed,
      stop: () => {
        sleepers.delete(wake);
        if (sleepers.size === 0 && this.sleepers.get(key) === sleepers) this.sleepers.delete(key);
      },
    };
  }

  private wake(key: string): void {
    const set = this.sleepers.get(key);
    if (!set) return;
    this.sleepers.delete(key);
    for (const wake of set) wake();
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

/** The receipt's key as its trigger announces it: md5 of the call id, a newline and the tool call id. */
export function receiptKey(vapiCallId: string, toolCallId: string): string {
  return createHash('md5').update(`${vapiCallId}\n${toolCallId}`).digest('hex');
}

function localKey(clinicId: string, key: string): string {
  return `${clinicId} ${key}`;
}

function newTurn(): Turn {
  let settle: (answer: string | null) => void = () => {};
  const answer = new Promise<string | null>((resolve) => (settle = resolve));
  return { startedAt: Date.now(), answer, settle };
}

/** `work`'s value, or TIMED_OUT once `deadline` (epoch ms) has passed. */
async function before<T>(deadline: number, work: Promise<T>): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), Math.max(0, deadline - Date.now()))));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
