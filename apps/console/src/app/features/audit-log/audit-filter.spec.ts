import { describe, expect, it } from 'vitest';
import { NO_FILTER, actorOf, auditQuery, exportFileName } from './audit-filter';

describe('audit log filters', () => {
  it('leaves empty filters out of the query', () => {
    expect(auditQuery(NO_FILTER)).toEqual({ clinicId: undefined, action: undefined, outcome: undefined, from: undefined, to: undefined });
  });

  it('turns the chosen days into instants: from the first day’s midnight up to the day after the last (exclusive)', () => {
    const query = auditQuery({ ...NO_FILTER, action: 'config.update', outcome: 'denied', from: '2026-03-01', to: '2026-03-31' });
    expect(query.action).toBe('config.update');
    expect(query.outcome).toBe('denied');
    expect(query.from).toBe(new Date(2026, 2, 1).toISOString());
    expect(query.to).toBe(new Date(2026, 3, 1).toISOString());
  });

  it('names the actor, or says it was a job or someone signed out', () => {
    expect(actorOf({ actorType: 'user', userEmail: 'ada@voicedesk.test' })).toBe('ada@voicedesk.test');
    expect(actorOf({ actorType: 'system', userEmail: null })).toBe('VoiceDesk (job)');
    expect(actorOf({ actorType: 'anonymous', userEmail: null })).toBe('Not signed in');
  });

  it('dates the export file', () => {
    expect(exportFileName(new Date(2026, 10, 3))).toBe('audit-log-2026-11-03.csv');
  });
});
