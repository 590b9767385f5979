import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { bookableStarts, type BookedInterval, type StartRules } from './bookable-starts.js';
import { toClinicIso } from './clinic-time.js';
import type { DaySlot } from './day-slots.js';

const zone = 'America/Vancouver';
const date = '2027-03-15';
const at = (hhmm: string, day = date) => DateTime.fromISO(`${day}T${hhmm}`, { zone });

function slotAt(start: DateTime, end: DateTime, bookable: boolean, bookingLimit: number): DaySlot {
  return { start, end, startMs: start.toMillis(), endMs: end.toMillis(), code: '1', bookable, bookingLimit };
}

/** `"09:00 1 1 _ 1"`: slots from 09:00, one character per slot (`_` = none, `x` = not bookable, digits = booking limit). */
function day(from: string, pattern: string, slotMinutes = 15, onDate = date): DaySlot[] {
  const out: DaySlot[] = [];
  let t = at(from, onDate);
  for (const c of pattern.replace(/\s+/g, '')) {
    if (c !== '_') out.push(slotAt(t, t.plus({ minutes: slotMinutes }), c !== 'x', c === 'x' ? 1 : Number(c)));
    t = t.plus({ minutes: slotMinutes });
  }
  return out;
}

let nextId = 1;
function booked(from: string, minutes: number, extra: Partial<BookedInterval> = {}): BookedInterval {
  return { id: nextId++, start: toClinicIso(at(from), zone), end: toClinicIso(at(from).plus({ minutes }), zone), cancelled: false, noShow: false, ...extra };
}

const rules = (overrides: Partial<StartRules> = {}): StartRules => ({
  date,
  zone,
  hours: { open: 9 * 60, close: 17 * 60 },
  bookingMinutes: 15,
  bufferMinutes: 0,
  notBefore: at('00:00'),
  ...overrides,
});

const starts = (slots: DaySlot[], appointments: BookedInterval[], r: StartRules) =>
  bookableStarts(slots, appointments, r).map((s) => s.start.toFormat('HH:mm'));

describe('bookableStarts', () => {
  it('offers every free, bookable slot', () => {
    expect(starts(day('09:00', '1111'), [], rules())).toEqual(['09:00', '09:15', '09:30', '09:45']);
  });

  it('leaves out booked slots; cancelled and no-show bookings take no room', () => {
    const appointments = [booked('09:00', 15), booked('09:15', 15, { cancelled: true }), booked('09:30', 15, { noShow: true })];
    expect(starts(day('09:00', '1111'), appointments, rules())).toEqual(['09:15', '09:30', '09:45']);
  });

  it('bookinglimit 2: a slot takes two bookings, not three', () => {
    expect(starts(day('09:00', '22'), [booked('09:00', 15)], rules())).toEqual(['09:00', '09:15']);
    expect(starts(day('09:00', '22'), [booked('09:00', 15), booked('09:00', 15)], rules())).toEqual(['09:15']);
  });

  it('a booking longer than a slot occupies every slot it overlaps', () => {
    expect(starts(day('09:00', '1111'), [booked('09:00', 30)], rules())).toEqual(['09:30', '09:45']);
  });

  it('a 30-minute booking needs two free, bookable, contiguous slots', () => {
    const r = rules({ bookingMinutes: 30 });
    expect(starts(day('09:00', '11_11x1'), [], r)).toEqual(['09:00', '09:45']);
  });

  it('the buffer only takes slots it fills completely (SPEC: 15 + 5 on 15 → 1 slot, on 5 → 4)', () => {
    expect(starts(day('09:00', '1_1'), [], rules({ bufferMinutes: 5 }))).toEqual(['09:00', '09:30']);
    expect(starts(day('09:00', '1111 _ 1111', 5), [], rules({ bufferMinutes: 5 }))).toEqual(['09:00', '09:25']);
    expect(starts(day('09:00', '111 _ 1111', 5), [], rules({ bufferMinutes: 5 }))).toEqual(['09:20']);
  });

  it('holds every slot the booking takes, the buffer’s included: 15 + 5 min holds 20 min on a 5-min grid, 15 on a 15-min grid', () => {
    const held = (slots: DaySlot[], r: StartRules) =>
      bookableStarts(slots, [], r).map((s) => [s.start.toFormat('HH:mm'), s.end.toFormat('HH:mm'), s.reservedEnd.toFormat('HH:mm')]);
    expect(held(day('09:00', '1111', 5), rules({ bufferMinutes: 5 }))).toEqual([['09:00', '09:15', '09:20']]);
    expect(held(day('09:00', '1'), rules({ bufferMinutes: 5 }))).toEqual([['09:00', '09:15', '09:15']]);
    // a 20-minute visit on a 15-minute grid takes two whole slots
    expect(held(day('09:00', '11'), rules({ bookingMinutes: 20 }))).toEqual([['09:00', '09:20', '09:30']]);
  });

  it('slots of a code that is not bookable are never offered nor covered', () => {
    expect(starts(day('09:00', 'x1'), [], rules())).toEqual(['09:15']);
  });

  it('stays inside the clinic’s hours', () => {
    expect(starts(day('08:30', '11111'), [], rules())).toEqual(['09:00', '09:15', '09:30']);
    expect(starts(day('16:30', '111'), [], rules({ bookingMinutes: 30 }))).toEqual(['16:30']);
  });

  it('starts no earlier than now + minimum notice', () => {
    expect(starts(day('09:00', '1111'), [], rules({ notBefore: at('09:20') }))).toEqual(['09:30', '09:45']);
  });

  it('a moved appointment takes no room in its own old slot', () => {
    const own = booked('09:00', 15);
    expect(starts(day('09:00', '11'), [own], rules({ ignoreAppointmentId: own.id }))).toEqual(['09:00', '09:15']);
  });

  it('never overlaps the patient’s own appointments with another provider', () => {
    expect(starts(day('09:00', '1111'), [], rules({ patientBusy: [booked('09:15', 15)], bookingMinutes: 15 }))).toEqual(['09:00', '09:30', '09:45']);
  });

  it('on Toronto’s spring-forward day, slots are contiguous in real time across the gap', () => {
    const tz = 'America/Toronto';
    const first = DateTime.fromISO('2027-03-14T01:45', { zone: tz });
    const slots: DaySlot[] = [0, 15].map((m) => slotAt(first.plus({ minutes: m }), first.plus({ minutes: m + 15 }), true, 1));
    const result = bookableStarts(slots, [], { ...rules({ bookingMinutes: 30, notBefore: first.minus({ days: 1 }) }), zone: tz, date: '2027-03-14', hours: { open: 0, close: 1440 } });
    expect(result.map((s) => [toClinicIso(s.start, tz), toClinicIso(s.end, tz)])).toEqual([['2027-03-14T01:45:00-05:00', '2027-03-14T03:15:00-04:00']]);
  });
});
