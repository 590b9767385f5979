import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '../common/auth/auth-errors.js';
import { TicketStatus } from '../database/enums.js';
import { TicketClosedError, TicketTransitionError, assertTransition } from './ticket-workflow.js';

const ALL = Object.values(TicketStatus);
const { Open, InProgress, Waiting, Resolved, Closed } = TicketStatus;

describe('ticket status workflow', () => {
  it('support moves a ticket that is not closed to any status, forwards or back', () => {
    for (const from of ALL.filter((s) => s !== Closed)) {
      for (const to of ALL) expect(() => assertTransition('support', from, to), `${from} → ${to}`).not.toThrow();
    }
  });

  it('a closed ticket is final for everyone, said in plain words', () => {
    for (const side of ['support', 'clinic'] as const) {
      for (const to of ALL.filter((s) => s !== Closed)) {
        expect(() => assertTransition(side, Closed, to)).toThrow(TicketClosedError);
      }
    }
    expect(() => assertTransition('clinic', Closed, Open)).toThrow(/closed and cannot change any more/);
  });

  it('the clinic may close from any status and reopen only a resolved ticket', () => {
    for (const from of [Open, InProgress, Waiting, Resolved]) expect(() => assertTransition('clinic', from, Closed)).not.toThrow();
    expect(() => assertTransition('clinic', Resolved, Open)).not.toThrow();
    expect(() => assertTransition('clinic', InProgress, Open)).toThrow(TicketTransitionError);
    expect(() => assertTransition('clinic', Waiting, Open)).toThrow('Only a resolved ticket can be reopened; this one is waiting for the clinic');
  });

  it('the statuses that say where support is with the work are set by support only (403)', () => {
    for (const to of [InProgress, Waiting, Resolved]) {
      expect(() => assertTransition('clinic', Open, to)).toThrow(ForbiddenError);
    }
  });

  it('keeping the same status is no change', () => {
    for (const s of ALL) expect(() => assertTransition('clinic', s, s)).not.toThrow();
  });
});
