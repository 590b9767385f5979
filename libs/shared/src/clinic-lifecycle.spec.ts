import { describe, expect, it } from 'vitest';
import { clinicStatusMoveRefusal, clinicStatusPatchMoves } from './clinic-lifecycle.js';

describe('clinic lifecycle', () => {
  it('a live clinic is switched off and on again; a pending one has no move by PATCH', () => {
    expect(clinicStatusPatchMoves('active')).toEqual(['inactive']);
    expect(clinicStatusPatchMoves('inactive')).toEqual(['active']);
    expect(clinicStatusPatchMoves('pending')).toEqual([]);
  });

  it('refuses to turn a pending clinic on, naming activation', () => {
    expect(clinicStatusMoveRefusal('pending', 'active')).toContain('/activate');
    expect(clinicStatusMoveRefusal('pending', 'inactive')).toMatch(/until it is activated/);
    expect(clinicStatusMoveRefusal('active', 'pending')).toMatch(/between active and inactive/);
    expect(clinicStatusMoveRefusal('inactive', 'pending')).toMatch(/between active and inactive/);
  });

  it('lets a status stay as it is and a live clinic move between active and inactive', () => {
    for (const s of ['pending', 'active', 'inactive'] as const) expect(clinicStatusMoveRefusal(s, s)).toBeNull();
    expect(clinicStatusMoveRefusal('active', 'inactive')).toBeNull();
    expect(clinicStatusMoveRefusal('inactive', 'active')).toBeNull();
  });
});
