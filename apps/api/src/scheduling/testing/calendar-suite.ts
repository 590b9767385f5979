import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { ClinicConfig } from '../../clinics/clinic-config.entity.js';
import { createTestDatabase, type TestDatabase } from '../../../../../libs/testing/src/database.js';
import { startTestOscarSim, type SimDataFile, type TestOscarSim } from '../../../../../libs/testing/src/oscar-sim.js';
import { clinicCalendar, type CalendarOptions } from './clinic-calendar.js';
import { createSchedulingClinic, schedulingServices, type SchedulingKit } from './scheduling-kit.js';

/** Wednesday 10 March 2027, 08:00 in Vancouver (UTC−7 all year since 2026): the busy calendar's "today". */
export const CALENDAR_TODAY = '2027-03-10';
export const CALENDAR_ZONE = 'America/Vancouver';
const NOW = new Date('2027-03-10T15:00:00Z');

export interface CalendarSuite {
  readonly data: SimDataFile;
  readonly db: TestDatabase;
  readonly sim: TestOscarSim;
  readonly kit: SchedulingKit;
  /** a clinic of its own on the simulator (providers synced, codes pulled) */
  clinic(config?: Partial<ClinicConfig>): Promise<string>;
  /** the same, with its schedule cache filled by one refresh round */
  warmClinic(config?: Partial<ClinicConfig>): Promise<string>;
}

/** ISO instant with the clinic's offset of a wall time on a day of the calendar. */
export function calendarAt(date: string, hhmm: string): string {
  return DateTime.fromISO(`${date}T${hhmm}`, { zone: CALENDAR_ZONE }).toISO({ suppressMilliseconds: true }) as string;
}

/**
 * A suite on a busy clinic's calendar (`clinicCalendar`): one database and one simulator for the
 * file, the calendar reloaded and the simulator's counters and faults reset before each test.
 */
export function calendarSuite(options: Omit<CalendarOptions, 'hours' | 'slotMinutes'>): CalendarSuite {
  const data = clinicCalendar(options, 3);
  const state = {} as { db: TestDatabase; sim: TestOscarSim; kit: SchedulingKit };
  beforeAll(async () => {
    [state.db, state.sim] = await Promise.all([createTestDatabase(), startTestOscarSim({ today: CALENDAR_TODAY, data, badPasswordDelayMs: 0 })]);
    state.kit = schedulingServices(state.db.dataSource, NOW);
  });
  afterAll(async () => {
    await Promise.all([state.db?.drop(), state.sim?.close()]);
  });
  beforeEach(async () => {
    await state.sim.control.loadData(data, CALENDAR_TODAY);
    await state.sim.control.reset({ counters: true, faults: true });
  });
  const clinic = (config: Partial<ClinicConfig> = {}) => createSchedulingClinic(state.db.dataSource, state.kit, state.sim, config);
  return {
    data,
    get db() { return state.db; },
    get sim() { return state.sim; },
    get kit() { return state.kit; },
    clinic,
    async warmClinic(config = {}) {
      const clinicId = await clinic(config);
      await state.kit.cache.refresh(clinicId);
      return clinicId;
    },
  };
}
