import { DateTime } from 'luxon';
import type {
  SimAppointmentType, SimDataFile, SimDemographic, SimLogin, SimProvider, SimScheduleCode, SimTemplate,
} from '../data/data-file.js';

/** An appointment row as OSCAR stores it: a local date, a start time and an inclusive end time. */
export interface StoredAppointment {
  id: number;
  providerNo: string | null;
  demographicNo: number;
  /** Server-local yyyy-MM-dd */
  date: string;
  /** HH:mm:ss, server-local */
  startTime: string;
  endTime: string;
  programId: number;
  name: string | null;
  notes: string | null;
  reason: string | null;
  location: string | null;
  resources: string | null;
  type: string | null;
  style: string | null;
  billing: string | null;
  status: string | null;
  remarks: string | null;
  urgency: string | null;
  bookingSource: string | null;
  creator: string | null;
  lastUpdateUser: string | null;
  createDateTime: DateTime;
  updateDateTime: DateTime;
}

export interface ArchivedAppointment extends StoredAppointment {
  archiveId: number;
  /** When the archive row was written (the update that replaced it). */
  archivedAt: DateTime;
}

export interface StoredScheduleCode extends SimScheduleCode { id: number }
export interface StoredAppointmentType extends SimAppointmentType { id: number }

/** How many weeks ahead each provider's `week` template is scheduled (SPEC §12). */
export const SCHEDULE_WEEKS = 12;

export interface StateOptions {
  /** Override of "today" (yyyy-MM-dd, in the data's zone); defaults to the current day. */
  today?: string;
}

/** The in-memory OSCAR database. Built from a data file; rebuilt on reset. */
export class SimState {
  readonly zone: string;
  readonly today: string;
  readonly logins: ReadonlyMap<number, SimLogin>;
  readonly providers: readonly SimProvider[];
  readonly scheduleCodes: readonly StoredScheduleCode[];
  readonly appointmentTypes: readonly StoredAppointmentType[];
  readonly templates: ReadonlyMap<string, SimTemplate>;
  readonly holidays: ReadonlyMap<string, string>;
  readonly demographics: ReadonlyMap<number, SimDemographic>;
  readonly appointments = new Map<number, StoredAppointment>();
  readonly archive: ArchivedAppointment[] = [];
  private nextAppointmentId = 1;
  private nextArchiveId = 1;
  private readonly scheduleEnd: string;

  constructor(readonly data: SimDataFile, options: StateOptions = {}) {
    this.zone = data.timezone;
    const todayDt = options.today
      ? DateTime.fromISO(options.today, { zone: this.zone })
      : DateTime.now().setZone(this.zone).startOf('day');
    this.today = todayDt.toISODate() ?? '';
    this.scheduleEnd = todayDt.plus({ weeks: SCHEDULE_WEEKS }).toISODate() ?? '';
    this.logins = new Map(data.logins.map((l) => [l.securityNo, l]));
    this.providers = data.providers;
    this.scheduleCodes = data.scheduleTemplateCodes.map((c, i) => ({ ...c, id: i + 1 }));
    this.appointmentTypes = (data.appointmentTypes ?? []).map((t, i) => ({ ...t, id: i + 1 }));
    this.templates = new Map(data.templates.map((t) => [t.name, t]));
    this.holidays = new Map((data.holidays ?? []).map((h) => [this.dayAt(h.dayOffset), h.name]));
    this.demographics = new Map(data.demographics.map((d) => [d.demographicNo, d]));
    this.seedAppointments();
  }

  now(): DateTime {
    return DateTime.now().setZone(this.zone);
  }

  /** The yyyy-MM-dd date `offset` days from today. */
  dayAt(offset: number): string {
    return DateTime.fromISO(this.today, { zone: this.zone }).plus({ days: offset }).toISODate() ?? '';
  }

  provider(providerNo: string | null | undefined): SimProvider | undefined {
    return this.providers.find((p) => p.providerNo === providerNo);
  }

  /** The template a provider works on a day (OSCAR's active `scheduledate` row), if any. */
  scheduledTemplate(providerNo: string, date: string): { templateName: string; template?: SimTemplate } | undefined {
    if (date < this.today || date >= this.scheduleEnd) return undefined;
    const weekday = String(DateTime.fromISO(date, { zone: this.zone }).weekday) as keyof NonNullable<SimProvider['week']>;
    const templateName = this.provider(providerNo)?.week?.[weekday];
    if (!templateName) return undefined;
    return { templateName, template: this.templates.get(templateName) };
  }

  insertAppointment(row: Omit<StoredAppointment, 'id'>): StoredAppointment {
    const stored = { ...row, id: this.nextAppointmentId++ };
    this.appointments.set(stored.id, stored);
    return stored;
  }

  archiveAppointment(row: StoredAppointment, at: DateTime): void {
    this.archive.push({ ...row, archiveId: this.nextArchiveId++, archivedAt: at });
  }

  private seedAppointments(): void {
    const created = this.now().minus({ days: 30 }).startOf('second');
    for (const a of this.data.appointments ?? []) {
      const chart = this.demographics.get(a.demographicNo);
      const start = DateTime.fromISO(`${this.dayAt(a.dayOffset)}T${a.startTime}`, { zone: this.zone });
      // A booking made in the OSCAR UI stores start + duration − 1 minute as its end.
      const end = start.plus({ minutes: a.durationMin - 1 });
      this.insertAppointment({
        providerNo: a.providerNo,
        demographicNo: a.demographicNo,
        date: start.toISODate() ?? '',
        startTime: start.toFormat('HH:mm:ss'),
        endTime: end.toFormat('HH:mm:ss'),
        programId: 0,
        name: a.name ?? (chart ? `${chart.lastName},${chart.firstName}` : null),
        notes: a.notes ?? null,
        reason: a.reason ?? null,
        location: a.location ?? null,
        resources: null,
        type: a.type ?? null,
        style: null,
        billing: null,
        status: a.status ?? 't',
        remarks: a.remarks ?? null,
        urgency: null,
        bookingSource: null,
        creator: 'oscardoc, doctor',
        lastUpdateUser: null,
        createDateTime: created,
        updateDateTime: created,
      });
    }
  }
}
