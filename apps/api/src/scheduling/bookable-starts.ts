import type { DateTime } from 'luxon';
import { slotsNeeded } from './booking-length.js';
import { withinHours, type OpeningHours } from './booking-window.js';
import { instantMs } from './clinic-time.js';
import type { DaySlot } from './day-slots.js';

/**
 * Where on one provider's day a booking can start: every slot it covers exists, follows the one
 * before without a gap, has a bookable code and is under its booking limit; it lies inside the
 * clinic's hours, not before the earliest allowed instant, and does not overlap the patient's
 * own appointments.
 */

export interface BookedInterval {
  id: number;
  start: string;
  /** exclusive */
  end: string;
  cancelled: boolean;
  noShow: boolean;
}

export interface StartRules {
  date: string;
  zone: string;
  hours: OpeningHours;
  bookingMinutes: number;
  bufferMinutes: number;
  /** nothing before this instant (now + minimum notice) */
  notBefore: DateTime;
  /** an appointment to leave out (the one being moved) */
  ignoreAppointmentId?: number | null;
  /** the patient's other appointments that day (any provider): a start overlapping one is refused */
  patientBusy?: readonly BookedInterval[];
}

export interface BookableStart {
  start: DateTime;
  /** the visit's end */
  end: DateTime;
  /** slots the booking takes */
  slots: number;
  /** the length of each */
  slotMinutes: number;
  /** the end of the last slot it takes (exclusive): the block written to the EMR, buffer included */
  reservedEnd: DateTime;
}

interface Interval {
  start: number;
  end: number;
}

/** Bookings that take room: not cancelled, not no-show (oscar-soap.md §6.6), not the ignored one. */
export function occupying(appointments: readonly BookedInterval[], zone: string, ignoreId?: number | null): Interval[] {
  const out: Interval[] = [];
  for (const a of appointments) {
    if (a.cancelled || a.noShow || (ignoreId != null && a.id === ignoreId)) continue;
    const start = instantMs(a.start, zone);
    const end = instantMs(a.end, zone);
    if (end > start) out.push({ start, end });
  }
  return out;
}

/** How many bookings overlap each slot (`bookinglimit` counts bookings per slot). */
export function slotLoads(slots: readonly DaySlot[], bookings: readonly Interval[]): number[] {
  return slots.map((slot) => {
    let load = 0;
    for (const b of bookings) if (b.start < slot.endMs && b.end > slot.startMs) load += 1;
    return load;
  });
}

export function bookableStarts(slots: readonly DaySlot[], appointments: readonly BookedInterval[], rules: StartRules): BookableStart[] {
  const loads = slotLoads(slots, occupying(appointments, rules.zone, rules.ignoreAppointmentId));
  const free = slots.map((slot, i) => slot.bookable && (loads[i] as number) < slot.bookingLimit);
  const busy = occupying(rules.patientBusy ?? [], rules.zone, rules.ignoreAppointmentId);
  const notBefore = rules.notBefore.toMillis();
  const out: BookableStart[] = [];
  for (let i = 0; i < slots.length; i++) {
    const first = slots[i] as DaySlot;
    if (!free[i] || first.startMs < notBefore) continue;
    const slotMinutes = (first.endMs - first.startMs) / 60_000;
    const needed = slotsNeeded(rules.bookingMinutes, rules.bufferMinutes, slotMinutes);
    if (!coveredFree(slots, free, i, needed)) continue;
    if (busy.some((b) => b.start < first.startMs + rules.bookingMinutes * 60_000 && b.end > first.startMs)) continue;
    const end = first.start.plus({ minutes: rules.bookingMinutes });
    if (!withinHours(first.start, end, rules.date, rules.hours)) continue;
    if (busy.some((b) => b.start < end.toMillis() && b.end > first.start.toMillis())) continue;
    out.push({ start: first.start, end, slots: needed, slotMinutes, reservedEnd: (slots[i + needed - 1] as DaySlot).end });
  }
  return out;
}

/** Slots i … i+n−1 exist, each starts where the previous ends, and each is free. */
function coveredFree(slots: readonly DaySlot[], free: readonly boolean[], i: number, n: number): boolean {
  if (i + n > slots.length) return false;
  for (let j = i; j < i + n; j++) {
    if (!free[j]) return false;
    if (j > i && (slots[j] as DaySlot).startMs !== (slots[j - 1] as DaySlot).endMs) return false;
  }
  return true;
}
