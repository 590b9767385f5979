import { describe, expect, it } from 'vitest';
import { authorOf, statusAction, statusChoices } from './ticket-format';

describe('tickets', () => {
  it('lets support set any other status of an open ticket, the clinic only reopen a resolved one or close it', () => {
    expect(statusChoices(true, 'open')).toEqual(['in_progress', 'waiting', 'resolved', 'closed']);
    expect(statusChoices(false, 'open')).toEqual(['closed']);
    expect(statusChoices(false, 'resolved')).toEqual(['open', 'closed']);
    expect(statusChoices(true, 'closed')).toEqual([]);
    expect(statusChoices(false, 'closed')).toEqual([]);
  });

  it('names the buttons and the authors in words', () => {
    expect(statusAction('open', 'resolved')).toBe('Reopen');
    expect(statusAction('closed', 'open')).toBe('Close the ticket');
    expect(statusAction('in_progress', 'open')).toBe('Mark in progress');
    expect(authorOf({ authorName: 'Ada Admin', fromSupport: true })).toBe('Ada Admin (VoiceDesk support)');
    expect(authorOf({ authorName: null, fromSupport: false })).toBe('A former user');
  });
});
