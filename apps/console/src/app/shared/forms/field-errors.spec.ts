import { FormControl, FormGroup, Validators } from '@angular/forms';
import { describe, expect, it } from 'vitest';
import { toCreateClinic, toUpdateClinic } from '../../features/clinics/clinic-form';
import { applyFieldErrors, fieldError, formProblem, numberOrNull, textOrNull } from './field-errors';

describe('API messages beside their fields', () => {
  it('puts each message on its control (touched, so it shows) and answers the ones no control took', () => {
    const form = new FormGroup({ slug: new FormControl(''), bufferTime: new FormControl(5) });
    const left = applyFieldErrors({ slug: 'Another clinic already uses this slug', other: 'something else' }, (field) => form.get(field));
    expect(fieldError(form.get('slug'))).toBe('Another clinic already uses this slug');
    expect(form.get('slug')!.touched).toBe(true);
    expect(left).toEqual(['something else']);
    // typing again clears the API's message
    form.get('slug')!.setValue('new-slug');
    expect(fieldError(form.get('slug'))).toBe('');
  });

  it('falls back to the first failing local validator', () => {
    const control = new FormControl('', Validators.required);
    expect(fieldError(control, { required: 'Enter a name.' })).toBe('Enter a name.');
  });

  it('blank text and numbers are "not set"', () => {
    expect(textOrNull('  ')).toBeNull();
    expect(textOrNull(' a ')).toBe('a');
    expect(numberOrNull('')).toBeNull();
    expect(numberOrNull('12')).toBe(12);
    expect(numberOrNull('x')).toBeNull();
  });

  it('a new clinic’s body leaves blank optional fields out', () => {
    expect(
      toCreateClinic({ name: ' Dunbar ', slug: '', timezone: 'America/Vancouver', province: 'BC', phone: '604 555 0142', vapiPhone: '', address: '', city: 'Vancouver', postalCode: '' }),
    ).toEqual({ name: 'Dunbar', timezone: 'America/Vancouver', province: 'BC', phone: '604 555 0142', city: 'Vancouver' });
  });

  it('the sentence above a refused form: a plain one when every 400 message is beside its field, else the API’s', () => {
    const invalid = { status: 400, message: 'Closing time must be after opening time on Monday', fieldErrors: { 'items.1.closeTime': 'Closing time must be after opening time on Monday' } };
    expect(formProblem(invalid, [])).toBe('Some fields need a change: each says what to fix.');
    expect(formProblem(invalid, ['Closing time must be after opening time on Monday'])).toBe('Closing time must be after opening time on Monday');
    const taken = { status: 409, message: 'A user with this email already exists', fieldErrors: { email: 'Someone already signs in with this email' } };
    expect(formProblem(taken, [])).toBe('A user with this email already exists');
    const forbidden = { status: 403, message: 'Only a platform admin may change: OSCAR address', fieldErrors: { 'emr.oscarUrl': 'Only a platform admin may change this field' } };
    expect(formProblem(forbidden, [])).toBe('Only a platform admin may change: OSCAR address');
  });

  it('a clinic’s details: blanks clear the field; slug, receptionist number and status only in an admin’s body', () => {
    const value = {
      name: 'Dunbar', slug: 'dunbar', timezone: 'America/Vancouver', province: 'BC' as const, phone: '', vapiPhone: '+16045550100',
      address: '', city: 'Vancouver', postalCode: '', status: 'active' as const,
    };
    expect(toUpdateClinic(value, false)).toEqual({
      name: 'Dunbar', timezone: 'America/Vancouver', province: 'BC', phone: null, address: null, city: 'Vancouver', postalCode: null,
    });
    expect(toUpdateClinic(value, true)).toMatchObject({ slug: 'dunbar', vapiPhone: '+16045550100', status: 'active' });
  });
});

describe('a refused form shows every field’s message at once', () => {
  it('each of several server errors lands on its own control, nested and listed ones too', () => {
    const form = new FormGroup({
      phone: new FormControl(''),
      details: new FormGroup({ healthCardNumber: new FormControl(''), dateOfBirth: new FormControl('') }),
    });
    const left = applyFieldErrors(
      {
        phone: 'Phone number: enter the number with its country code, e.g. +1 604 555 0142',
        'details.healthCardNumber': 'Health card number is not a valid BC Personal Health Number: … check digit …',
        'details.dateOfBirth': 'Date of birth must be a real date written YYYY-MM-DD, e.g. 2026-12-25',
      },
      (field) => form.get(field),
    );
    expect(left).toEqual([]);
    expect(fieldError(form.get('phone'))).toMatch(/^Phone number: enter the number/);
    expect(fieldError(form.get('details.healthCardNumber'))).toMatch(/check digit/);
    expect(fieldError(form.get('details.dateOfBirth'))).toMatch(/^Date of birth must be a real date/);
    expect(form.invalid).toBe(true);
  });
});
