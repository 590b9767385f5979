/**
 * A clinic's lifecycle, shared by the API (which enforces it) and the console (which offers only
 * the moves it allows). A clinic starts `pending`; it goes live only through onboarding and the
 * platform admin's activation (`POST /api/clinics/{id}/activate`, which checks the checklist, the
 * Vapi number and the test call); once live it is switched `inactive` and back `active` by a PATCH.
 * A PATCH never turns a pending clinic on, never sends a clinic back to `pending`, and never shelves
 * a pending clinic (it would then come back `active` by PATCH without its go-live checks).
 */
export type ClinicLifecycleStatus = 'pending' | 'active' | 'inactive';

const PATCH_MOVES: Readonly<Record<ClinicLifecycleStatus, readonly ClinicLifecycleStatus[]>> = {
  pending: [],
  active: ['inactive'],
  inactive: ['active'],
};

/** The statuses a PATCH may set on a clinic that is `from` (not counting `from` itself). */
export function clinicStatusPatchMoves(from: ClinicLifecycleStatus): readonly ClinicLifecycleStatus[] {
  return PATCH_MOVES[from] ?? [];
}

/** Why a PATCH may not move a clinic from `from` to `to`, in words for a person; null when it may. */
export function clinicStatusMoveRefusal(from: ClinicLifecycleStatus, to: ClinicLifecycleStatus): string | null {
  if (from === to || clinicStatusPatchMoves(from).includes(to)) return null;
  if (from === 'pending' && to === 'active') {
    return 'A pending clinic goes live only through activation (POST /api/clinics/{clinicId}/activate), once onboarding is complete, its Vapi number is assigned and a test call has passed';
  }
  if (from === 'pending') return 'A pending clinic keeps its status until it is activated; turn its voice agent off instead';
  return `A clinic that has gone live moves only between active and inactive; it cannot become ${to} again`;
}
