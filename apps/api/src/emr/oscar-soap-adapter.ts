import { DateTime } from 'luxon';
import { lastDigits, toE164 } from '../../../../libs/shared/src/phone.js';
import type {
  AppointmentChanges,
  EmrAdapter,
  EmrAppointment,
  EmrAppointmentType,
  EmrCallOptions,
  EmrDaySchedule,
  EmrPatient,
  EmrProvider,
  EmrScheduleCode,
  EmrSystemInfo,
  NewAppointment,
  PatientNameQuery,
} from './emr-adapter.js';
import { EmrConflictError, EmrInvalidError } from './emr-errors.js';
import { emrCallOutcome, type EmrCallObserver } from './emr-call-outcome.js';
import type { EmrCallKind, EmrResilience } from './emr-resilience.js';
import { OscarClock } from './oscar-clock.js';
import type { OscarService, OscarSoapClient } from './oscar-soap-client.js';
import {
  isSystemProvider,
  list,
  single,
  str,
  toAppointment,
  toAppointmentTransfer,
  toAppointmentType,
  toDaySchedule,
  toPatient,
  toProvider,
  toScheduleCodes,
  type Raw,
} from './oscar-soap-mapping.js';
import { sameName, searchableName } from './patient-matching.js';

/** How long the server's GMT offset is trusted before it is asked again (DST changes it). */
const CLOCK_TTL_MS = 60 * 60 * 1000;
const SEARCH_PAGE = 500;
const MAX_RANGE_DAYS = 366;
/** appointment column widths (oscarinit.sql); MySQL strict mode refuses longer values */
const LIMITS = { name: 50, reason: 80, notes: 255, location: 30, type: 50, remarks: 50 } as const;

export interface OscarSoapAdapterOptions {
  emrType: string;
  clinicZone: string;
  client: OscarSoapClient;
  resilience: EmrResilience;
  /** told how every call ended (metrics) */
  observe?: EmrCallObserver;
}

/** `EmrAdapter` over OSCAR's SOAP web services (reference/oscar-soap.md), with every quirk normalised. */
export class OscarSoapAdapter implements EmrAdapter {
  readonly emrType: string;
  private clock?: { value: OscarClock; at: number };
  private clockPending?: Promise<OscarClock>;
  /** mapped appointment lists by the (remembered) reply object they came from */
  private readonly mappedLists = new WeakMap<object, { clock: OscarClock; appointments: readonly EmrAppointment[] }>();

  constructor(private readonly options: OscarSoapAdapterOptions) {
    this.emrType = options.emrType;
  }

  // ---- patients ----

  async findPatientsByPhone(phone: string, call?: EmrCallOptions): Promise<EmrPatient[]> {
    const e164 = toE164(phone);
    if (!e164) throw new EmrInvalidError('The phone number could not be read.');
    // a substring search on the raw phone text: the last 4 digits match every way of writing it
    const result = await this.read('DemographicService', 'searchDemographicsByAttributes', { arg7: lastDigits(e164, 4), arg10: 0, arg11: SEARCH_PAGE }, call);
    return list(result)
      .map(toPatient)
      .filter((p) => p.phoneE164 === e164 || p.phone2E164 === e164);
  }

