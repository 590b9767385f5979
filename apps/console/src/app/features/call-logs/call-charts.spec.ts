import { describe, expect, it } from 'vitest';
import { busiestSentence, dayLabel, heatMap, hourLabel, outcomeSeries, transferReasonLabel } from './call-charts';

describe('call charts in words', () => {
  it('reads transfer reasons as words, never codes', () => {
    expect(transferReasonLabel('record_not_found')).toBe('Record not found');
    expect(transferReasonLabel('billing question')).toBe('Billing question');
    expect(transferReasonLabel('other')).toBe('Other reasons');
    expect(transferReasonLabel(null)).toBe('No reason given');
  });

  it('labels hours and days as people read them, a day never shifted by the viewer’s zone', () => {
    expect([0, 9, 12, 17].map(hourLabel)).toEqual(['12 am', '9 am', '12 pm', '5 pm']);
    expect(dayLabel('2026-11-01')).toBe('Nov 1');
  });

  it('keeps only the outcomes that happened, in words', () => {
    expect(outcomeSeries([{ value: 'booked', count: 3 }, { value: 'no_action', count: 1 }, { value: 'waitlisted', count: 0 }, { value: null, count: 2 }])).toEqual({
      labels: ['Booked', 'No action', 'No outcome recorded'],
      values: [3, 1, 2],
    });
  });

  it('finds the busiest weekday and hour for the heat map and says it', () => {
    const cells = [{ weekday: 1, hour: 9, calls: 4 }, { weekday: 3, hour: 14, calls: 7 }, { weekday: 7, hour: 1, calls: 0 }];
    const map = heatMap(cells);
    expect(map.max).toBe(7);
    expect(map.cells[1]).toEqual({ x: 14, y: 3, v: 7 });
    expect(busiestSentence(map.busiest)).toBe('Busiest: Wednesdays from 2 pm to 3 pm (7 calls).');
    expect(busiestSentence(heatMap([{ weekday: 1, hour: 1, calls: 0 }]).busiest)).toBe('No calls in these days.');
  });
});
