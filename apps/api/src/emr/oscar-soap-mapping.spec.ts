import { DateTime } from 'luxon';
import { CircuitState } from 'cockatiel';
import { describe, expect, it } from 'vitest';
import { OscarClock } from './oscar-clock.js';
import { charCode, exclusiveEnd, str, toScheduleCodes } from './oscar-soap-mapping.js';
import { sameName, searchableName } from './patient-matching.js';
import { SlidingWindowBreaker } from './sliding-window-breaker.js';

describe('OSCAR value quirks', () => {
  it('reads end times one second or one minute short as the exclusive whole-minute end', () => {
    const start = DateTime.fromISO('2027-03-15T09:00:00', { zone: 'America/Toronto' });
    expect(exclusiveEnd(start, start.plus({ minutes: 14, seconds: 59 })).toISO()).toBe('2027-03-15T09:15:00.000-04:00');
    expect(exclusiveEnd(start, start.plus({ minutes: 14 })).toISO()).toBe('2027-03-15T09:15:00.000-04:00');
  });

  it('turns empty strings into null and character codes into characters', () => {
    expect([str(''), str('  '), str(undefined), str('x')]).toEqual([null, null, null, 'x']);
    expect([charCode(49), charCode(67), charCode(0), charCode(undefined)]).toEqual(['1', 'C', null, null]);
  });

  it('keeps the first of duplicate template codes', () => {
    const codes = toScheduleCodes([
      { id: 9, code: 67, description: 'Counselling', duration: '30', bookinglimit: 1 },
      { id: 4, code: 67, description: 'Clinic', duration: '15', bookinglimit: 1 },
      { id: 5, code: 65, description: 'Academic', bookinglimit: 0 },
    ]);
    expect(codes).toEqual([
      { code: 'A', description: 'Academic', durationMinutes: null, bookingLimit: 0, confirm: null, color: null },
      { code: 'C', description: 'Clinic', durationMinutes: 15, bookingLimit: 1, confirm: null, color: null },
    ]);
  });

  it('compares names without case, accents or punctuation', () => {
    expect(sameName("O'BRIEN", 'obrien')).toBe(true);
    expect(sameName('JONESTON', 'Jones')).toBe(false);
    expect(sameName('HARRIET ANNE', 'Harriet', true)).toBe(true);
    expect(searchableName(' Jones,%_x ')).toBe('Jones x');
  });
});

describe('OscarClock', () => {
  const at = DateTime.fromISO('2027-03-12T12:00:00Z');

  it('sends noon server-local for a day, DST-safe in the clinic zone', () => {
    const clock = new OscarClock('America/Toronto', -300, at);
    expect(clock.sameZone).toBe(true);
    expect(clock.dayParam('2027-03-12').toISOString()).toBe('2027-03-12T17:00:00.000Z');
    expect(clock.dayParam('2027-03-15').toISOString()).toBe('2027-03-15T16:00:00.000Z');
  });

  it('converts by wall clock when the server runs in another zone', () => {
    const clock = new OscarClock('America/Vancouver', 0, at);
    expect(clock.sameZone).toBe(false);
    expect(clock.iso(clock.fromServer(new Date('2027-03-15T09:00:00Z')))).toBe('2027-03-15T09:00:00-07:00');
    expect(clock.toServer(clock.parse('2027-03-15T09:00')).toISOString()).toBe('2027-03-15T09:00:00.000Z');
    expect(clock.dayParam('2027-03-15').toISOString()).toBe('2027-03-15T12:00:00.000Z');
  });

  it('refuses malformed days and times', () => {
    const clock = new OscarClock('America/Toronto');
    expect(() => clock.day('2027-3-1')).toThrow(/ISO date/);
    expect(() => clock.parse('soon')).toThrow(/ISO date-time/);
    expect(() => new OscarClock('Mars/Olympus')).toThrow(/not a valid IANA zone/);
  });
});

describe('SlidingWindowBreaker', () => {
  it('opens at 50 % failures once the minimum throughput is reached, not before', () => {
    const breaker = new SlidingWindowBreaker({ failureRatio: 0.5, windowMs: 30_000, minimumThroughput: 4 });
    expect(breaker.failure(CircuitState.Closed)).toBe(false);
    breaker.success(CircuitState.Closed);
    expect(breaker.failure(CircuitState.Closed)).toBe(false);
    breaker.success(CircuitState.Closed);
    expect(breaker.counts()).toEqual({ calls: 4, failures: 2 });
    expect(breaker.failure(CircuitState.Closed)).toBe(true); // 3 of 5
  });

  it('reopens on a failed half-open probe', () => {
    const breaker = new SlidingWindowBreaker({ failureRatio: 0.5, windowMs: 30_000, minimumThroughput: 10 });
    expect(breaker.failure(CircuitState.HalfOpen)).toBe(true);
  });
});
