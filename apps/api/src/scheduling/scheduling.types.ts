import type { CallerFilters } from './search-filters.js';

/** Options of every scheduling call: the caller's deadline (epoch ms) and cancellation. */
export interface SchedulingCallOptions {
  deadline?: number;
  signal?: AbortSignal;
  /** the Vapi call: offers are held for it and its bookings claimed in its name (none: this request alone) */
  callId?: string | null;
}

/** `find_earliest_appointment`: who, what, and the caller's filters. */
export interface EarliestRequest extends CallerFilters {
  /** the caller's verified chart; none = a new patient */
  demographicId?: number | null;
  /** OSCAR provider number, e.g. `"101"` */
  providerId?: string | null;
  /** a provider as the caller said it: "Dr. Chen", "Amy Chen", "Chen" */
  providerName?: string | null;
  /** an appointment type code such as `B` */
  appointmentType?: string | null;
  reason?: string | null;
  /** only providers who see patients this way (`both` always qualifies); none = any */
  visitMode?: 'in_person' | 'virtual' | null;
  /** a move: this appointment is ignored (its slot and the daily limit) */
  movingAppointmentId?: number | null;
}

/** One bookable time, in the tools' own argument names. */
export interface SlotOffer {
  /** OSCAR provider number */
  providerId: string;
  /** voice name: `displayName`, else title + last name */
  providerName: string;
  /** ISO 8601 with the clinic's offset */
  startTime: string;
  endTime: string;
  appointmentType: string;
  durationMinutes: number;
  /** the template's slot length and how many slots the booking takes (buffer included): what a hold claims */
  slotMinutes: number;
  slots: number;
  /** why this slot, in a few words for the logs: provider rule, fallback, filters (never spoken, never PHI) */
  why: string;
}

/**
 * - `found`: `offer` is the earliest; `alternatives` hold up to two more (another time of day or
 *   day; another provider).
 * - `none`: nothing bookable in the window.
 * - `ask_patient`: the asked provider had nothing and the clinic wants the caller to choose:
 *   `choices` holds each other provider's earliest.
 * - `waitlist`: the asked provider had nothing and the clinic offers the waitlist instead.
 */
export interface EarliestResult {
  outcome: 'found' | 'none' | 'ask_patient' | 'waitlist';
  offer: SlotOffer | null;
  alternatives: SlotOffer[];
  choices: SlotOffer[];
  /** the provider the caller (or the clinic's default) asked for had nothing: the offer is a fallback */
  fellBack: boolean;
  /** the search rules for a new patient (longer visit, accepting providers only) */
  newPatient: boolean;
  /** the deadline cut the search short: the answer is the best found so far */
  partial: boolean;
  /** the offer's day's bookable starts in order (the offer first): a held offer gives way to the next */
  ranked: SlotOffer[];
  /** the dates searched, in the clinic's zone */
  searchedFrom: string;
  searchedTo: string;
}

export interface BookRequest {
  demographicId: number;
  /** OSCAR provider number */
  providerNo: string;
  startTime: string;
  appointmentType?: string | null;
  reason?: string | null;
  /** the Vapi call, noted on the booking */
  callId?: string | null;
}

export interface MoveRequest {
  appointmentId: number;
  newStartTime: string;
  newProviderNo?: string | null;
}

export interface CancelRequest {
  appointmentId: number;
  reason?: string | null;
}

export interface BookedAppointment {
  appointmentId: number;
  demographicId: number;
  providerId: string;
  providerName: string;
  startTime: string;
  endTime: string;
  appointmentType: string | null;
  durationMinutes: number;
  /** true when an identical booking already existed (a retried call) and nothing was added or changed */
  alreadyDone: boolean;
}
