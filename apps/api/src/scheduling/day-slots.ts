import { DateTime } from 'luxon';
import { instantMs, startOfClinicDay } from './clinic-time.js';

/**
 * A provider's day as bookable slots: OSCAR template codes (one character per slot of the day's
 * template) with each code's booking limit, and which codes the voice agent may book.
 * Schedule template codes are not appointment type codes, even where the letters coincide.
 */

export interface ScheduleCodeInfo {
  /** one character, e.g. `"1"`, `"B"` */
  code: string;
  /** the code's own length in minutes, null when the EMR has none */
  durationMinutes: number | null;
  /** bookings allowed per slot; 0 = never bookable */
  bookingLimit: number;
}

export interface ScheduleCodeRules {
  /** effective `bookableScheduleCodes` (provider `scheduleCodeConfig` over the clinic's); empty = all with a limit */
  bookable: readonly string[];
  blocked: readonly string[];
}

export interface DaySlot {
  start: DateTime;
  /** exclusive */
  end: DateTime;
  /** the same instants as epoch milliseconds (what the search's loops compare) */
  startMs: number;
  endMs: number;
  code: string;
  bookingLimit: number;
  bookable: boolean;
}

/** A slot whose luxon times are only made when asked for: a fully booked day costs no time-zone arithmetic. */
class Slot implements DaySlot {
  private startTime?: DateTime;
  private endTime?: DateTime;
  constructor(
    readonly startMs: number,
    readonly endMs: number,
    readonly code: string,
    readonly bookingLimit: number,
    readonly bookable: boolean,
    private readonly zone: string,
  ) {}

  get start(): DateTime {
    return (this.startTime ??= DateTime.fromMillis(this.startMs, { zone: this.zone }));
  }

  get end(): DateTime {
    return (this.endTime ??= DateTime.fromMillis(this.endMs, { zone: this.zone }));
  }
}

/** A day schedule as the EMR adapter gives it: coded slots by start (no-schedule slots left out). */
export interface CodedDay {
  holiday: boolean;
  slotMinutes: number | null;
  slots: readonly { start: string; code: string }[];
}

/**
 * Whether the voice agent may book a slot of this code: never with a booking limit of 0 or when
 * blocked; with an explicit bookable list only the listed codes; an empty list means every code
 * with a limit above 0 (SPEC §5).
 */
export function isBookableCode(code: ScheduleCodeInfo | undefined, rules: ScheduleCodeRules): boolean {
  if (!code || code.bookingLimit <= 0) return false;
  if (rules.blocked.includes(code.code)) return false;
  return rules.bookable.length === 0 || rules.bookable.includes(code.code);
}

/**
 * OSCAR's template expansion, for a timecode string: slot i starts at the day's midnight plus
 * i × slot length in absolute time (as OSCAR's `Calendar.add` does; on a DST day the wall clock
 * shifts after the change), `_` = no schedule. The slot length is 1440 / the timecode's length.
 */
export function expandTimecode(date: string, zone: string, timecode: string): { start: DateTime; code: string }[] {
  const midnight = startOfClinicDay(date, zone);
  if (!midnight || timecode.length === 0 || 1440 % timecode.length !== 0) return [];
  const slotMinutes = 1440 / timecode.length;
  const out: { start: DateTime; code: string }[] = [];
  for (let i = 0; i < timecode.length; i++) {
    const code = timecode[i] as string;
    if (code === '_') continue;
    out.push({ start: midnight.plus({ minutes: i * slotMinutes }), code });
  }
  return out;
}

/**
 * The day's slots with their length, limit and bookability. A slot lasts the template's slot
 * length; when the EMR does not give one, the code's duration, else `defaultSlotMinutes`.
 */
export function daySlots(
  day: CodedDay,
  codes: ReadonlyMap<string, ScheduleCodeInfo>,
  rules: ScheduleCodeRules,
  zone: string,
  defaultSlotMinutes: number,
): DaySlot[] {
  const out: DaySlot[] = [];
  for (const slot of day.slots) {
    const startMs = instantMs(slot.start, zone);
    if (Number.isNaN(startMs)) continue;
    const info = codes.get(slot.code);
    const minutes = positive(day.slotMinutes) ?? positive(info?.durationMinutes) ?? defaultSlotMinutes;
    out.push(new Slot(startMs, startMs + minutes * 60_000, slot.code, info?.bookingLimit ?? 0, isBookableCode(info, rules), zone));
  }
  return out.sort((a, b) => a.startMs - b.startMs);
}

/** Codes by character; the first entry of a duplicated character wins (as the adapter collapses them). */
export function codeMap(codes: readonly ScheduleCodeInfo[]): Map<string, ScheduleCodeInfo> {
  const map = new Map<string, ScheduleCodeInfo>();
  for (const code of codes) if (!map.has(code.code)) map.set(code.code, code);
  return map;
}

function positive(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}
