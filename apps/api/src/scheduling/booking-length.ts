/**
 * How long a booking lasts and how many template slots it takes (SPEC §5).
 */

export interface BookingLengthRules {
  newPatientRequiresLongerSlot: boolean;
  newPatientMinDuration: number;
  bufferTime: number;
}

/** The type's duration, at least `newPatientMinDuration` for a new patient (when the clinic asks for longer slots). */
export function bookingMinutes(typeMinutes: number, newPatient: boolean, rules: BookingLengthRules): number {
  if (newPatient && rules.newPatientRequiresLongerSlot) return Math.max(typeMinutes, rules.newPatientMinDuration);
  return typeMinutes;
}

/**
 * Slots a booking takes: max(⌈duration / slot⌉, ⌊(duration + buffer) / slot⌋). The buffer only
 * takes slots it fills completely: 15 + 5 min on a 15-min grid takes one slot, on a 5-min grid four.
 */
export function slotsNeeded(durationMinutes: number, bufferMinutes: number, slotMinutes: number): number {
  if (!(slotMinutes > 0) || !(durationMinutes > 0)) return 1;
  const buffer = Math.max(0, bufferMinutes);
  return Math.max(Math.ceil(durationMinutes / slotMinutes), Math.floor((durationMinutes + buffer) / slotMinutes), 1);
}

/** Our note on an appointment that holds more than its visit; OSCAR's notes column takes 255 characters. */
const HELD_NOTE = /\s*Visit (\d+) min; (\d+) min held\./;
const NOTES_MAX = 255;

/**
 * The appointment's notes saying how much of the held block is the visit (for the front desk, and
 * for a later move, which keeps the visit and holds its buffer again). No such note when only the
 * visit is held; `undefined` when the notes would not fit OSCAR's column (leave them as they are).
 */
export function notesWithVisit(notes: string | null, visitMinutes: number, heldMinutes: number): string | undefined {
  const base = (notes ?? '').replace(HELD_NOTE, '').trim();
  const note = heldMinutes > visitMinutes ? `Visit ${visitMinutes} min; ${heldMinutes} min held.` : '';
  const text = [base, note].filter(Boolean).join(' ');
  return text.length <= NOTES_MAX ? text : undefined;
}

/**
 * How long an appointment's visit is: what our note says while the note still matches the
 * appointment's length (the front desk may have changed it since), else the whole appointment.
 */
export function visitMinutesOf(appointment: { durationMinutes: number; notes: string | null }): number {
  const match = HELD_NOTE.exec(appointment.notes ?? '');
  const visit = Number(match?.[1]);
  const held = Number(match?.[2]);
  return match && held === appointment.durationMinutes && visit > 0 && visit <= held ? visit : appointment.durationMinutes;
}

/**
 * A new patient: no chart, or a chart with no earlier non-cancelled appointment (before `now`).
 * `appointments` are the chart's, any status.
 */
export function isNewPatient(
  appointments: readonly { start: string; cancelled: boolean }[] | null,
  now: Date,
): boolean {
  if (appointments === null) return true;
  const nowMs = now.getTime();
  return !appointments.some((a) => !a.cancelled && Date.parse(a.start) < nowMs);
}
