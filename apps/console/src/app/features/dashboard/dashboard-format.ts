import type { DashboardClinicDto, EmrHealthDto } from '@voicedesk/api-client';
import { transferReasonLabel } from '../call-logs/call-charts';

/** The EMR connection in words, with when it last answered. */
export function emrHealthLabel(emr: EmrHealthDto): string {
  if (emr.state === 'not_configured') return 'Not set up';
  if (emr.state === 'failing') return 'Not connected: test the connection in Clinic settings';
  return 'Connected';
}

/** `6 of 8 done`, or `Complete` once onboarding was completed. */
export function onboardingLabel(row: Pick<DashboardClinicDto, 'onboarding'>): string {
  return row.onboarding.completedAt ? 'Complete' : `${row.onboarding.flagsDone} of ${row.onboarding.flagsTotal} done`;
}

/** `Billing question (2), Record not found (1)`, or a dash. */
export function reasonsLabel(row: Pick<DashboardClinicDto, 'topTransferReasons'>): string {
  return row.topTransferReasons.length ? row.topTransferReasons.map((r) => `${transferReasonLabel(r.value)} (${r.count})`).join(', ') : '—';
}
