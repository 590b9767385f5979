import { HttpErrorResponse } from '@angular/common/http';
import type { ErrorResponseDto } from '@voicedesk/api-client';

/** What a screen needs to show a failed call: one sentence, and messages keyed by field. */
export interface ApiProblem {
  status: number;
  message: string;
  fieldErrors: Readonly<Record<string, string>>;
}

const UNREACHABLE = 'VoiceDesk cannot be reached. Check your connection and try again.';

/**
 * Turns whatever a failed call threw into something a person can read. Angular's `resource()`
 * wraps a thrown `HttpErrorResponse` (not an `Error`) in an error whose `cause` it is.
 */
export function toApiProblem(thrown: unknown): ApiProblem {
  const error = thrown instanceof Error && thrown.cause instanceof HttpErrorResponse ? thrown.cause : thrown;
  if (!(error instanceof HttpErrorResponse)) {
    return { status: 0, message: 'Something went wrong. Please try again.', fieldErrors: {} };
  }
  if (error.status === 0) {
    return { status: 0, message: UNREACHABLE, fieldErrors: {} };
  }
  const body = isErrorBody(error.error) ? error.error : undefined;
  const fieldErrors: Record<string, string> = {};
  for (const entry of body && Array.isArray(body.errors) ? body.errors : []) {
    // keep the first message per field: it is the one a person should fix first
    if (entry && typeof entry.field === 'string' && !(entry.field in fieldErrors)) {
      fieldErrors[entry.field] = String(entry.message);
    }
  }
  return {
    status: error.status,
    message: body?.message || fallbackMessage(error.status),
    fieldErrors,
  };
}

/** The API's error body (SPEC §12): `{statusCode, error, message, errors:[{field, message}]}`. */
function isErrorBody(value: unknown): value is ErrorResponseDto {
  return typeof value === 'object' && value !== null && typeof (value as ErrorResponseDto).message === 'string';
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Your session has ended. Please sign in again.';
  if (status === 403) return 'You do not have access to this.';
  if (status === 404) return 'This could not be found.';
  if (status === 429) return 'Too many attempts. Please wait a moment and try again.';
  if (status >= 500) return 'VoiceDesk had a problem answering. Please try again in a moment.';
  return `The request failed (${status}).`;
}
