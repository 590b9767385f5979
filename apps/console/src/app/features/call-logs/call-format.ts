import type { CallIntent, CallLogsList$Params, CallOutcome, CountByValueDto } from '@voicedesk/api-client';

/** Records, so a new value in the API's vocabulary fails the type check here. */
export const CALL_OUTCOME_LABELS: Readonly<Record<CallOutcome, string>> = {
  booked: 'Booked', rescheduled: 'Rescheduled', cancelled: 'Cancelled', registered: 'Registered',
  waitlisted: 'Waitlisted', transferred: 'Transferred', no_action: 'No action',
};

export const CALL_INTENT_LABELS: Readonly<Record<CallIntent, string>> = {
  book: 'Book', reschedule: 'Reschedule', cancel: 'Cancel', register: 'Register as a patient', inquiry: 'Question', other: 'Other',
};

export const CALL_LANGUAGE_LABELS: Readonly<Record<'en' | 'zh', string>> = { en: 'English', zh: 'Chinese' };

export interface CallFilter {
  clinicId: string;
  /** YYYY-MM-DD, the clinic's calendar, inclusive */
  from: string;
  to: string;
  outcome: CallOutcome | '';
  intent: CallIntent | '';
  language: 'en' | 'zh' | '';
  transferred: '' | 'yes' | 'no';
}

export const NO_CALL_FILTER: Omit<CallFilter, 'clinicId'> = { from: '', to: '', outcome: '', intent: '', language: '', transferred: '' };

/** The list's query from the screen's filters (days are the clinic's calendar days, as the API counts them). */
export function callQuery(filter: CallFilter): CallLogsList$Params {
  return {
    clinicId: filter.clinicId,
    from: filter.from || undefined,
    to: filter.to || undefined,
    outcome: filter.outcome || undefined,
    intent: filter.intent || undefined,
    language: filter.language || undefined,
    transferred: filter.transferred === '' ? undefined : filter.transferred === 'yes',
  };
}

export function isFiltered(filter: CallFilter): boolean {
  return Object.entries(NO_CALL_FILTER).some(([key, value]) => filter[key as keyof CallFilter] !== value);
}

/** `4:05`, `1:02:03`, or a dash. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.max(0, Math.round(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

export function labelOf(labels: Readonly<Record<string, string>>, value: string | null | undefined, none = 'Not said'): string {
  if (value === null || value === undefined) return none;
  return labels[value] ?? value;
}

export interface Bar {
  label: string;
  count: number;
  /** 0 to 100, of the largest count (so the longest bar fills the row) */
  width: number;
}

/** Counts as bars, scaled to the largest; zero rows are kept (they say "none of these"). */
export function toBars(counts: readonly CountByValueDto[], labels: Readonly<Record<string, string>>): Bar[] {
  const max = Math.max(0, ...counts.map((c) => c.count));
  return counts.map((c) => ({ label: labelOf(labels, c.value), count: c.count, width: max ? Math.round((c.count / max) * 100) : 0 }));
}

/** `42%`, or a dash without calls. */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${Math.round(rate * 100)}%`;
}

/** Messages beside the From and To fields, by field. */
export type DateProblems = Readonly<Partial<Record<'from' | 'to', string>>>;

/** The screen's own check before asking the API: From after To flags both fields. */
export function dateRangeProblems(from: string, to: string): DateProblems {
  if (!from || !to || from <= to) return {};
  return { from: 'Choose a day on or before “To”.', to: 'Choose a day on or after “From”.' };
}

/**
 * The API's answer about the days (a 400 naming `from` or `to`), to show beside those fields
 * instead of in place of the page; empty for any other answer.
 */
export function apiDateProblems(problem: { status: number; fieldErrors: Readonly<Record<string, string>> } | null): DateProblems {
  if (!problem || problem.status !== 400) return {};
  const { from, to } = problem.fieldErrors;
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

/** True when every message of a 400 is about the days: the fields say it all. */
export function onlyAboutDays(problem: { status: number; fieldErrors: Readonly<Record<string, string>> } | null): boolean {
  if (!problem || problem.status !== 400) return false;
  const fields = Object.keys(problem.fieldErrors);
  return fields.length > 0 && fields.every((field) => field === 'from' || field === 'to');
}
