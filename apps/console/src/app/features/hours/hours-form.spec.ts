import { describe, expect, it } from 'vitest';
import { hoursRows, rowField, toHoursBody } from './hours-form';

const week = [0, 1, 2, 3, 4, 5, 6].map((dayOfWeek) =>
  dayOfWeek === 0 || dayOfWeek === 6
    ? { dayOfWeek, openTime: null, closeTime: null, isClosed: true }
    : { dayOfWeek, openTime: '09:00', closeTime: '17:00', isClosed: false },
);

describe('opening hours form', () => {
  it('shows the week Monday first, with empty times on closed days', () => {
    const rows = hoursRows(week);
    expect(rows.map((r) => r.dayOfWeek)).toEqual([1, 2, 3, 4, 5, 6, 0]);
    expect(rows[6]).toEqual({ dayOfWeek: 0, openTime: '', closeTime: '', isClosed: true });
  });

  it('sends seven rows in the form’s order, a closed day without times (even if some were typed)', () => {
    const rows = hoursRows(week);
    rows[0] = { ...rows[0], isClosed: true };
    const body = toHoursBody(rows);
    expect(body).toHaveLength(7);
    expect(body[0]).toEqual({ dayOfWeek: 1, openTime: null, closeTime: null, isClosed: true });
    expect(body[1]).toEqual({ dayOfWeek: 2, openTime: '09:00', closeTime: '17:00', isClosed: false });
  });

  it('reads the API’s field names of a row', () => {
    expect(rowField('items.0.closeTime')).toEqual({ row: 0, field: 'closeTime' });
    expect(rowField('items')).toBeNull();
    expect(rowField('name')).toBeNull();
  });
});
