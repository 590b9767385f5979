import { describe, expect, it } from 'vitest';
import { calendarDate, CALENDAR_DATE_MESSAGE } from '../forms/calendar-date';
import { FormControl } from '@angular/forms';
import { formatDay, formatInstant, isCalendarDay } from './dates';
import { codeWords, VISIT_MODE_LABELS } from './words';
import { statusTone } from '../status-badge/status-tone';

describe('one way to write dates', () => {
  it('an instant the API sent with an offset is shown at that offset, the offset said', () => {
    expect(formatInstant('2026-11-20T10:04:11.000-08:00')).toBe('2026-11-20 10:04 (UTC−08:00)');
    expect(formatInstant('2026-07-01T09:30:00+05:30')).toBe('2026-07-01 09:30 (UTC+05:30)');
    expect(formatInstant('2026-07-01T09:30:00+00:00')).toBe('2026-07-01 09:30 (UTC)');
  });

  it('a UTC instant is shown on this computer’s clock, YYYY-MM-DD HH:mm and the zone named', () => {
    expect(formatInstant('2026-11-20T18:04:11.000Z')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} \S+/);
  });

  it('nothing is a dash; a day stays a day', () => {
    expect(formatInstant(null)).toBe('—');
    expect(formatDay('2026-12-25')).toBe('2026-12-25');
    expect(formatDay('2026-12-25T23:30:00-08:00')).toBe('2026-12-25');
  });

  it('an impossible date is refused with a message, not emptied', () => {
    expect(isCalendarDay('2026-02-30')).toBe(false);
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-13-01')).toBe(false);
    const control = new FormControl('2026-02-30', calendarDate);
    expect(control.errors).toEqual({ calendarDate: true });
    expect(control.value).toBe('2026-02-30');
    expect(CALENDAR_DATE_MESSAGE).toMatch(/YYYY-MM-DD/);
    control.setValue('2026-02-28');
    expect(control.errors).toBeNull();
  });
});

describe('codes in words, statuses in one set of colours', () => {
  it('reads visit modes and reasons as a clinic says them', () => {
    expect(VISIT_MODE_LABELS.both).toBe('In person or virtual');
    expect(codeWords('follow_up')).toBe('Follow-up');
    expect(codeWords('allergy_shot')).toBe('Allergy shot');
  });

  it('gives a status the same tone wherever it appears', () => {
    expect(statusTone('pending')).toBe('attention');
    expect(statusTone('active')).toBe('good');
    expect(statusTone('failed')).toBe('bad');
    expect(statusTone('inactive')).toBe('neutral');
    expect(statusTone(undefined)).toBe('neutral');
  });
});
