import { describe, expect, it } from 'vitest';
import { constraintMessage, fieldLabel, phoneMessage } from './field-words.js';

describe('field messages in words', () => {
  it('names a field by its label, nested or listed, never by its key', () => {
    expect(fieldLabel('voice.defaultLanguage').label).toBe('Default language');
    expect(fieldLabel('items.3.closeTime').label).toBe('Closing time');
    expect(fieldLabel('somethingNewHere').label).toBe('Something new here');
  });

  it('says a bound with its unit, in the form’s own phrase when it has one', () => {
    expect(constraintMessage('retention.transcriptRetentionDays', 'max', [3650])).toBe('Keep transcripts for at most 3650 days');
    expect(constraintMessage('retention.transcriptRetentionDays', 'min', [1])).toBe('Keep transcripts for at least 1 day');
    expect(constraintMessage('scheduling.bufferTime', 'max', [120])).toBe('Buffer between appointments must be at most 120 minutes');
    expect(constraintMessage('firstName', 'maxLength', [100])).toBe('First name can be at most 100 characters long');
  });

  it('one wording for every phone number', () => {
    expect(constraintMessage('clinicalControl.transferPhoneNumber', 'isPhone')).toBe(phoneMessage('Transfer calls to'));
    expect(phoneMessage('Phone number')).toBe('Phone number: enter the number with its country code, e.g. +1 604 555 0142');
  });

  it('lists the choices of an enum, and still says something for a rule it does not know', () => {
    expect(constraintMessage('role', 'isEnum', [{ A: 'platform_admin', B: 'clinic_manager' }, ['platform_admin', 'clinic_manager']])).toBe(
      'Role must be one of: platform_admin, clinic_manager',
    );
    expect(constraintMessage('slug', 'someNewRule')).toBe('Slug is not valid');
  });
});
