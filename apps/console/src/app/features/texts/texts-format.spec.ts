import { describe, expect, it } from 'vitest';
import { languageLabel, statusTone, textKindLabel, textReason } from './texts-format';

describe('the clinic’s texts in people’s words', () => {
  it('names what each text was about, and the replies', () => {
    expect(textKindLabel({ direction: 'outbound', kind: 'book' })).toBe('Booking confirmed');
    expect(textKindLabel({ direction: 'outbound', kind: 'help' })).toBe('Answer to HELP');
    expect(textKindLabel({ direction: 'inbound', kind: null })).toBe('Reply from the patient');
    expect(languageLabel('zh')).toBe('Chinese');
    expect(languageLabel(null)).toBe('—');
  });

  it('says why a text did not go out, and that one still sending will be tried again', () => {
    expect(textReason({ status: 'failed', reasonText: 'The caller did not agree to a text in this call' })).toBe('The caller did not agree to a text in this call');
    expect(textReason({ status: 'sending', reasonText: 'The carrier did not answer in time' })).toBe('Trying again: The carrier did not answer in time');
    expect(textReason({ status: 'delivered', reasonText: null })).toBe('');
  });

  it('marks texts that did not go out or arrive for attention', () => {
    expect(statusTone('failed')).toBe('attention');
    expect(statusTone('undeliverable')).toBe('attention');
    expect(statusTone('delivered')).toBe('good');
    expect(statusTone('queued')).toBeNull();
  });
});
