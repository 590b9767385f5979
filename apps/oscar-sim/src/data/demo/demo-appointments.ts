import type { SimAppointment, SimDemographic, SimProvider, SimScheduleCode, SimTemplate } from '../data-file.js';
import { REASONS } from './names.js';
import type { Prng } from './prng.js';

export const HISTORY_DAYS = 21;
export const FUTURE_DAYS = 28;

/** Near days are fuller than far ones, like a real practice. */
function occupancy(dayOffset: number): number {
  if (dayOffset < 0) return 0.5;
  if (dayOffset < 7) return 0.55;
  if (dayOffset < 14) return 0.35;
  if (dayOffset < 21) return 0.2;
  return 0.1;
}

const isoWeekday = (todayWeekday: number, dayOffset: number) => ((((todayWeekday - 1 + dayOffset) % 7) + 7) % 7) + 1;

/** The first weekday at least 12 days ahead: a clinic-wide closure. */
export function demoHolidayOffset(todayWeekday: number): number {
  let offset = 12;
  while (isoWeekday(todayWeekday, offset) > 5) offset++;
  return offset;
}

export interface AppointmentInputs {
  rng: Prng;
  todayWeekday: number;
  providers: readonly SimProvider[];
  templates: readonly SimTemplate[];
  codes: readonly SimScheduleCode[];
  patients: readonly SimDemographic[];
  holidayOffset: number;
}

/**
 * Bookings in the providers' coded slots, three weeks back and four ahead, one per chart per day,
 * with the statuses a real day sheet shows; returned in random (table) order.
 */
export function createDemoAppointments(input: AppointmentInputs): SimAppointment[] {
  const { rng, todayWeekday, providers, templates, codes, patients } = input;
  const codeInfo = new Map<string, SimScheduleCode>();
  for (const c of codes) if (!codeInfo.has(c.code)) codeInfo.set(c.code, c);
  const adults = patients.filter((p) => p.patientStatus === 'AC' && p.dateOfBirth < '2008-01-01');
  const children = patients.filter((p) => p.patientStatus === 'AC' && p.dateOfBirth >= '2008-01-01');
  const out: SimAppointment[] = [];

  for (let dayOffset = -HISTORY_DAYS; dayOffset < FUTURE_DAYS; dayOffset++) {
    if (dayOffset === input.holidayOffset) continue;
    const weekday = String(isoWeekday(todayWeekday, dayOffset)) as '1';
    const bookedToday = new Set<number>();
    for (const provider of providers) {
      const template = templates.find((t) => t.name === provider.week?.[weekday]);
      if (!template) continue;
      const slot = template.slotMinutes;
      for (let i = 0; i < template.timecode.length; i++) {
        const code = codeInfo.get(template.timecode[i] as string);
        if (!code || code.bookinglimit <= 0 || !rng.chance(occupancy(dayOffset))) continue;
        const durationMin = Math.max(slot, Math.ceil(Number(code.duration || slot) / slot) * slot);
        const pool = provider.providerNo === '103' ? children : adults;
        const patient = pickPatient(rng, pool, bookedToday);
        if (!patient) continue;
        const type = code.code === 'P' ? 'P' : rng.weighted([['B', 50], ['2', 20], ['3', 20], ['P', 10]] as const);
        const minutes = i * slot;
        out.push({
          providerNo: provider.providerNo,
          demographicNo: patient.demographicNo,
          dayOffset,
          startTime: `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
          durationMin,
          status: status(rng, dayOffset),
          type,
          reason: rng.pick(REASONS[type] ?? ['Visit']),
          location: code.code === 'P' ? 'Telephone' : null,
        });
        i += durationMin / slot - 1;
      }
    }
    if (weekday === '1' && dayOffset >= 0) {
      out.push({ providerNo: '101', demographicNo: 0, dayOffset, startTime: '12:00', durationMin: 30, status: 't', name: '.Staff meeting', reason: 'Staff meeting' });
    }
  }
  return rng.shuffle(out);
}

function pickPatient(rng: Prng, pool: readonly SimDemographic[], booked: Set<number>): SimDemographic | undefined {
  for (let attempt = 0; attempt < 10; attempt++) {
    const patient = rng.pick(pool);
    if (!booked.has(patient.demographicNo)) {
      booked.add(patient.demographicNo);
      return patient;
    }
  }
  return undefined;
}

function status(rng: Prng, dayOffset: number): string {
  if (dayOffset < 0) return rng.weighted([['B', 78], ['N', 7], ['C', 12], ['BS', 3]] as const);
  if (dayOffset <= 1) return rng.weighted([['t', 85], ['T', 8], ['C', 7]] as const);
  return rng.weighted([['t', 93], ['C', 7]] as const);
}
