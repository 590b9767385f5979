import { DateTime } from 'luxon';
import type { SimAppointment, SimDataFile, SimDemographic, SimProvider } from '../../apps/oscar-sim/src/data/data-file.js';
import { BENCH_LOGIN } from '../../bench/support/sim-data.js';

/**
 * The gauntlet's simulator data (SPEC §12 format). Every clinic points at the one simulator, so
 * each clinic gets an OSCAR provider of its own (101, 102, …; the others are made not
 * voice-bookable in that clinic) and no two clinics ever compete for one calendar: a slot held
 * twice is then a fault of one clinic's booking path, not of the test's set-up. Providers work
 * Monday–Friday 09:00–17:00 in 15-minute slots; today is fully booked (fillers without a phone).
 * Callers are synthetic charts, each alone on its number; nothing here is a real person.
 */

export const GAUNTLET_TIMEZONE = 'America/Vancouver';
export const GAUNTLET_LOGIN = BENCH_LOGIN;
const SLOT = 15;
const DAY_START = 9 * 60;
const DAY_END = 17 * 60;
const FILLERS = 10;
const FIRST_CALLER = 1000;

export interface GauntletCaller {
  demographicId: number;
  /** E.164 (`call.customer.number`) */
  phone: string;
  dateOfBirth: string;
}

export function gauntletCaller(index: number): GauntletCaller {
  return {
    demographicId: FIRST_CALLER + index,
    phone: `+1604555${String(1000 + index).padStart(4, '0')}`,
    dateOfBirth: DateTime.fromISO('1955-03-01').plus({ days: index * 13 }).toISODate()!,
  };
}

export function providerNoOf(clinicIndex: number): string {
  return String(101 + clinicIndex);
}

function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

function letters(n: number): string {
  let text = '';
  let rest = n;
  do {
    text = String.fromCharCode(97 + (rest % 26)) + text;
    rest = Math.floor(rest / 26) - 1;
  } while (rest >= 0);
  return text;
}

export function gauntletSimData(clinics: number, callers: number): SimDataFile {
  if (callers > 9000) throw new Error('at most 9000 callers (numbers 604-555-1000 … 604-555-9999)');
  const today = DateTime.now().setZone(GAUNTLET_TIMEZONE).startOf('day');
  const week = { 1: 'day', 2: 'day', 3: 'day', 4: 'day', 5: 'day' };
  const providers: SimProvider[] = Array.from({ length: clinics }, (_, i) => ({
    providerNo: providerNoOf(i), firstName: 'Doc', lastName: `Gauntlet${letters(i)}`, specialty: 'Family Medicine', status: '1', providerType: 'doctor', week,
  }));
  providers.push({ providerNo: '999998', firstName: 'doctor', lastName: 'oscardoc', status: '1', providerType: 'doctor' });
  const demographics: SimDemographic[] = [
    ...Array.from({ length: FILLERS }, (_, i) => ({
      demographicNo: i + 1, firstName: 'Filler', lastName: `Booked${letters(i)}`, dateOfBirth: '1950-06-15', sex: 'F', phone: null, patientStatus: 'AC',
    })),
    ...Array.from({ length: callers }, (_, i) => {
      const c = gauntletCaller(i);
      return {
        demographicNo: c.demographicId, firstName: 'Caller', lastName: `Gauntlet${letters(i)}`, dateOfBirth: c.dateOfBirth, sex: i % 2 ? 'M' : 'F',
        phone: `604-555-${String(1000 + i).padStart(4, '0')}`, patientStatus: 'AC',
      };
    }),
  ];
  const appointments: SimAppointment[] = [];
  if (today.weekday <= 5) {
    let filler = 0;
    for (const p of providers.slice(0, clinics)) {
      for (let minute = DAY_START; minute < DAY_END; minute += SLOT) {
        appointments.push({ providerNo: p.providerNo, demographicNo: (filler++ % FILLERS) + 1, dayOffset: 0, startTime: hhmm(minute), durationMin: SLOT, status: 't', type: 'B', reason: 'Booked' });
      }
    }
  }
  return {
    timezone: GAUNTLET_TIMEZONE,
    logins: [GAUNTLET_LOGIN],
    scheduleTemplateCodes: [{ code: '1', description: '15 min appointment', duration: SLOT, bookinglimit: 1, confirm: 'No' }],
    templates: [{ name: 'day', slotMinutes: SLOT, timecode: Array.from({ length: 1440 / SLOT }, (_, s) => (s * SLOT >= DAY_START && s * SLOT < DAY_END ? '1' : '_')).join('') }],
    providers,
    holidays: [],
    demographics,
    appointments,
  };
}
