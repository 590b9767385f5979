import { describe, expect, it } from 'vitest';
import { faxForm, toFaxUpdate } from './config-forms';

describe('fax inbox settings form', () => {
  const stored = { faxNumber: '+16045550188', faxArchiveDays: null, faxRetentionDays: 200, faxAutoMatchThreshold: 0.95, faxExtractionVendor: null };

  it('shows defaults as empty fields and saves them back as defaults (null); the number is shown as people read it and sent in E.164', () => {
    const form = faxForm(stored);
    expect(form).toEqual({ faxNumber: '+1 604-555-0188', faxArchiveDays: '', faxRetentionDays: '200', faxAutoMatchThreshold: '0.95', faxExtractionVendor: '' });
    expect(toFaxUpdate({ ...form, faxRetentionDays: '' }, true)).toEqual({
      fax: { faxArchiveDays: null, faxRetentionDays: null, faxAutoMatchThreshold: 0.95, faxNumber: '+16045550188', faxExtractionVendor: null },
    });
  });

  it('a clinic manager never sends the fax number or the outside reader (a platform admin’s fields)', () => {
    const update = toFaxUpdate({ ...faxForm(stored), faxExtractionVendor: 'openai', faxNumber: '+16045550000' }, false);
    expect(update).toEqual({ fax: { faxArchiveDays: null, faxRetentionDays: 200, faxAutoMatchThreshold: 0.95 } });
  });
});
