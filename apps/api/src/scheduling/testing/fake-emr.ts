import { DateTime } from 'luxon';
import type { ClinicConfig } from '../../clinics/clinic-config.entity.js';
import { ClinicStatus, ProviderStatus } from '../../database/enums.js';
import type { EmrAdapter, EmrAppointment, EmrDaySchedule, EmrScheduleCode, NewAppointment } from '../../emr/emr-adapter.js';
import type { ClinicProvider } from '../../providers/clinic-provider.entity.js';
import { SYSTEM_BOOKING_DEFAULTS } from '../../providers/effective-config.js';
import { openingHours } from '../booking-window.js';
import { isoWeekday, toClinicIso } from '../clinic-time.js';
import { expandTimecode } from '../day-slots.js';
import { providerRules } from '../provider-rules.js';
import type { SchedulingContext } from '../scheduling-context.js';

/** An in-memory EMR for unit tests of the search: weekly timecodes per provider, appointments, calls counted. */
export class FakeEmr {
  calls: string[] = [];
  appointments: EmrAppointment[] = [];
  private nextId = 1000;

  constructor(
    readonly zone: string,
    /** providerNo → ISO weekday → timecode */
    readonly weeks: Record<string, Record<number, string>>,
    readonly codes: EmrScheduleCode[] = [
      { code: '1', description: '15 min', durationMinutes: 15, bookingLimit: 1, confirm: 'No', color: null },
      { code: '2', description: 'double', durationMinutes: 15, bookingLimit: 2, confirm: 'No', color: null },
      { code: 'A', description: 'Academic', durationMinutes: null, bookingLimit: 0, confirm: 'No', color: null },
    ],
    readonly emrHolidays: ReadonlySet<string> = new Set(),
  ) {}

  book(providerNo: string, demographicNo: number, start: string, minutes = 15, extra: Partial<EmrAppointment> = {}): EmrAppointment {
    const s = DateTime.fromISO(start, { zone: this.zone });
    const appointment: EmrAppointment = {
      id: this.nextId++, providerNo, demographicNo, date: s.toISODate() as string, start: toClinicIso(s, this.zone),
      end: toClinicIso(s.plus({ minutes }), this.zone), durationMinutes: minutes, status: 't', cancelled: false, noShow: false,
      type: 'B', reason: null, notes: null, location: null, name: null, remarks: null, resources: null, urgency: null,
      bookingSource: null, createdAt: null, updatedAt: null, ...extra,
    };
    this.appointments.push(appointment);
    return appointment;
  }

  adapter(): EmrAdapter {
    const fake: Partial<EmrAdapter> = {
      emrType: 'fake',
      getScheduleTemplateCodes: async () => {
        this.calls.push('codes');
        return this.codes;
      },
      getDaySchedule: async (providerNo: string, date: string): Promise<EmrDaySchedule | null> => {
        this.calls.push(`schedule ${providerNo} ${date}`);
        const timecode = this.weeks[providerNo]?.[isoWeekday(date)];
        if (!timecode) return null;
        const slots = expandTimecode(date, this.zone, timecode).map((s) => ({
          start: toClinicIso(s.start, this.zone), end: toClinicIso(s.start.plus({ minutes: 1440 / timecode.length }), this.zone), code: s.code,
        }));
        return { providerNo, date, holiday: this.emrHolidays.has(date), slotMinutes: 1440 / timecode.length, slots };
      },
      getAppointmentsForProvider: async (providerNo: string, from: string, to: string) => {
        this.calls.push(`appointments ${providerNo} ${from}..${to}`);
        return this.appointments.filter((a) => a.providerNo === providerNo && a.date >= from && a.date <= to);
      },
      getAppointmentsForPatient: async (demographicNo: number) => {
        this.calls.push(`patient ${demographicNo}`);
        return this.appointments.filter((a) => a.demographicNo === demographicNo).sort((a, b) => b.start.localeCompare(a.start));
      },
      addAppointment: async (input: NewAppointment) => {
        this.calls.push('add');
        return this.book(input.providerNo, input.demographicNo, input.start, input.durationMinutes, { type: input.type ?? null }).id;
      },
    };
    return fake as EmrAdapter;
  }
}

/** A timecode of 15-minute slots: `blocks` as [from, to, code]. */
export function timecode(blocks: [string, string, string][], slotMinutes = 15): string {
  const chars = Array.from({ length: 1440 / slotMinutes }, () => '_');
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  for (const [from, to, code] of blocks) for (let m = minutes(from); m < minutes(to); m += slotMinutes) chars[m / slotMinutes] = code;
  return chars.join('');
}

export function testConfig(overrides: Partial<ClinicConfig> = {}): ClinicConfig {
  const { appointmentTypeMappings: _system, ...defaults } = SYSTEM_BOOKING_DEFAULTS;
  return { ...defaults, appointmentTypeMappings: null, defaultProviderId: null, ...overrides } as unknown as ClinicConfig;
}

export function testProvider(providerNo: string, lastName: string, fields: Partial<ClinicProvider> = {}): ClinicProvider {
  return {
    id: `00000000-0000-4000-8000-000000000${providerNo.padStart(3, '0')}`, clinicId: 'c', firstName: 'Pat', lastName, title: 'Dr.', displayName: null,
    specialty: 'Family Medicine', acceptingNewPatients: true, status: ProviderStatus.Active, oscarProviderId: providerNo, voiceBookable: true,
    maxAdvanceBookingDays: null, visitMode: 'both', scheduleCodeConfig: null, appointmentTypeOverrides: null, ...fields,
  } as ClinicProvider;
}

/** Mon–Fri 09:00–17:00 unless given. */
export function testContext(config: ClinicConfig, providers: ClinicProvider[], extra: Partial<SchedulingContext> = {}): SchedulingContext {
  return {
    clinicId: '00000000-0000-4000-8000-000000000001',
    status: ClinicStatus.Active,
    zone: 'America/Vancouver',
    config,
    hours: openingHours([1, 2, 3, 4, 5].map((d) => ({ dayOfWeek: d, openTime: '09:00', closeTime: '17:00', isClosed: false }))),
    holidays: new Set(),
    providers: providers.map((p) => providerRules(config, p)),
    pulledCodes: null,
    ...extra,
  };
}
