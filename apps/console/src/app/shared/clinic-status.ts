import type { ClinicStatus } from '@voicedesk/api-client';
import { clinicStatusPatchMoves } from '../../../../../libs/shared/src/clinic-lifecycle';

/** How a clinic's status reads in the console. */
export const CLINIC_STATUS_LABELS: Readonly<Record<ClinicStatus, string>> = { active: 'Active', pending: 'Pending', inactive: 'Inactive' };

export function clinicStatusLabel(status: ClinicStatus): string {
  return CLINIC_STATUS_LABELS[status] ?? status;
}

/**
 * The statuses the status field offers for a clinic that is `current`: its own and the moves an
 * edit may make (the API's lifecycle, libs/shared). A pending clinic has none: it goes live
 * through onboarding and activation.
 */
export function clinicStatusChoices(current: ClinicStatus): Array<[ClinicStatus, string]> {
  return [current, ...clinicStatusPatchMoves(current)].map((s) => [s, clinicStatusLabel(s)]);
}
