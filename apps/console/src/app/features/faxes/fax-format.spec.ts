import { describe, expect, it } from 'vitest';
import { FAX_STATUS_LABELS, label, percent } from './fax-format';

describe('fax inbox wording', () => {
  it('shows confidences as whole percents and unknown values as a dash', () => {
    expect(percent(0.925)).toBe('93 %');
    expect(percent(1)).toBe('100 %');
    expect(percent(null)).toBe('—');
    expect(label(FAX_STATUS_LABELS, 'needs_review')).toBe('Needs review');
    expect(label(FAX_STATUS_LABELS, null)).toBe('—');
  });
});
