import { describe, expect, it } from 'vitest';
import { bookingMinutes, isNewPatient, notesWithVisit, slotsNeeded, visitMinutesOf } from './booking-length.js';

describe('slotsNeeded: max(⌈duration / slot⌉, ⌊(duration + buffer) / slot⌋)', () => {
  it.each([
    // SPEC §5, literally: 15 + 5 min on a 15-min grid takes one slot, on a 5-min grid four
    [15, 5, 15, 1],
    [15, 5, 5, 4],
    [15, 0, 15, 1],
    [30, 5, 15, 2],
    [20, 0, 15, 2],
    [15, 15, 15, 2],
    [10, 5, 10, 1],
    [10, 10, 10, 2],
    [45, 5, 15, 3],
    [30, 5, 30, 1],
    [60, 0, 60, 1],
    [30, 5, 10, 3],
    [30, 10, 10, 4],
    [15, 5, 30, 1],
  ])('%i min + %i buffer on a %i-min grid takes %i slot(s)', (duration, buffer, slot, expected) => {
    expect(slotsNeeded(duration, buffer, slot)).toBe(expected);
  });

  it('never asks for less than one slot, whatever it is given', () => {
    expect(slotsNeeded(0, 5, 15)).toBe(1);
    expect(slotsNeeded(15, -5, 15)).toBe(1);
    expect(slotsNeeded(15, 5, 0)).toBe(1);
  });
});

describe('bookingMinutes', () => {
  const rules = { newPatientRequiresLongerSlot: true, newPatientMinDuration: 30, bufferTime: 5 };
  it.each([
    [15, false, rules, 15],
    [15, true, rules, 30],
    [45, true, rules, 45],
    [15, true, { ...rules, newPatientRequiresLongerSlot: false }, 15],
  ])('a %i-min type for a new patient=%s lasts the expected minutes', (type, isNew, r, expected) => {
    expect(bookingMinutes(type, isNew, r)).toBe(expected);
  });
});

describe('isNewPatient', () => {
  const now = new Date('2027-03-12T16:00:00Z');
  it.each([
    ['no chart at all', null, true],
    ['a chart with no appointments', [], true],
    ['a chart whose only past appointment was cancelled', [{ start: '2027-01-10T09:00:00-08:00', cancelled: true }], true],
    ['a chart with only a future appointment', [{ start: '2027-04-10T09:00:00-07:00', cancelled: false }], true],
    ['a chart with an earlier kept appointment', [{ start: '2026-12-01T09:00:00-08:00', cancelled: false }], false],
  ])('%s → %s', (_label, appointments, expected) => {
    expect(isNewPatient(appointments, now)).toBe(expected);
  });
});

describe('the visit inside a held block (notesWithVisit, visitMinutesOf)', () => {
  const booked = 'Booked by phone (VoiceDesk call c1)';

  it('notes a block longer than its visit, and reads the visit back from it', () => {
    const notes = notesWithVisit(booked, 15, 20)!;
    expect(notes).toBe('Booked by phone (VoiceDesk call c1) Visit 15 min; 20 min held.');
    expect(visitMinutesOf({ durationMinutes: 20, notes })).toBe(15);
  });

  it('adds nothing when only the visit is held, and replaces an earlier note instead of adding a second', () => {
    expect(notesWithVisit(booked, 15, 15)).toBe(booked);
    expect(notesWithVisit(`${booked} Visit 15 min; 20 min held.`, 15, 15)).toBe(booked);
    expect(notesWithVisit(`${booked} Visit 15 min; 20 min held.`, 15, 30)).toBe(`${booked} Visit 15 min; 30 min held.`);
    expect(notesWithVisit(null, 15, 20)).toBe('Visit 15 min; 20 min held.');
  });

  it('leaves notes alone (undefined) when the note would not fit OSCAR’s 255 characters', () => {
    expect(notesWithVisit('x'.repeat(240), 15, 20)).toBeUndefined();
  });

  it('an appointment without the note, or whose length the front desk changed since, is all visit', () => {
    expect(visitMinutesOf({ durationMinutes: 30, notes: 'Booked at the desk' })).toBe(30);
    expect(visitMinutesOf({ durationMinutes: 30, notes: null })).toBe(30);
    expect(visitMinutesOf({ durationMinutes: 30, notes: `${booked} Visit 15 min; 20 min held.` })).toBe(30);
  });
});
