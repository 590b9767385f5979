import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { dayWanted, searchEnd, searchWindow, startWanted } from './search-filters.js';
import { SchedulingError } from './scheduling-errors.js';

const zone = 'America/Vancouver';
const today = '2027-03-12';

describe('searchWindow: the caller’s filters in the clinic’s zone', () => {
  it.each([
    ['no dates: from today, no end', {}, today, null],
    ['a past start date is clamped to today', { startDate: '2025-01-01' }, today, null],
    ['a past end date is clamped to today too', { startDate: '2025-01-01', endDate: '2025-01-31' }, today, today],
    ['future dates are kept', { startDate: '2027-03-20', endDate: '2027-03-27' }, '2027-03-20', '2027-03-27'],
    ['a start given as an instant takes its clinic date', { startDate: '2027-03-16T06:30:00Z' }, '2027-03-15', null],
  ])('%s', (_label, filters, from, to) => {
    const window = searchWindow(filters, zone, today);
    expect(window.from).toBe(from);
    expect(window.to).toBe(to);
  });

  it('refuses what cannot be read, naming the argument', () => {
    const refuse = (filters: object, field: string) => {
      try {
        searchWindow(filters, zone, today);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(SchedulingError);
        expect((error as SchedulingError).schedulingCode).toBe('INVALID_ARGUMENTS');
        expect((error as SchedulingError).fieldErrors[0]?.field).toBe(field);
      }
    };
    refuse({ startDate: 'next tuesday' }, 'startDate');
    refuse({ startDate: '2027-03-20', endDate: '2027-03-18' }, 'endDate');
    refuse({ timeOfDay: 'night' }, 'timeOfDay');
    refuse({ daysOfWeek: [0] }, 'daysOfWeek');
    refuse({ excludeStartTimes: ['9am'] }, 'excludeStartTimes');
  });

  it('filters days by ISO weekday (1 = Monday … 7 = Sunday)', () => {
    const window = searchWindow({ daysOfWeek: [1, 3] }, zone, today);
    expect(['2027-03-15', '2027-03-16', '2027-03-17', '2027-03-21'].filter((d) => dayWanted(d, window))).toEqual(['2027-03-15', '2027-03-17']);
  });

  it('filters starts by time of day and by the starts already turned down', () => {
    const window = searchWindow({ timeOfDay: 'afternoon', excludeStartTimes: ['2027-03-15T13:00:00-07:00'] }, zone, today);
    const at = (hhmm: string) => DateTime.fromISO(`2027-03-15T${hhmm}`, { zone });
    expect(['11:45', '12:00', '13:00', '13:15', '17:00'].filter((t) => startWanted(at(t), window))).toEqual(['12:00', '13:15']);
  });

  it('a start date with a time excludes earlier starts that day', () => {
    const window = searchWindow({ startDate: '2027-03-15T14:00:00-07:00' }, zone, today);
    expect(startWanted(DateTime.fromISO('2027-03-15T13:45', { zone }), window)).toBe(false);
    expect(startWanted(DateTime.fromISO('2027-03-15T14:00', { zone }), window)).toBe(true);
  });

  it('searchEnd is the earlier of the caller’s end and the booking window', () => {
    expect(searchEnd(searchWindow({ endDate: '2027-03-20' }, zone, today), '2027-04-11')).toBe('2027-03-20');
    expect(searchEnd(searchWindow({}, zone, today), '2027-04-11')).toBe('2027-04-11');
  });
});
