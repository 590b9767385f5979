import type { ProviderFallbackBehavior, VisitMode } from '@voicedesk/api-client';

/**
 * The API's codes in the words a clinic uses. Records keyed by the API's types, so a new value in
 * its vocabulary fails the type check here; a code no one has worded yet still reads as words.
 */
export const VISIT_MODE_LABELS: Readonly<Record<VisitMode, string>> = {
  in_person: 'In person',
  virtual: 'Virtual',
  both: 'In person or virtual',
};

export const FALLBACK_LABELS: Readonly<Record<ProviderFallbackBehavior, string>> = {
  best_available: 'Offer the earliest other provider',
  same_specialty: 'Offer another provider of the same specialty',
  ask_patient: 'Ask the caller what they prefer',
  waitlist_only: 'Offer the waitlist only',
};

export const LANGUAGE_LABELS: Readonly<Record<'en' | 'zh', string>> = { en: 'English', zh: 'Chinese' };

/** Visit reasons are the clinic's own list; these are the usual ones. */
export const VISIT_REASON_LABELS: Readonly<Record<string, string>> = {
  checkup: 'Check-up',
  follow_up: 'Follow-up',
  sick_visit: 'Sick visit',
  consultation: 'Consultation',
  prescription_renewal: 'Prescription renewal',
  new_patient: 'New patient',
};

/** `follow_up` → "Follow-up" when known, else "Sick visit" from `sick_visit`. */
export function codeWords(code: string, labels: Readonly<Record<string, string>> = {}): string {
  const known = labels[code] ?? VISIT_REASON_LABELS[code];
  if (known) return known;
  const words = code.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
