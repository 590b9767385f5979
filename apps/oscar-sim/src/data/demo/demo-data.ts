import { DateTime } from 'luxon';
import type { SimDataFile } from '../data-file.js';
import { createDemoAppointments, demoHolidayOffset } from './demo-appointments.js';
import {
  DEMO_APPOINTMENT_TYPES, DEMO_LOGINS, DEMO_PROVIDERS, DEMO_SCHEDULE_CODES, DEMO_TEMPLATES, DEMO_TIMEZONE,
} from './demo-clinic.js';
import { createDemoPatients } from './demo-patients.js';
import { Prng } from './prng.js';

const SEED = 20261123;

/**
 * The built-in demo data file: a Metro Vancouver family practice with 8 providers (plus OSCAR's
 * system provider 999998), 320 charts and about a thousand appointments. Deterministic for a
 * given weekday of "today" (bookings are laid on the weekly templates, which depend on it).
 */
export function createDemoData(today?: string): SimDataFile {
  const day = today ? DateTime.fromISO(today, { zone: DEMO_TIMEZONE }) : DateTime.now().setZone(DEMO_TIMEZONE);
  const patients = createDemoPatients(new Prng(SEED));
  const holidayOffset = demoHolidayOffset(day.weekday);
  const appointments = createDemoAppointments({
    rng: new Prng(SEED + day.weekday),
    todayWeekday: day.weekday,
    providers: DEMO_PROVIDERS,
    templates: DEMO_TEMPLATES,
    codes: DEMO_SCHEDULE_CODES,
    patients,
    holidayOffset,
  });
  return {
    timezone: DEMO_TIMEZONE,
    logins: DEMO_LOGINS,
    scheduleTemplateCodes: DEMO_SCHEDULE_CODES,
    templates: DEMO_TEMPLATES,
    providers: DEMO_PROVIDERS,
    holidays: [{ dayOffset: holidayOffset, name: 'Clinic closed: staff training day' }],
    demographics: patients,
    appointments,
    appointmentTypes: DEMO_APPOINTMENT_TYPES,
  };
}
