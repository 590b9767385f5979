import { describe, expect, it } from 'vitest';
import { statutoryHolidays, statutorySource } from './statutory-holidays.js';

describe('statutory holidays of a province', async () => {
  it("British Columbia's 2027: Family Day on the third Monday of February, BC Day, no Boxing Day", async () => {
    const bc = (await statutoryHolidays('BC', 2027))!;
    expect(bc).toContainEqual({ date: '2027-02-15', name: 'Family Day' });
    expect(bc).toContainEqual({ date: '2027-08-02', name: 'British Columbia Day' });
    expect(bc).toContainEqual({ date: '2027-11-11', name: 'Remembrance Day' });
    expect(bc.map((h) => h.date)).not.toContain('2027-12-26');
    expect(bc.map((h) => h.date)).toEqual([...bc.map((h) => h.date)].sort());
  });

  it("Ontario's 2027: Easter Monday and Boxing Day, no Remembrance Day; only public holidays", async () => {
    const on = (await statutoryHolidays('ON', 2027))!;
    expect(on).toContainEqual({ date: '2027-03-29', name: 'Easter Monday' });
    expect(on).toContainEqual({ date: '2027-12-26', name: 'Boxing Day' });
    expect(on.map((h) => h.date)).not.toContain('2027-11-11');
    // Valentine's Day is an observance in the library's calendar: not a day the clinic closes
    expect(on.map((h) => h.date)).not.toContain('2027-02-14');
  });

  it('says where an imported holiday came from, and knows no province it has no calendar for', async () => {
    expect(statutorySource('BC')).toBe('statutory:CA-BC');
    expect(await statutoryHolidays('XX', 2027)).toBeUndefined();
  });
});
