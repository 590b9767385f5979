import { describe, expect, it } from 'vitest';
import { SMS_GUARDS, firstFailedGuard, isTextablePhone, type GuardInput } from './sms-guards.js';

describe('the guard chain of a text', () => {
  const ok: GuardInput = { telnyxApiKeyConfigured: true, senderNumber: '+16045550199', consent: true, optedOut: false, toE164: '+16045551234', smsEnabled: true };
  const allFailing: GuardInput = { telnyxApiKeyConfigured: false, senderNumber: null, consent: false, optedOut: true, toE164: '+18005551234', smsEnabled: false };

  it('runs in the order of seed 003 — API key, sender, consent (and STOP), caller’s number, SMS on — and records the first that fails', () => {
    expect(SMS_GUARDS.map((g) => g.reason)).toEqual(['telnyx_not_configured', 'no_sender_number', 'no_consent', 'opted_out', 'invalid_phone', 'sms_disabled']);
    // every guard failing: the reason is the first one's; fixing it uncovers the next, and so on down the chain
    const fixes: Partial<GuardInput>[] = [{ telnyxApiKeyConfigured: true }, { senderNumber: '+16045550199' }, { consent: true }, { optedOut: false }, { toE164: '+16045551234' }, { smsEnabled: true }];
    const reasons: (string | null)[] = [];
    let input = allFailing;
    for (const fix of fixes) {
      reasons.push(firstFailedGuard(input));
      input = { ...input, ...fix };
    }
    reasons.push(firstFailedGuard(input));
    expect(reasons).toEqual(['telnyx_not_configured', 'no_sender_number', 'no_consent', 'opted_out', 'invalid_phone', 'sms_disabled', null]);
  });

  it('names the one guard that fails when the others hold', () => {
    expect(firstFailedGuard(ok)).toBeNull();
    expect(firstFailedGuard({ ...ok, telnyxApiKeyConfigured: false })).toBe('telnyx_not_configured');
    expect(firstFailedGuard({ ...ok, senderNumber: null })).toBe('no_sender_number');
    expect(firstFailedGuard({ ...ok, senderNumber: '604-555-0199' })).toBe('no_sender_number');
    expect(firstFailedGuard({ ...ok, consent: null })).toBe('no_consent');
    expect(firstFailedGuard({ ...ok, consent: false })).toBe('no_consent');
    expect(firstFailedGuard({ ...ok, optedOut: true })).toBe('opted_out');
    expect(firstFailedGuard({ ...ok, toE164: '+18005551234' })).toBe('invalid_phone');
    expect(firstFailedGuard({ ...ok, toE164: null })).toBe('invalid_phone');
    expect(firstFailedGuard({ ...ok, smsEnabled: false })).toBe('sms_disabled');
  });

  it('a reply to HELP needs a carrier, a sender and a textable number, but no consent, and goes out when texts are off or the number said STOP', () => {
    const help: GuardInput = { ...allFailing, purpose: 'help_reply', telnyxApiKeyConfigured: true, senderNumber: '+16045550199', toE164: '+16045551234' };
    expect(firstFailedGuard(help)).toBeNull();
    expect(firstFailedGuard({ ...help, telnyxApiKeyConfigured: false })).toBe('telnyx_not_configured');
    expect(firstFailedGuard({ ...help, senderNumber: null })).toBe('no_sender_number');
    expect(firstFailedGuard({ ...help, toE164: '+18885550142' })).toBe('invalid_phone');
  });
});

describe('which numbers can receive a text (libphonenumber-js, full metadata)', () => {
  it('texts mobiles, and North American numbers, which do not tell a mobile from a landline', () => {
    expect(isTextablePhone('+16045550142')).toBe(true); // Vancouver: FIXED_LINE_OR_MOBILE
    expect(isTextablePhone('+14165550199')).toBe(true); // Toronto
    expect(isTextablePhone('+447911123456')).toBe(true); // a UK mobile
  });

  it('does not text landlines that say so, toll-free numbers, impossible numbers or numbers not in E.164', () => {
    expect(isTextablePhone('+442079460958')).toBe(false); // a London landline
    expect(isTextablePhone('+18885550142')).toBe(false);
    expect(isTextablePhone('+18005551234')).toBe(false);
    expect(isTextablePhone('+16041110142')).toBe(false); // no exchange starts with 1
    expect(isTextablePhone('+15551234567')).toBe(false); // 555 is no area code
    expect(isTextablePhone('+1604555014')).toBe(false);
    expect(isTextablePhone('6045550142')).toBe(false);
  });
});