  async findPatientsByNameAndDob(query: PatientNameQuery, call?: EmrCallOptions): Promise<EmrPatient[]> {
    const last = searchableName(query.lastName);
    const first = searchableName(query.firstName);
    const dob = DateTime.fromISO(query.dateOfBirth);
    if (!last || !first) throw new EmrInvalidError('A name search needs a first and a last name.');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(query.dateOfBirth) || !dob.isValid) throw new EmrInvalidError('The date of birth must be an ISO date.');
    const result = await this.read('DemographicService', 'searchDemographicByName', { arg0: `${last},${first}`, arg1: 0, arg2: SEARCH_PAGE }, call);
    return list(result)
      .map(toPatient)
      .filter((p) => p.dateOfBirth === query.dateOfBirth && sameName(p.lastName, query.lastName) && sameName(p.firstName, query.firstName, true));
  }

  async findPatientsByName(query: { firstName: string; lastName: string }, call?: EmrCallOptions): Promise<EmrPatient[]> {
    const last = searchableName(query.lastName);
    const first = searchableName(query.firstName);
    if (!last || !first) throw new EmrInvalidError('A name search needs a first and a last name.');
    const result = await this.read('DemographicService', 'searchDemographicByName', { arg0: `${last},${first}`, arg1: 0, arg2: SEARCH_PAGE }, call);
    return list(result)
      .map(toPatient)
      .filter((p) => sameName(p.lastName, query.lastName) && sameName(p.firstName, query.firstName, true));
  }

  async findPatientsByHealthNumber(healthNumber: string, call?: EmrCallOptions): Promise<EmrPatient[]> {
    const wanted = healthNumber.replace(/[\s-]/g, '');
    if (!/^[A-Za-z0-9]{4,20}$/.test(wanted)) throw new EmrInvalidError('The health number could not be read.');
    const result = await this.read('DemographicService', 'searchDemographicsByAttributes', { arg0: wanted, arg10: 0, arg11: 50 }, call);
    return list(result)
      .map(toPatient)
      .filter((p) => (p.healthNumber ?? '').replace(/[\s-]/g, '').toUpperCase() === wanted.toUpperCase());
  }

  async getPatient(demographicNo: number, call?: EmrCallOptions): Promise<EmrPatient | null> {
    assertId(demographicNo, 'patient');
    const raw = single(await this.read('DemographicService', 'getDemographic', { arg0: demographicNo }, call));
    return raw && raw.demographicNo !== undefined ? toPatient(raw) : null;
  }

  // ---- providers and schedules ----

  async listProviders(call?: EmrCallOptions): Promise<EmrProvider[]> {
    const result = await this.read('ProviderService', 'getProviders2', {}, call);
    return list(result)
      .filter((raw) => !isSystemProvider(str(raw.providerNo)))
      .map(toProvider);
  }

  async getDaySchedule(providerNo: string, date: string, call?: EmrCallOptions): Promise<EmrDaySchedule | null> {
    const clock = await this.clockFor(call);
    const result = await this.read('ScheduleService', 'getDayWorkSchedule', { arg0: providerNo, arg1: clock.dayParam(date) }, call);
    const raw = single(result);
    return raw ? toDaySchedule(raw, providerNo, date, clock) : null;
  }

  async getAppointmentsForProvider(providerNo: string, fromDate: string, toDate: string, call?: EmrCallOptions): Promise<EmrAppointment[]> {
    const clock = await this.clockFor(call);
    const from = clock.day(fromDate);
    const to = clock.day(toDate);
    if (to < from) throw new EmrInvalidError('The end date is before the start date.');
    if (to.diff(from, 'days').days > MAX_RANGE_DAYS) throw new EmrInvalidError('Ask for at most a year of appointments at a time.');
    // the range query includes its start day and excludes its end day; it returns every status
    const args = { arg0: clock.dayParam(fromDate), arg1: clock.dayParam(to.plus({ days: 1 }).toISODate() as string), arg2: providerNo, arg3: true };
    const result = await this.read('ScheduleService', 'getAppointmentsForDateRangeAndProvider2', args, call);
    return this.appointmentList(result, clock, (a, b) => byText(a.start, b.start) || a.id - b.id);
  }

  async getAppointmentsForPatient(demographicNo: number, call: EmrCallOptions & { limit?: number } = {}): Promise<EmrAppointment[]> {
    assertId(demographicNo, 'patient');
    const clock = await this.clockFor(call);
    const limit = Math.min(Math.max(call.limit ?? 100, 1), 1000);
    const result = await this.read('ScheduleService', 'getAppointmentsForPatient2', { arg0: demographicNo, arg1: 0, arg2: limit, arg3: true }, call);
    // OSCAR orders by date only; order by start, newest first
    return this.appointmentList(result, clock, (a, b) => byText(b.start, a.start) || b.id - a.id);
  }

  async getAppointment(id: number, call?: EmrCallOptions): Promise<EmrAppointment | null> {
    const clock = await this.clockFor(call);
    const raw = await this.appointmentRecord(id, call);
    return raw ? toAppointment(raw, clock) : null;
  }

  // ---- booking ----

  async addAppointment(input: NewAppointment, call?: EmrCallOptions): Promise<number> {
    const clock = await this.clockFor(call);
    assertId(input.demographicNo, 'patient');
    if (!input.providerNo?.trim()) throw new EmrInvalidError('A booking needs a provider.');
    const start = clock.parse(input.start);
    const end = endOf(start, input.durationMinutes);
    const transfer: Raw = {
      appointmentStartDateTime: clock.toServer(start),
      appointmentEndDateTime: clock.toServer(end),
      demographicNo: input.demographicNo,
      programId: 0,
      providerNo: input.providerNo,
      status: input.status ?? 't',
    };
    for (const field of ['name', 'type', 'reason', 'notes', 'location'] as const) {
      const value = fit(input[field], LIMITS[field]);
      if (value !== null) transfer[field] = value;
    }
    const id = single<number>(await this.write('ScheduleService', 'addAppointment', { arg0: transfer }, call));
    if (typeof id !== 'number' || id <= 0) throw new EmrConflictError('The EMR did not confirm the booking.');
    return id;
  }

  async updateAppointment(id: number, changes: AppointmentChanges, call?: EmrCallOptions): Promise<EmrAppointment> {
    const clock = await this.clockFor(call);
    const current = await this.appointmentRecord(id, call);
    if (!current) throw new EmrConflictError('The appointment no longer exists in the EMR.');
    const before = toAppointment(current, clock);
    const start = changes.start !== undefined ? clock.parse(changes.start) : clock.parse(before.start);
    const end = endOf(start, changes.durationMinutes ?? (before.durationMinutes || 15));
    const patch: Parameters<typeof toAppointmentTransfer>[1] = {};
    if (changes.providerNo !== undefined) patch.providerNo = changes.providerNo;
    if (changes.status !== undefined) patch.status = changes.status;
    for (const field of ['type', 'reason', 'notes', 'location', 'remarks'] as const) {
      if (changes[field] !== undefined) patch[field] = fit(changes[field], LIMITS[field]);
    }
    // updateAppointment overwrites the whole record: send it whole, with the exclusive end
    const transfer = toAppointmentTransfer(current, patch, start, end, clock);
    await this.write('ScheduleService', 'updateAppointment', { arg0: transfer }, call);
    // what OSCAR now stores (it keeps the end one second short, which toAppointment normalises)
    return toAppointment({ ...current, ...transfer, appointmentEndDateTime: clock.toServer(end.minus({ seconds: 1 })) }, clock);
  }

  async cancelAppointment(id: number, call?: EmrCallOptions): Promise<EmrAppointment> {
    const existing = await this.getAppointment(id, call);
    if (!existing) throw new EmrConflictError('The appointment no longer exists in the EMR.');
    if (existing.cancelled) return existing;
    return this.updateAppointment(id, { status: 'C' }, call);
  }

  // ---- configuration and system ----

  async getScheduleTemplateCodes(call?: EmrCallOptions): Promise<EmrScheduleCode[]> {
    return toScheduleCodes(list(await this.read('ScheduleService', 'getScheduleTemplateCodes', {}, call)));
  }

  async getAppointmentTypes(call?: EmrCallOptions): Promise<EmrAppointmentType[]> {
    return list(await this.read('ScheduleService', 'getAppointmentTypes', {}, call)).map(toAppointmentType);
  }

  async getSystemInfo(call?: EmrCallOptions): Promise<EmrSystemInfo> {
    const [alive, serverTime, offsetMs] = await Promise.all([
      this.read('SystemInfoService', 'isAlive', {}, call),
      this.read('SystemInfoService', 'getServerTime', {}, call),
      this.read('SystemInfoService', 'getServerTimeGmtOffset', {}, call),
    ]);
    const now = DateTime.now();
    const serverOffsetMinutes = Math.round(Number(single(offsetMs) ?? 0) / 60_000);
    this.rememberClock(new OscarClock(this.options.clinicZone, serverOffsetMinutes, now));
    const serverInstant = single<Date | string>(serverTime);
    const server = serverInstant ? DateTime.fromJSDate(new Date(serverInstant)) : now;
    return {
      alive: single<string>(alive) === 'alive',
      version: null,
      serverTime: server.setZone(this.options.clinicZone).toISO({ suppressMilliseconds: true }) as string,
      serverGmtOffsetMinutes: serverOffsetMinutes,
      clinicGmtOffsetMinutes: now.setZone(this.options.clinicZone).offset,
      clockSkewSeconds: Math.round(server.diff(now, 'seconds').seconds) || 0,
    };
  }

  // ---- plumbing ----

  private async appointmentRecord(id: number, call?: EmrCallOptions): Promise<Raw | null> {
    assertId(id, 'appointment');
    const raw = single(await this.read('ScheduleService', 'getAppointment2', { arg0: id, arg1: true }, call));
    return raw && raw.id !== undefined ? raw : null;
  }

  /**
   * A reply's appointments, mapped, ordered and frozen (nobody can change what another caller was
   * given). A long reply OSCAR sends again byte for byte is read once (soap-fast-replies remembers
   * it, and hands back the same object): its mapped list is kept beside it, for the same clock, and
   * each caller gets a new array of the same frozen appointments.
   */
  private appointmentList(result: unknown, clock: OscarClock, order: (a: EmrAppointment, b: EmrAppointment) => number): EmrAppointment[] {
    const reply = typeof result === 'object' && result !== null ? result : undefined;
    const known = reply && this.mappedLists.get(reply);
    if (known && known.clock === clock) return known.appointments.slice();
    const appointments = list(result).map((raw) => Object.freeze(toAppointment(raw, clock))).sort(order);
    if (reply) this.mappedLists.set(reply, { clock, appointments });
    return appointments.slice();
  }

  /** The server's clock, asked once an hour (one SystemInfo call, no credentials). */
  private async clockFor(call?: EmrCallOptions): Promise<OscarClock> {
    if (this.clock && Date.now() - this.clock.at < CLOCK_TTL_MS) return this.clock.value;
    this.clockPending ??= this.read('SystemInfoService', 'getServerTimeGmtOffset', {}, call)
      .then((result) => this.rememberClock(new OscarClock(this.options.clinicZone, Math.round(Number(single(result) ?? 0) / 60_000))))
      .finally(() => (this.clockPending = undefined));
    return this.clockPending;
  }

  private rememberClock(clock: OscarClock): OscarClock {
    this.clock = { value: clock, at: Date.now() };
    return clock;
  }

  private read(service: OscarService, operation: string, args: Raw, call?: EmrCallOptions): Promise<unknown> {
    return this.run('read', service, operation, args, call);
  }

  /** Never retried: a lost answer may hide a change that was made. */
  private write(service: OscarService, operation: string, args: Raw, call?: EmrCallOptions): Promise<unknown> {
    return this.run('write', service, operation, args, call);
  }

  private async run(kind: EmrCallKind, service: OscarService, operation: string, args: Raw, call?: EmrCallOptions): Promise<unknown> {
    const started = performance.now();
    const observed = (error?: unknown) =>
      this.options.observe?.({ operation: `${service}.${operation}`, kind, outcome: emrCallOutcome(error), seconds: (performance.now() - started) / 1000 });
    try {
      const result = await this.options.resilience.execute(kind, (signal) => this.options.client.call(service, operation, args, signal), call);
      observed();
      return result;
    } catch (error) {
      observed(error);
      throw error;
    }
  }
}

/**
 * Code-point order of two ISO times (the same format, so chronological for one offset): not
 * `localeCompare`, whose collation cost as much as reading the reply on a month of appointments.
 */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function assertId(id: number, what: string): void {
  if (!Number.isInteger(id) || id <= 0) throw new EmrInvalidError(`The ${what} number must be a positive whole number.`);
}

function endOf(start: DateTime, durationMinutes: number): DateTime {
  if (!Number.isInteger(durationMinutes) || durationMinutes <= 0 || durationMinutes > 24 * 60) {
    throw new EmrInvalidError('An appointment lasts a whole number of minutes, at most a day.');
  }
  const end = start.plus({ minutes: durationMinutes });
  // OSCAR stores a date plus start and end times: a booking across midnight breaks
  if (!end.minus({ seconds: 1 }).hasSame(start, 'day')) {
    throw new EmrInvalidError('An appointment cannot run past midnight.');
  }
  return end;
}

function fit(value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed.slice(0, max);
}
