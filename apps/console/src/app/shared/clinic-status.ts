import type { ClinicStatus } from '@voicedesk/api-client';

/** How a clinic's status reads in the console. */
export const CLINIC_STATUS_LABELS: Readonly<Record<ClinicStatus, string>> = { active: 'Active', pending: 'Pending', inactive: 'Inactive' };

export function clinicStatusLabel(status: ClinicStatus): string {
  return CLINIC_STATUS_LABELS[status] ?? status;
}
