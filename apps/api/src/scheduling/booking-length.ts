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
