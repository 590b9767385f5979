import { DateTime } from 'luxon';
import type { SimAppointment, SimDataFile, SimDemographic, SimProvider } from '../../apps/oscar-sim/src/data/data-file.js';

/**
 * The simulator data file of the benchmarks (SPEC §12 format): six providers working Monday–Friday
 * 09:00–17:00 in 15-minute slots of OSCAR's code `1`, every slot before day D booked, and charts
 * of synthetic callers, each alone on a phone number of its own. Nothing here is a real person.
 */

export const BENCH_TIMEZONE = 'America/Vancouver';
export const BENCH_LOGIN = { securityNo: 128, userName: 'oscardoc', password: 'bench-oscar-pass', providerNo: '999998' };
export const PROVIDER_COUNT = 6;
export const SLOT_MINUTES = 15;
const DAY_START = 9 * 60;
const DAY_END = 17 * 60;
/** charts that hold the appointments of the booked days (no phone: no caller ever matches them) */
const FILLER_CHARTS = 20;
const FIRST_CALLER_CHART = 1000;
/** callers' numbers are 604-555-1000 … 604-555-1999: the last four digits (OSCAR's phone search) are unique */
export const MAX_CALLERS = 1000;

export interface BenchCaller {
  demographicId: number;
  /** E.164, what Vapi sends as `call.customer.number` */
  phone: string;
  dateOfBirth: string;
}

/** The i-th synthetic caller of the data file (0-based). */
export function benchCaller(index: number): BenchCaller {
  if (index < 0 || index >= MAX_CALLERS) throw new Error(`caller ${index} is outside the data file (0…${MAX_CALLERS - 1})`);
  return {
    demographicId: FIRST_CALLER_CHART + index,
    phone: `+1604555${1000 + index}`,
    dateOfBirth: DateTime.fromISO('1960-01-01').plus({ days: index * 17 }).toISODate()!,
  };
}

/** A timecode of one character per slot from 00:00: code `1` from 09:00 to 17:00, `_` elsewhere. */
function dayTimecode(): string {
  return Array.from({ length: 1440 / SLOT_MINUTES }, (_, slot) => {
    const minute = slot * SLOT_MINUTES;
    return minute >= DAY_START && minute < DAY_END ? '1' : '_';
  }).join('');
}

function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

const FIRST_NAMES = ['Alex', 'Sam', 'Jordan', 'Robin', 'Casey', 'Morgan', 'Taylor', 'Jamie', 'Avery', 'Quinn'];
const PROVIDER_NAMES = [['Ada', 'Hart'], ['Ben', 'Ito'], ['Cleo', 'Marsh'], ['Dev', 'Okafor'], ['Eve', 'Lind'], ['Finn', 'Novak']];

/** Letters for a number (0 → "a", 27 → "bb"): synthetic last names without digits. */
function letters(n: number): string {
  let text = '';
  let rest = n;
  do {
    text = String.fromCharCode(97 + (rest % 26)) + text;
    rest = Math.floor(rest / 26) - 1;
  } while (rest >= 0);
  return text;
}

function providers(): SimProvider[] {
  const week = { 1: 'day', 2: 'day', 3: 'day', 4: 'day', 5: 'day' };
  const working = PROVIDER_NAMES.map(([firstName, lastName], i) => ({
    providerNo: String(101 + i), firstName, lastName, specialty: 'Family Medicine', status: '1', providerType: 'doctor', week,
  }));
  // OSCAR's built-in system provider is always there; the API skips it on sync
  return [...working, { providerNo: '999998', firstName: 'doctor', lastName: 'oscardoc', status: '1', providerType: 'doctor' }];
}

function demographics(callers: number): SimDemographic[] {
  const fillers: SimDemographic[] = Array.from({ length: FILLER_CHARTS }, (_, i) => ({
    demographicNo: i + 1, firstName: 'Filler', lastName: `Booked${letters(i)}`, dateOfBirth: '1950-06-15', sex: 'F', phone: null, patientStatus: 'AC',
  }));
  const people: SimDemographic[] = Array.from({ length: callers }, (_, i) => {
    const caller = benchCaller(i);
    return {
      demographicNo: caller.demographicId,
      firstName: FIRST_NAMES[i % FIRST_NAMES.length],
      lastName: `Bench${letters(i)}`,
      dateOfBirth: caller.dateOfBirth,
      sex: i % 2 ? 'M' : 'F',
      phone: `604-555-${1000 + i}`,
      patientStatus: 'AC',
    };
  });
  return [...fillers, ...people];
}

/** Every 15-minute slot of every provider on every weekday from today (offset 0) to day D − 1. */
function bookedBefore(day: number, today: DateTime): SimAppointment[] {
  const appointments: SimAppointment[] = [];
  let filler = 0;
  for (let offset = 0; offset < day; offset += 1) {
    if (today.plus({ days: offset }).weekday > 5) continue;
    for (let p = 0; p < PROVIDER_COUNT; p += 1) {
      for (let minute = DAY_START; minute < DAY_END; minute += SLOT_MINUTES) {
        appointments.push({
          providerNo: String(101 + p), demographicNo: (filler++ % FILLER_CHARTS) + 1, dayOffset: offset, startTime: hhmm(minute),
          durationMin: SLOT_MINUTES, status: 't', type: 'B', reason: 'Booked',
        });
      }
    }
  }
  return appointments;
}

/**
 * The data file with every slot before day `firstFreeDay` booked (1 = only today is full) and
 * `callers` synthetic callers. "Today" is the day the simulator loads the file, in BENCH_TIMEZONE.
 */
export function benchSimData(firstFreeDay: number, callers = MAX_CALLERS): SimDataFile {
  const today = DateTime.now().setZone(BENCH_TIMEZONE).startOf('day');
  return {
    timezone: BENCH_TIMEZONE,
    logins: [BENCH_LOGIN],
    scheduleTemplateCodes: [{ code: '1', description: '15 min appointment', duration: SLOT_MINUTES, bookinglimit: 1, confirm: 'No' }],
    templates: [{ name: 'day', slotMinutes: SLOT_MINUTES, timecode: dayTimecode() }],
    providers: providers(),
    holidays: [],
    demographics: demographics(callers),
    appointments: bookedBefore(firstFreeDay, today),
  };
}

/** "Thu 2026-12-10": the calendar day of an offset from today, for the report. */
export function dayLabel(offset: number): string {
  return DateTime.now().setZone(BENCH_TIMEZONE).startOf('day').plus({ days: offset }).toFormat('ccc yyyy-MM-dd');
}
