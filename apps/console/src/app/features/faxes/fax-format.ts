import type { FaxDocumentType, FaxMatchMethod, FaxStatus } from '@voicedesk/api-client';

/** People's words for the fax inbox. */
export const FAX_STATUS_LABELS: Readonly<Record<FaxStatus, string>> = {
  pending: 'Waiting',
  processing: 'Reading',
  extracted: 'Read',
  matched: 'Matched',
  needs_review: 'Needs review',
  verified: 'Verified',
  archived: 'Archived',
  failed: 'Failed',
};

/** The inbox tabs, in the order staff work through them. */
export const FAX_TABS: readonly FaxStatus[] = ['needs_review', 'matched', 'processing', 'failed', 'verified', 'archived'];

export const FAX_TYPE_LABELS: Readonly<Record<FaxDocumentType, string>> = {
  referral: 'Referral',
  lab_result: 'Lab result',
  imaging_report: 'Imaging report',
  consult_letter: 'Consult letter',
  other: 'Other',
};

export const FAX_METHOD_LABELS: Readonly<Record<FaxMatchMethod, string>> = {
  phn_exact: 'Health number',
  name_dob: 'Name and date of birth',
  name_only: 'Name only',
};

/** Statuses that change by themselves: the page keeps asking until the document leaves them. */
export const FAX_IN_PROGRESS: readonly FaxStatus[] = ['pending', 'processing', 'extracted'];

export function percent(confidence: number | null | undefined): string {
  return confidence === null || confidence === undefined ? '—' : `${Math.round(confidence * 100)} %`;
}

export function label<K extends string>(labels: Readonly<Record<K, string>>, value: string | null | undefined, none = '—'): string {
  return value ? (labels[value as K] ?? value) : none;
}
