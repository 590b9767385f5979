import { describe, expect, it } from 'vitest';
import { clinicStatusChoices } from './clinic-status';

describe('the clinic status field', () => {
  it('offers a pending clinic nothing but pending: it goes live through activation', () => {
    expect(clinicStatusChoices('pending')).toEqual([['pending', 'Pending']]);
  });

  it('offers a live clinic the switch between active and inactive, never pending', () => {
    expect(clinicStatusChoices('active')).toEqual([
      ['active', 'Active'],
      ['inactive', 'Inactive'],
    ]);
    expect(clinicStatusChoices('inactive')).toEqual([
      ['inactive', 'Inactive'],
      ['active', 'Active'],
    ]);
  });
});
