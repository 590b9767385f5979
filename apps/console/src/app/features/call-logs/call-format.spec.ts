import { describe, expect, it } from 'vitest';
import { CALL_OUTCOME_LABELS, NO_CALL_FILTER, apiDateProblems, callQuery, dateRangeProblems, formatDuration, isFiltered, onlyAboutDays, percent, toBars } from './call-format';

describe('call log formatting', () => {
  const none = { clinicId: 'c1', ...NO_CALL_FILTER };

  it('leaves empty filters out of the query and turns "transferred" into a boolean', () => {
    expect(callQuery(none)).toEqual({ clinicId: 'c1', from: undefined, to: undefined, outcome: undefined, intent: undefined, language: undefined, transferred: undefined });
    expect(callQuery({ ...none, from: '2026-11-01', to: '2026-11-30', outcome: 'booked', intent: 'book', language: 'zh', transferred: 'no' })).toEqual({
      clinicId: 'c1', from: '2026-11-01', to: '2026-11-30', outcome: 'booked', intent: 'book', language: 'zh', transferred: false,
    });
    expect(callQuery({ ...none, transferred: 'yes' }).transferred).toBe(true);
    expect(isFiltered(none)).toBe(false);
    expect(isFiltered({ ...none, language: 'en' })).toBe(true);
  });

  it('writes durations as a clock, and rates as percentages', () => {
    expect(formatDuration(245)).toBe('4:05');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(null)).toBe('—');
    expect(percent(0.254)).toBe('25%');
    expect(percent(null)).toBe('—');
  });

  it('scales bars to the largest count and names calls that never said', () => {
    const bars = toBars([{ value: 'booked', count: 4 }, { value: 'transferred', count: 1 }, { value: 'cancelled', count: 0 }, { value: null, count: 2 }], CALL_OUTCOME_LABELS);
    expect(bars).toEqual([
      { label: 'Booked', count: 4, width: 100 },
      { label: 'Transferred', count: 1, width: 25 },
      { label: 'Cancelled', count: 0, width: 0 },
      { label: 'Not said', count: 2, width: 50 },
    ]);
    expect(toBars([{ value: 'booked', count: 0 }], CALL_OUTCOME_LABELS)[0].width).toBe(0);
  });
});

describe('the days of the call filters', () => {
  it('flags From and To when From is after To, and nothing otherwise', () => {
    expect(dateRangeProblems('2026-11-20', '2026-11-01')).toEqual({ from: expect.stringContaining('on or before'), to: expect.stringContaining('on or after') });
    expect(dateRangeProblems('2026-11-01', '2026-11-01')).toEqual({});
    expect(dateRangeProblems('', '2026-11-01')).toEqual({});
  });

  it('takes the API’s 400 about the days to the fields, and leaves any other answer to the page', () => {
    const days = { status: 400, fieldErrors: { from: 'the range may span at most 366 days' } };
    expect(apiDateProblems(days)).toEqual({ from: 'the range may span at most 366 days' });
    expect(onlyAboutDays(days)).toBe(true);
    const other = { status: 400, fieldErrors: { from: 'x', outcome: 'y' } };
    expect(onlyAboutDays(other)).toBe(false);
    expect(apiDateProblems({ status: 500, fieldErrors: { from: 'x' } })).toEqual({});
    expect(onlyAboutDays(null)).toBe(false);
  });
});
