import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addDays, clinicDate, dateRange, hoursDayOfWeek, isoWeekday, isWeekend, parseClinicInstant, parseHhmm, timeOfDay, toClinicIso } from './clinic-time.js';

const VAN = 'America/Vancouver';

describe('timeOfDay: morning < 12:00 ≤ afternoon < 17:00 ≤ evening', () => {
  it.each([
    ['00:00', 'morning'],
    ['11:59', 'morning'],
    ['12:00', 'afternoon'],
    ['16:59', 'afternoon'],
    ['17:00', 'evening'],
    ['23:45', 'evening'],
  ])('%s is %s at the clinic', (hhmm, expected) => {
    expect(timeOfDay(DateTime.fromISO(`2027-03-15T${hhmm}`, { zone: VAN }))).toBe(expected);
  });

  it('reads the wall clock of the clinic, not of UTC', () => {
    // 18:30Z is 11:30 in Vancouver (PDT, -07:00)
    expect(timeOfDay(DateTime.fromISO('2027-03-15T18:30:00Z').setZone(VAN))).toBe('morning');
  });
});

describe('weekdays', () => {
  it.each([
    ['2027-03-14', 7, 0, true],
    ['2027-03-15', 1, 1, false],
    ['2027-03-19', 5, 5, false],
    ['2027-03-20', 6, 6, true],
  ])('%s: ISO %i, day_of_week %i (0 = Sunday), weekend %s', (date, iso, dow, weekend) => {
    expect(isoWeekday(date)).toBe(iso);
    expect(hoursDayOfWeek(date)).toBe(dow);
    expect(isWeekend(date)).toBe(weekend);
  });
});

describe('dates and instants in the clinic zone', () => {
  it('counts calendar days across a DST change', () => {
    expect(addDays('2027-03-13', 1)).toBe('2027-03-14');
    expect(dateRange('2027-03-13', '2027-03-15')).toEqual(['2027-03-13', '2027-03-14', '2027-03-15']);
    expect(dateRange('2027-03-15', '2027-03-13')).toEqual([]);
  });

  it('knows British Columbia stopped changing clocks after 8 March 2026 (tzdata 2026): no fall-back, no spring-forward', () => {
    expect(toClinicIso(parseClinicInstant('2026-03-06T09:00', VAN)!, VAN)).toBe('2026-03-06T09:00:00-08:00');
    expect(toClinicIso(parseClinicInstant('2026-03-09T09:00', VAN)!, VAN)).toBe('2026-03-09T09:00:00-07:00');
    expect(toClinicIso(parseClinicInstant('2026-11-10T09:00', VAN)!, VAN)).toBe('2026-11-10T09:00:00-07:00');
    expect(toClinicIso(parseClinicInstant('2027-01-10T09:00', VAN)!, VAN)).toBe('2027-01-10T09:00:00-07:00');
  });

  it('takes the clinic’s date, not UTC’s', () => {
    expect(clinicDate(new Date('2027-03-16T06:30:00Z'), VAN)).toBe('2027-03-15');
    expect(clinicDate(new Date('2027-03-16T06:30:00Z'), 'America/Toronto')).toBe('2027-03-16');
  });

  it('reads offsets as given and wall times as the clinic’s', () => {
    expect(toClinicIso(parseClinicInstant('2027-03-15T16:00:00Z', VAN)!, VAN)).toBe('2027-03-15T09:00:00-07:00');
    expect(toClinicIso(parseClinicInstant('2027-03-12T09:00', 'America/Toronto')!, 'America/Toronto')).toBe('2027-03-12T09:00:00-05:00');
    expect(toClinicIso(parseClinicInstant('2027-03-15T09:00', 'America/Toronto')!, 'America/Toronto')).toBe('2027-03-15T09:00:00-04:00');
    expect(parseClinicInstant('tomorrow at nine', VAN)).toBeNull();
    expect(parseClinicInstant('2027-03-15', VAN)).toBeNull();
  });

  it.each([
    ['09:00', 540],
    ['17:30', 1050],
    ['24:00', 1440],
    ['9:00', null],
    ['25:00', null],
    [null, null],
  ])('parseHhmm(%s) = %s', (text, expected) => {
    expect(parseHhmm(text)).toBe(expected);
  });
});
