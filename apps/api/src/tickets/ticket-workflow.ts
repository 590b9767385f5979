import { ForbiddenError } from '../common/auth/auth-errors.js';
import { ConflictError } from '../common/errors/domain-error.js';
import { TicketStatus } from '../database/enums.js';

/**
 * The ticket status workflow (seed 000): open → in_progress → waiting → resolved → closed.
 * - `closed` is final for everyone: a closed ticket never changes again (the clinic opens a new one).
 * - Platform admins (support) set any other status, forwards or back.
 * - The clinic may reopen a resolved ticket (resolved → open) and close its ticket from any status;
 *   the other statuses say where support is with the work, so only support sets them.
 * Pure rules, no I/O: `ticket-workflow.spec.ts`.
 */

export type TicketSide = 'support' | 'clinic';

const LABEL: Record<TicketStatus, string> = {
  [TicketStatus.Open]: 'open',
  [TicketStatus.InProgress]: 'in progress',
  [TicketStatus.Waiting]: 'waiting for the clinic',
  [TicketStatus.Resolved]: 'resolved',
  [TicketStatus.Closed]: 'closed',
};

export function statusLabel(status: TicketStatus): string {
  return LABEL[status];
}

/** 409: the workflow cannot go from `from` to `to`. */
export class TicketTransitionError extends ConflictError {
  constructor(message: string) {
    super(message, [{ field: 'status', message }]);
  }
}

/** 409: a closed ticket is final (status and every other field). */
export class TicketClosedError extends ConflictError {
  constructor() {
    super('This ticket is closed and cannot change any more; open a new ticket instead');
  }
}

/** Throws unless `side` may move a ticket from `from` to `to` (same status: nothing to check). */
export function assertTransition(side: TicketSide, from: TicketStatus, to: TicketStatus): void {
  if (from === to) return;
  if (from === TicketStatus.Closed) throw new TicketClosedError();
  if (side === 'support') return;
  if (to === TicketStatus.Closed) return;
  if (to === TicketStatus.Open) {
    if (from === TicketStatus.Resolved) return;
    throw new TicketTransitionError(`Only a resolved ticket can be reopened; this one is ${statusLabel(from)}`);
  }
  throw new ForbiddenError(
    `A clinic can reopen a resolved ticket or close a ticket; moving it to ${statusLabel(to)} is done by VoiceDesk support`,
  );
}
