import { describe, expect, it } from 'vitest';
import { bookableByVoice, orderedSettings, providerName, settingValue, syncSummary } from './provider-format';

describe('providers in words', () => {
  it('names a provider by the voice name, else title and name', () => {
    expect(providerName({ displayName: null, title: 'Dr.', firstName: 'Amy', lastName: 'Chen' })).toBe('Dr. Amy Chen');
    expect(providerName({ displayName: 'Dr. Amy', title: 'Dr.', firstName: 'Amy', lastName: 'Chen' })).toBe('Dr. Amy');
  });

  it('says what a sync did', () => {
    expect(syncSummary({ total: 4, created: 1, updated: 3, deactivated: 0, syncedAt: '' })).toBe('Synced 4 providers from OSCAR: 1 new, 3 updated, 0 made inactive.');
  });

  it('reads effective values, in a manager’s order, unknown settings last', () => {
    expect(settingValue(true)).toBe('Yes');
    expect(settingValue([])).toBe('None');
    // no bookable code of its own: every code with a booking limit is booked, not none
    expect(settingValue([], 'bookableScheduleCodes')).toBe('All codes with a booking limit');
    expect(settingValue([], 'blockedScheduleCodes')).toBe('None');
    expect(settingValue(['B', 'C'])).toBe('B, C');
    expect(settingValue(null)).toBe('Not set');
    expect(settingValue('best_available', 'providerFallbackBehavior')).toBe('Offer the earliest other provider');
    expect(settingValue('both', 'visitMode')).toBe('In person or virtual');
    expect(settingValue(['checkup', 'follow_up'], 'enabledVisitReasons')).toBe('Check-up, Follow-up');
    const ordered = orderedSettings({
      zNew: { value: 1, source: 'system' },
      bufferTime: { value: 5, source: 'clinic' },
      voiceBookable: { value: true, source: 'provider' },
    });
    expect(ordered.map((s) => [s.key, s.label, s.source])).toEqual([
      ['voiceBookable', 'Bookable by voice', 'provider'],
      ['bufferTime', 'Buffer between appointments (minutes)', 'clinic'],
      ['zNew', 'zNew', 'system'],
    ]);
  });
});

describe('bookable by voice', () => {
  it('is what the receptionist does: an inactive or absent provider is not booked whatever their switch says', () => {
    expect(bookableByVoice({ voiceBookable: true, status: 'active' })).toBe('Yes');
    expect(bookableByVoice({ voiceBookable: false, status: 'active' })).toBe('No');
    expect(bookableByVoice({ voiceBookable: true, status: 'inactive' })).toBe('No: the provider is inactive');
    expect(bookableByVoice({ voiceBookable: true, status: 'on_leave' })).toBe('No: the provider is on leave');
  });
});
