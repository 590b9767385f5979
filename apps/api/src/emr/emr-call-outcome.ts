import {
  EmrAuthError,
  EmrBusyError,
  EmrConflictError,
  EmrError,
  EmrInvalidError,
  EmrPausedError,
  EmrTimeoutError,
  isTransientEmrError,
} from './emr-errors.js';

/** How one EMR call ended, in a closed vocabulary (a metric label: never a message or an argument). */
export type EmrCallOutcome = 'ok' | 'timeout' | 'unavailable' | 'paused' | 'busy' | 'auth' | 'refused' | 'error';

export function emrCallOutcome(error?: unknown): EmrCallOutcome {
  if (error === undefined) return 'ok';
  if (error instanceof EmrTimeoutError) return 'timeout';
  if (error instanceof EmrPausedError) return 'paused';
  if (error instanceof EmrBusyError) return 'busy';
  if (error instanceof EmrAuthError) return 'auth';
  // the EMR answered, and said no: a conflict or an invalid request is not an outage
  if (error instanceof EmrConflictError || error instanceof EmrInvalidError) return 'refused';
  if (isTransientEmrError(error) || error instanceof EmrError) return 'unavailable';
  return 'error';
}

/** Told about every EMR call a clinic's adapter makes (the operation is OSCAR's `Service.operation`). */
export type EmrCallObserver = (call: { operation: string; kind: 'read' | 'write'; outcome: EmrCallOutcome; seconds: number }) => void;
