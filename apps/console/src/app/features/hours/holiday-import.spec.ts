import { describe, expect, it } from 'vitest';
import { holidaySourceLabel, importSummary } from './holiday-import';

describe('statutory holiday import wording', () => {
  it('says where a holiday came from', () => {
    expect(holidaySourceLabel('statutory:CA-BC')).toBe('Statutory (BC)');
    expect(holidaySourceLabel('manual')).toBe('Added by hand');
  });

  it('says how many were added and how many dates were already listed', () => {
    expect(importSummary(2027, 10, 0)).toBe('Added 10 statutory holidays for 2027.');
    expect(importSummary(2027, 9, 1)).toBe('Added 9 statutory holidays for 2027; 1 date was already listed and kept as it was.');
    expect(importSummary(2027, 0, 10)).toBe('Added no holidays for 2027; 10 dates were already listed and kept as they were.');
    expect(importSummary(2028, 1, 0)).toBe('Added 1 statutory holiday for 2028.');
  });
});
