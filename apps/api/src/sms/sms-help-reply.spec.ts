import { describe, expect, it } from 'vitest';
import { helpReplyText } from './sms-help-reply.js';
import { keywordOf } from './sms-webhook-events.js';

describe('the answer to HELP', () => {
  it('says who is texting, whom to call and how to stop, as carriers require — in one SMS', () => {
    const text = helpReplyText({ clinicName: 'Maple Clinic', contactPhone: '+16045550100' }, 'en');
    expect(text).toBe('Maple Clinic: appointment texts. For help, call +1 604-555-0100. Reply STOP to opt out, START to opt back in. Msg & data rates may apply.');
    expect(text.length).toBeLessThanOrEqual(160);
  });

  it('answers in Chinese to 帮助, and without a number says to call the clinic', () => {
    expect(helpReplyText({ clinicName: 'Maple Clinic', contactPhone: '+16045550100' }, 'zh')).toBe(
      'Maple Clinic：预约确认短信。如需帮助，请致电+1 604-555-0100。回复STOP或退订可停止接收，回复START可恢复。可能产生短信和数据费用。',
    );
    expect(helpReplyText({ clinicName: 'Maple Clinic', contactPhone: null }, 'en')).toContain('For help, call the clinic.');
  });

  it('HELP, INFO and 帮助 are whole messages in any case; a sentence with “help” in it is not the keyword', () => {
    expect(keywordOf(' help ', null)).toEqual({ kind: 'help', word: 'HELP', lang: 'en' });
    expect(keywordOf('Info', null)).toEqual({ kind: 'help', word: 'INFO', lang: 'en' });
    expect(keywordOf('帮助', null)).toEqual({ kind: 'help', word: '帮助', lang: 'zh' });
    expect(keywordOf('can you help me', null)).toBeNull();
    expect(keywordOf('?', 'HELP')).toEqual({ kind: 'help', word: 'HELP', lang: 'en' });
  });
});
