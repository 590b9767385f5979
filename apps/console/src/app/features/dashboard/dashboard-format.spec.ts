import { describe, expect, it } from 'vitest';
import { emrHealthLabel, onboardingLabel, reasonsLabel } from './dashboard-format';

describe('dashboard words', () => {
  it('says how the EMR connection stands and what to do when it is down', () => {
    expect(emrHealthLabel({ state: 'connected', lastVerifiedAt: null, lastSyncAt: null })).toBe('Connected');
    expect(emrHealthLabel({ state: 'failing', lastVerifiedAt: null, lastSyncAt: null })).toMatch(/test the connection in Clinic settings/);
    expect(emrHealthLabel({ state: 'not_configured', lastVerifiedAt: null, lastSyncAt: null })).toBe('Not set up');
  });

  it('counts onboarding in steps done, then says Complete', () => {
    expect(onboardingLabel({ onboarding: { flagsDone: 6, flagsTotal: 8, completedAt: null } })).toBe('6 of 8 done');
    expect(onboardingLabel({ onboarding: { flagsDone: 8, flagsTotal: 8, completedAt: '2026-11-01T00:00:00Z' } })).toBe('Complete');
  });

  it('names transfer reasons in words with their counts', () => {
    expect(reasonsLabel({ topTransferReasons: [{ value: 'record_not_found', count: 2 }, { value: null, count: 1 }] })).toBe('Record not found (2), No reason given (1)');
    expect(reasonsLabel({ topTransferReasons: [] })).toBe('—');
  });
});
