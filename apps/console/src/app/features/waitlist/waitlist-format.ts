import type { CreateWaitlistEntryDto, WaitlistSource, WaitlistStatus } from '@voicedesk/api-client';
import { textOrNull } from '../../shared/forms/field-errors';

export const WAITLIST_STATUS_LABELS: Readonly<Record<WaitlistStatus, string>> = {
  pending: 'Pending', contacted: 'Contacted', registered: 'Registered', declined: 'Declined',
};

export const WAITLIST_SOURCE_LABELS: Readonly<Record<WaitlistSource, string>> = { voice: 'By phone (receptionist)', console: 'Added by staff' };

/**
 * The API's workflow (pending → contacted → registered or declined; a pending entry may also be
 * declined; registered and declined are final), so the screen offers only the moves it accepts.
 * The API still decides: a move made meanwhile by someone else answers 409, shown as it says.
 */
const NEXT: Readonly<Record<WaitlistStatus, readonly WaitlistStatus[]>> = {
  pending: ['contacted', 'declined'],
  contacted: ['registered', 'declined'],
  registered: [],
  declined: [],
};

export const STATUS_ACTIONS: Readonly<Record<WaitlistStatus, string>> = {
  pending: 'Back to pending', contacted: 'Mark contacted', registered: 'Mark registered', declined: 'Mark declined',
};

export function nextStatuses(status: WaitlistStatus): readonly WaitlistStatus[] {
  return NEXT[status] ?? [];
}

export interface WaitlistForm {
  firstName: string;
  lastName: string;
  phone: string;
  email: string;
  notes: string;
  details: { dateOfBirth: string; healthCardType: string; healthCardNumber: string; language: string };
}

/** The create request from the dialog: blanks are left out, details only when any was given. */
export function toCreateWaitlistEntry(form: WaitlistForm): CreateWaitlistEntryDto {
  const details = Object.fromEntries(
    Object.entries(form.details)
      .map(([key, value]) => [key, textOrNull(value)])
      .filter(([, value]) => value !== null),
  );
  return {
    firstName: form.firstName.trim(),
    lastName: form.lastName.trim(),
    phone: form.phone.trim(),
    email: textOrNull(form.email),
    notes: textOrNull(form.notes),
    ...(Object.keys(details).length ? { details } : {}),
  };
}
