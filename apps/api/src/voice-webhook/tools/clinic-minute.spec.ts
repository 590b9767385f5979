import { describe, expect, it } from 'vitest';
import { clinicMinute } from './clinic-minute.js';

describe('clinicMinute', () => {
  it("gives the clinic's date, day of week (0 = Sunday) and time, not the server's", () => {
    // Vancouver is UTC−7 all year since November 2026: 07:30 UTC on Sunday 2027-01-03 is 00:30 there, 06:59 UTC still Saturday 23:59
    expect(clinicMinute('America/Vancouver', Date.UTC(2027, 0, 3, 7, 30))).toEqual({ date: '2027-01-03', dayOfWeek: 0, hhmm: '00:30' });
    expect(clinicMinute('America/Vancouver', Date.UTC(2027, 0, 3, 6, 59, 59))).toEqual({ date: '2027-01-02', dayOfWeek: 6, hhmm: '23:59' });
  });

  it('is computed afresh in every minute, across a change of offset', () => {
    // Toronto falls back at 02:00 EDT on 2026-11-01: 05:59 UTC is 01:59 EDT, 06:00 UTC is 01:00 EST
    expect(clinicMinute('America/Toronto', Date.UTC(2026, 10, 1, 5, 59, 30)).hhmm).toBe('01:59');
    expect(clinicMinute('America/Toronto', Date.UTC(2026, 10, 1, 5, 59, 59)).hhmm).toBe('01:59');
    expect(clinicMinute('America/Toronto', Date.UTC(2026, 10, 1, 6, 0, 0)).hhmm).toBe('01:00');
    // and a clock read earlier than the cached minute (another test, a skewed caller) is not served from it
    expect(clinicMinute('America/Toronto', Date.UTC(2026, 10, 1, 4, 0, 0)).hhmm).toBe('00:00');
  });
});
