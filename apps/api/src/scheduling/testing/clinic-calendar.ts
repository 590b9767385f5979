import type { SimDataFile } from '../../../../../libs/testing/src/oscar-sim.js';

type SimAppointment = NonNullable<SimDataFile['appointments']>[number];

export interface CalendarOptions {
  /** providers numbered 101, 102, … */
  providers: number;
  /** charts numbered 1 … n, each with a past visit (established patients), phones +1 604 555 1000 + n */
  patients: number;
  /** every slot of every provider is booked on working days before this day offset (1 = tomorrow is free) */
  firstFreeDay: number;
  /** working hours of the template, e.g. ['09:00', '17:00'] */
  hours?: [string, string];
  slotMinutes?: number;
}

export const CALENDAR_LOGIN = { securityNo: 128, userName: 'oscardoc', password: 'mac2002', providerNo: '999998' } as const;

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h as number) * 60 + (m as number);
}

function hhmm(total: number): string {
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** A timecode of `slotMinutes` slots: `code` from `from` to `to`, no schedule elsewhere. */
export function workdayTimecode(from: string, to: string, slotMinutes = 15, code = 'B'): string {
  const n = 1440 / slotMinutes;
  return Array.from({ length: n }, (_, i) => (i * slotMinutes >= minutes(from) && i * slotMinutes < minutes(to) ? code : '_')).join('');
}

/**
 * A simulator data file of a busy clinic (the benchmarks' and the cache tests' calendar): N
 * providers working Monday–Friday in 15-minute slots of code B (limit 1), every slot booked on
 * the working days before `firstFreeDay`, and M established patients with a phone each.
 * `weekdayOf(offset)` is needed to know which offsets are working days: the caller gives today's
 * ISO weekday.
 */
export function clinicCalendar(options: CalendarOptions, todayWeekday: number): SimDataFile {
  const [open, close] = options.hours ?? ['09:00', '17:00'];
  const slot = options.slotMinutes ?? 15;
  const providers = Array.from({ length: options.providers }, (_, i) => ({
    providerNo: String(101 + i),
    firstName: `Pat${i + 1}`,
    lastName: `Doctor${String.fromCharCode(65 + i)}`,
    specialty: 'Family Medicine',
    status: '1',
    week: { 1: 'day', 2: 'day', 3: 'day', 4: 'day', 5: 'day' },
  }));
  const appointments: SimAppointment[] = [];
  for (let offset = 0; offset < options.firstFreeDay; offset++) {
    const weekday = ((todayWeekday - 1 + offset) % 7) + 1;
    if (weekday > 5) continue;
    for (const p of providers) {
      for (let t = minutes(open); t < minutes(close); t += slot) {
        appointments.push({ providerNo: p.providerNo, demographicNo: options.patients + 1, dayOffset: offset, startTime: hhmm(t), durationMin: slot, status: 't', type: 'B', reason: 'booked' });
      }
    }
  }
  const demographics = Array.from({ length: options.patients }, (_, i) => ({
    demographicNo: i + 1,
    firstName: `First${i + 1}`,
    lastName: `Last${i + 1}`,
    dateOfBirth: `19${String(50 + (i % 45)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
    sex: i % 2 ? 'M' : 'F',
    phone: `604-555-${String(1000 + i + 1).padStart(4, '0')}`,
    hin: null,
    hcType: 'BC',
    patientStatus: 'AC',
  }));
  // the charts of the booked days (not a caller)
  demographics.push({ demographicNo: options.patients + 1, firstName: 'Front', lastName: 'Desk', dateOfBirth: '1970-01-01', sex: 'F', phone: '604-555-0999', hin: null, hcType: 'BC', patientStatus: 'AC' });
  // each chart has a kept visit long ago: established patients (the type's own length)
  for (const d of demographics.slice(0, options.patients)) appointments.push({ providerNo: '101', demographicNo: d.demographicNo, dayOffset: -60, startTime: '09:00', durationMin: 15, status: 'B', type: 'B', reason: 'past' });
  return {
    timezone: 'America/Vancouver',
    logins: [{ ...CALENDAR_LOGIN }],
    scheduleTemplateCodes: [{ code: 'B', description: 'Booked 15', duration: slot, bookinglimit: 1, confirm: 'No' }],
    templates: [{ name: 'day', slotMinutes: slot, timecode: workdayTimecode(open, close, slot) }],
    providers,
    holidays: [],
    demographics,
    appointments,
  };
}
