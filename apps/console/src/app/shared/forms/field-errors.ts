import type { AbstractControl } from '@angular/forms';

/**
 * The message a field shows: the API's (set by `applyFieldErrors`) first, then the first local
 * validator that fails.
 */
export function fieldError(control: AbstractControl | null | undefined, messages: Readonly<Record<string, string>> = {}): string {
  if (!control) return '';
  const server = control.getError('server') as string | null;
  if (server) return server;
  const key = Object.keys(messages).find((name) => control.hasError(name));
  return key ? messages[key] : '';
}

/**
 * Puts the API's `errors[]` (SPEC §12, keyed `field` or `section.field` or `items.3.closeTime`)
 * beside the controls they concern: `resolve` answers the control for a field name, or null.
 * Answers the messages no control took, so the screen can still show them.
 */
export function applyFieldErrors(
  fieldErrors: Readonly<Record<string, string>>,
  resolve: (field: string) => AbstractControl | null | undefined,
): string[] {
  const unplaced: string[] = [];
  for (const [field, message] of Object.entries(fieldErrors)) {
    const control = resolve(field);
    if (control) {
      control.setErrors({ ...control.errors, server: message });
      control.markAsTouched();
    } else {
      unplaced.push(message);
    }
  }
  return unplaced;
}

/** Empty text means "not set" (null) for optional API fields. */
export function textOrNull(value: string | null | undefined): string | null {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? null : trimmed;
}

/** An optional whole number typed into a text or number input: blank → null. */
export function numberOrNull(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  return Number.isFinite(n) ? n : null;
}

/**
 * The sentence above a form the API refused: when every one of its messages (a 400's) already
 * stands beside its field, the API's summary only repeats them; anything else (403 naming
 * fields, 409, 5xx, a message no field took) keeps the API's own words.
 */
export function formProblem(problem: { status: number; message: string; fieldErrors: Readonly<Record<string, string>> }, unplaced: readonly string[]): string {
  const placedAll = problem.status === 400 && Object.keys(problem.fieldErrors).length > 0 && unplaced.length === 0;
  return placedAll ? 'Some fields need a change: each says what to fix.' : problem.message;
}
