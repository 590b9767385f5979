import type { AbstractControl, ValidationErrors } from '@angular/forms';
import { isCalendarDay } from '../format/dates';

/** What a date field says when its text is not a real day. */
export const CALENDAR_DATE_MESSAGE = 'Enter a real date written YYYY-MM-DD, e.g. 2026-12-25.';

/**
 * A date typed as text (YYYY-MM-DD, the console's one date form): an impossible day such as
 * 2026-02-30 is refused with a message instead of being emptied, as a browser's date input does.
 * Blank is left to `Validators.required`.
 */
export function calendarDate(control: AbstractControl<string | null>): ValidationErrors | null {
  const text = (control.value ?? '').trim();
  return text === '' || isCalendarDay(text) ? null : { calendarDate: true };
}
