import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { dayClosedReason, earliestBookableInstant, lastBookableDate, openingHours, withinHours, type DayRules } from './booking-window.js';

// 2027-03-12 is a Friday
const weekdays = openingHours([0, 1, 2, 3, 4, 5, 6].map((dayOfWeek) => ({
  dayOfWeek,
  openTime: dayOfWeek >= 1 && dayOfWeek <= 5 ? '09:00' : dayOfWeek === 6 ? '10:00' : null,
  closeTime: dayOfWeek >= 1 && dayOfWeek <= 5 ? '17:00' : dayOfWeek === 6 ? '14:00' : null,
  isClosed: dayOfWeek === 0,
})));
const rules: DayRules = {
  today: '2027-03-12',
  hours: weekdays,
  holidays: new Set(['2027-03-17']),
  allowSameDayBooking: true,
  allowWeekendBooking: false,
  maxAdvanceBookingDays: 30,
};

describe('dayClosedReason', () => {
  it.each<[string, string, Partial<DayRules>, string | null]>([
    ['today, same-day allowed', '2027-03-12', {}, null],
    ['today, same-day switched off', '2027-03-12', { allowSameDayBooking: false }, 'same_day'],
    ['yesterday', '2027-03-11', {}, 'past'],
    ['Saturday, weekend switched off', '2027-03-13', {}, 'weekend'],
    ['Saturday, weekend switched on (open 10–14)', '2027-03-13', { allowWeekendBooking: true }, null],
    ['Sunday, weekend on but the clinic closed (day_of_week 0)', '2027-03-14', { allowWeekendBooking: true }, 'closed'],
    ['a clinic holiday', '2027-03-17', {}, 'holiday'],
    ['exactly maxAdvanceBookingDays ahead (31 days, a Monday)', '2027-04-12', { maxAdvanceBookingDays: 31 }, null],
    ['one day beyond maxAdvanceBookingDays', '2027-04-12', {}, 'beyond_window'],
    ['a provider override of 7 days', '2027-03-22', { maxAdvanceBookingDays: 7 }, 'beyond_window'],
  ])('%s → %s', (_label, date, override, expected) => {
    expect(dayClosedReason(date, { ...rules, ...override })).toBe(expected);
  });

  it('reads a closed row, a missing time, or close before open as closed', () => {
    const hours = openingHours([
      { dayOfWeek: 1, openTime: '09:00', closeTime: '17:00', isClosed: true },
      { dayOfWeek: 2, openTime: null, closeTime: '17:00', isClosed: false },
      { dayOfWeek: 3, openTime: '17:00', closeTime: '09:00', isClosed: false },
      { dayOfWeek: 4, openTime: '08:30', closeTime: '12:00', isClosed: false },
    ]);
    expect([...hours.keys()]).toEqual([4]);
    expect(hours.get(4)).toEqual({ open: 510, close: 720 });
  });
});

describe('windows in time', () => {
  const zone = 'America/Toronto';
  const at = (iso: string) => DateTime.fromISO(iso, { zone });

  it('lastBookableDate is today + maxAdvanceBookingDays', () => {
    expect(lastBookableDate('2027-03-12', 30)).toBe('2027-04-11');
    expect(lastBookableDate('2027-03-12', 0)).toBe('2027-03-12');
  });

  it('earliestBookableInstant adds minAdvanceBookingHours in real hours across spring-forward', () => {
    expect(earliestBookableInstant(at('2027-03-14T01:00'), 2).toISO()).toBe('2027-03-14T04:00:00.000-04:00');
  });

  it.each([
    ['09:00', '09:15', true],
    ['08:45', '09:00', false],
    ['16:45', '17:00', true],
    ['16:45', '17:15', false],
  ])('%s–%s inside 09:00–17:00: %s', (start, end, expected) => {
    expect(withinHours(at(`2027-03-15T${start}`), at(`2027-03-15T${end}`), '2027-03-15', { open: 540, close: 1020 })).toBe(expected);
  });

  it('an end past midnight is past closing time', () => {
    expect(withinHours(at('2027-03-15T23:45'), at('2027-03-16T00:15'), '2027-03-15', { open: 0, close: 1440 })).toBe(false);
  });
});
