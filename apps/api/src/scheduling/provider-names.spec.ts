import { describe, expect, it } from 'vitest';
import { editDistance, matchProviders, voiceName } from './provider-names.js';

const chen = { firstName: 'Amy', lastName: 'Chen', title: 'Dr.', displayName: null };
const patel = { firstName: 'Raj', lastName: 'Patel', title: 'Dr.', displayName: null };
const obrien = { firstName: 'Sarah', lastName: "O'Brien", title: 'Dr.', displayName: null };
const nakamura = { firstName: 'Grace', lastName: 'Nakamura', title: 'NP', displayName: 'Grace the nurse practitioner' };
const chen2 = { firstName: 'Bo', lastName: 'Chen', title: 'Dr.', displayName: null };
const all = [chen, patel, obrien, nakamura];

describe('voiceName', () => {
  it.each([
    [chen, 'Dr. Chen'],
    [nakamura, 'Grace the nurse practitioner'],
    [{ ...patel, title: '' }, 'Raj Patel'],
  ])('%o → %s', (provider, expected) => {
    expect(voiceName(provider)).toBe(expected);
  });
});

describe('matchProviders: what a caller said → a provider', () => {
  it.each([
    ['Dr. Chen', chen],
    ['doctor chen', chen],
    ['Amy Chen', chen],
    ['Amy', chen],
    ['Dr Chenn', chen],
    ['obrien', obrien],
    ["Dr. O'Brien", obrien],
    ['Nakamora', nakamura],
    ['Nurse Grace', nakamura],
    ['patel', patel],
  ])('%s', (spoken, expected) => {
    expect(matchProviders(spoken, all)).toEqual([expected]);
  });

  it('finds nobody for a name no provider has, or for a title alone', () => {
    expect(matchProviders('Dr. Smith', all)).toEqual([]);
    expect(matchProviders('the doctor', all)).toEqual([]);
  });

  it('returns both when two providers share the name said, and one when the first name tells them apart', () => {
    expect(matchProviders('Dr. Chen', [chen, chen2])).toEqual([chen, chen2]);
    expect(matchProviders('Bo Chen', [chen, chen2])).toEqual([chen2]);
  });

  it('editDistance is bounded', () => {
    expect(editDistance('chen', 'chenn')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('a', 'abcdefgh', 2)).toBe(3);
  });
});
