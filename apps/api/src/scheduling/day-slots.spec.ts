import { describe, expect, it } from 'vitest';
import { codeMap, daySlots, expandTimecode, isBookableCode, type ScheduleCodeInfo } from './day-slots.js';
import { toClinicIso } from './clinic-time.js';

const code = (c: string, bookingLimit: number, durationMinutes: number | null = 15): ScheduleCodeInfo => ({ code: c, bookingLimit, durationMinutes });

describe('isBookableCode: bookableScheduleCodes empty = every code with a booking limit above 0 not blocked', () => {
  it.each([
    ['a code with a limit, nothing configured', code('1', 1), [], [], true],
    ['a code with limit 0 (Academic)', code('A', 0), [], [], false],
    ['a blocked code', code('P', 1), [], ['P'], false],
    ['a code outside an explicit bookable list', code('P', 1), ['1', '2'], [], false],
    ['a code on an explicit bookable list', code('2', 1), ['1', '2'], [], true],
    ['a listed code that is also blocked', code('2', 1), ['2'], ['2'], false],
    ['a listed code whose limit is 0', code('A', 0), ['A'], [], false],
    ['an unknown code', undefined, [], [], false],
  ])('%s → %s', (_label, info, bookable, blocked, expected) => {
    expect(isBookableCode(info, { bookable, blocked })).toBe(expected);
  });
});

describe('expandTimecode: one character per slot from midnight, `_` = no schedule', () => {
  const tc = (slotMinutes: number, at: Record<string, string>) => {
    const chars = Array.from({ length: 1440 / slotMinutes }, () => '_');
    for (const [hhmm, c] of Object.entries(at)) chars[(Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) / slotMinutes] = c;
    return chars.join('');
  };

  it('places slots at the clinic’s wall clock on an ordinary day', () => {
    const slots = expandTimecode('2027-03-10', 'America/Vancouver', tc(15, { '09:00': '1', '09:15': '1', '13:00': 'P' }));
    expect(slots.map((s) => [toClinicIso(s.start, 'America/Vancouver'), s.code])).toEqual([
      ['2027-03-10T09:00:00-07:00', '1'],
      ['2027-03-10T09:15:00-07:00', '1'],
      ['2027-03-10T13:00:00-07:00', 'P'],
    ]);
  });

  it('on Vancouver’s last spring-forward (8 March 2026) counts absolute minutes from midnight, like OSCAR', () => {
    const [early, late] = expandTimecode('2026-03-08', 'America/Vancouver', tc(15, { '01:45': '1', '09:00': '1' }));
    expect(toClinicIso(early!.start, 'America/Vancouver')).toBe('2026-03-08T01:45:00-08:00');
    // 9 h after midnight is 10:00 PDT on a 23-hour day
    expect(toClinicIso(late!.start, 'America/Vancouver')).toBe('2026-03-08T10:00:00-07:00');
  });

  it('Vancouver’s former fall-back Sunday (1 November 2026) is an ordinary day now', () => {
    const [slot] = expandTimecode('2026-11-01', 'America/Vancouver', tc(15, { '09:00': '1' }));
    expect(toClinicIso(slot!.start, 'America/Vancouver')).toBe('2026-11-01T09:00:00-07:00');
  });

  it('on Toronto’s spring-forward (14 March 2027) slots after 02:00 shift an hour', () => {
    const [slot] = expandTimecode('2027-03-14', 'America/Toronto', tc(15, { '09:00': '1' }));
    expect(toClinicIso(slot!.start, 'America/Toronto')).toBe('2027-03-14T10:00:00-04:00');
  });

  it('on fall-back day (Toronto) the wall clock runs an hour behind after 02:00', () => {
    const [slot] = expandTimecode('2027-11-07', 'America/Toronto', tc(30, { '09:00': '2' }));
    expect(toClinicIso(slot!.start, 'America/Toronto')).toBe('2027-11-07T08:00:00-05:00');
  });

  it('refuses a timecode whose length does not divide the day, and a date that is not one', () => {
    expect(expandTimecode('2027-03-10', 'America/Vancouver', '1'.repeat(7))).toEqual([]);
    expect(expandTimecode('2027-02-30', 'America/Vancouver', '1'.repeat(96))).toEqual([]);
  });
});

describe('daySlots', () => {
  const codes = codeMap([code('1', 1, 15), code('2', 2, 30), code('A', 0, null), code('1', 5, 15)]);
  const rules = { bookable: [], blocked: [] };

  it('gives each slot the template length, its code’s limit and bookability; the first duplicate code wins', () => {
    const slots = daySlots(
      { holiday: false, slotMinutes: 15, slots: [{ start: '2027-03-10T09:15:00-07:00', code: 'A' }, { start: '2027-03-10T09:00:00-07:00', code: '1' }] },
      codes, rules, 'America/Vancouver', 15,
    );
    expect(slots.map((s) => [toClinicIso(s.start, 'America/Vancouver'), toClinicIso(s.end, 'America/Vancouver'), s.bookingLimit, s.bookable])).toEqual([
      ['2027-03-10T09:00:00-07:00', '2027-03-10T09:15:00-07:00', 1, true],
      ['2027-03-10T09:15:00-07:00', '2027-03-10T09:30:00-07:00', 0, false],
    ]);
  });

  it('without a template length uses the code’s duration, else defaultSlotDuration', () => {
    const day = { holiday: false, slotMinutes: null, slots: [{ start: '2027-03-10T09:00:00-08:00', code: '2' }, { start: '2027-03-10T10:00:00-08:00', code: 'A' }] };
    const [withCode, without] = daySlots(day, codes, rules, 'America/Vancouver', 20);
    expect(withCode!.end.diff(withCode!.start, 'minutes').minutes).toBe(30);
    expect(without!.end.diff(without!.start, 'minutes').minutes).toBe(20);
  });

  it('a slot across the spring-forward gap lasts its real 15 minutes', () => {
    const [slot] = daySlots({ holiday: false, slotMinutes: 15, slots: [{ start: '2027-03-14T01:45:00-05:00', code: '1' }] }, codes, rules, 'America/Toronto', 15);
    expect(toClinicIso(slot!.end, 'America/Toronto')).toBe('2027-03-14T03:00:00-04:00');
  });

  it('a slot across the fall-back hour lasts its real 15 minutes', () => {
    const [slot] = daySlots({ holiday: false, slotMinutes: 15, slots: [{ start: '2027-11-07T01:45:00-04:00', code: '1' }] }, codes, rules, 'America/Toronto', 15);
    expect(toClinicIso(slot!.end, 'America/Toronto')).toBe('2027-11-07T01:00:00-05:00');
  });
});
