import { describe, expect, it } from 'vitest';
import { bookingMinutes, isNewPatient, slotsNeeded } from './booking-length.js';

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
