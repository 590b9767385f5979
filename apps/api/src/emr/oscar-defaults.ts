import type { EmrProvider } from './emr-adapter.js';
import { ProviderStatus } from '../database/enums.js';

/**
 * OSCAR's default appointment statuses (oscardata.sql, AppointmentStatus, ApptStatusData). The
 * SOAP services expose none, so a config pull records these. Case-sensitive; `C` is cancelled.
 */
export const OSCAR_DEFAULT_STATUSES: ReadonlyArray<{ code: string; description: string; active: boolean }> = [
  { code: 't', description: 'To Do', active: true },
  { code: 'T', description: 'Daysheet Printed', active: true },
  { code: 'H', description: 'Here', active: true },
  { code: 'P', description: 'Picked', active: true },
  { code: 'E', description: 'Empty Room', active: true },
  { code: 'N', description: 'No Show', active: true },
  { code: 'C', description: 'Cancelled', active: true },
  { code: 'B', description: 'Billed', active: true },
  { code: 'a', description: 'Customized 1', active: true },
  { code: 'b', description: 'Customized 2', active: true },
  { code: 'c', description: 'Customized 3', active: true },
  { code: 'd', description: 'Customized 4', active: true },
  { code: 'e', description: 'Customized 5', active: true },
];

/**
 * The `clinic_providers` fields a sync takes from the EMR: `always` on every sync (names, status,
 * and specialty/email when the EMR has them; the status comes from `syncedStatus`), `onCreate` only for a new row (title and contact
 * details the clinic may then edit).
 */
export function providerFields(provider: EmrProvider): {
  always: { firstName: string; lastName: string; specialty?: string; email?: string };
  onCreate: { title: string; phone: string | null };
} {
  const always: ReturnType<typeof providerFields>['always'] = {
    firstName: provider.firstName ?? '',
    lastName: provider.lastName ?? provider.providerNo,
  };
  if (provider.specialty) always.specialty = provider.specialty;
  if (provider.email) always.email = provider.email;
  const title = provider.title ?? (provider.providerType === 'doctor' || !provider.providerType ? 'Dr.' : '');
  return { always, onCreate: { title, phone: provider.workPhone ?? provider.phone } };
}

/** The EMR decides active/inactive; a clinic's own "on leave" survives a sync while the EMR says active. */
export function syncedStatus(provider: EmrProvider, current: ProviderStatus | undefined): ProviderStatus {
  if (!provider.active) return ProviderStatus.Inactive;
  return current === ProviderStatus.OnLeave ? ProviderStatus.OnLeave : ProviderStatus.Active;
}
