/**
 * A change a mutating tool may have made in the EMR although it answered EMR_UNAVAILABLE or BUSY:
 * the EMR failed after it acted (a malformed reply, a reset, a hang after the write), or the answer
 * came too late. The call records it (`call_metadata.in_doubt`); after the call's report the
 * reconciliation job reads the EMR and records what really happened in the call log
 * (docs/sms.md "Reconciliation", docs/decisions.md "Call records in any order").
 */
export interface InDoubtChange {
  /** the tool call that answered the doubt: with the call and the kind, the key of its confirmation text */
  toolCallId: string;
  kind: 'book' | 'reschedule' | 'cancel';
  /** the chart (book); the appointment's chart is read from the EMR for the others */
  demographicId?: number;
  /** the appointment moved or cancelled */
  appointmentId?: number;
  /** the booking's or the move's start (ISO 8601) */
  startTime?: string;
  providerNo?: string;
  /** what the tool call said about a confirmation text */
  smsConsent?: boolean;
  language: string;
  /** ISO 8601 */
  at: string;
}

export const CALL_RECONCILE_JOB = 'calls.reconcile-in-doubt';

export interface CallReconcileJob {
  clinicId: string;
  vapiCallId: string;
}
