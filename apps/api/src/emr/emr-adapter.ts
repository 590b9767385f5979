/**
 * What the rest of VoiceDesk knows about an EMR. Normalised domain shapes only: no SOAP names,
 * character codes, one-second-short end times or server offsets leak out of an adapter.
 *
 * Time: instants are ISO 8601 strings with the clinic's offset (`2025-03-10T09:00:00-07:00`);
 * days are ISO dates (`2025-03-10`) in the clinic's IANA zone. End times are exclusive.
 */

/** Options every adapter call takes: the caller's cancellation and overall deadline. */
export interface EmrCallOptions {
  /** aborts the call (and its HTTP request) */
  signal?: AbortSignal;
  /**
   * epoch milliseconds by which the whole call must be over, retries and the wait in the clinic's
   * queue included. Still queued then: `EmrBusyError` (the EMR was never asked); asked but not
   * answered: `EmrTimeoutError`.
   */
  deadline?: number;
  /**
   * A read that must see the EMR as it is now (e.g. a booking's re-check under its lock): it takes
   * no recently completed result, and joins an identical read in flight only if that read had not
   * yet reached the EMR when this call was made. Ignored by writes (never shared).
   */
  fresh?: boolean;
  /**
   * Like `fresh`, from this instant (epoch ms) instead of the call's own: any read that reached the
   * EMR at or after it will do, in flight or just completed (many bookings that started together
   * share their re-reads).
   */
  freshSince?: number;
  /**
   * Called once, when the call's first EMR request has left the clinic's queue and is sent. Lets a
   * caller that shares a read tell "still queued" (BUSY) from "asked and waiting" (timeout).
   */
  onRunning?: () => void;
}

export interface EmrPatient {
  demographicNo: number;
  firstName: string | null;
  lastName: string | null;
  /** ISO date, or null when the chart has none */
  dateOfBirth: string | null;
  sex: string | null;
  /** the chart's phone fields as typed in the EMR */
  phone: string | null;
  phone2: string | null;
  /** the same, normalised (null when unreadable) */
  phoneE164: string | null;
  phone2E164: string | null;
  email: string | null;
  healthNumber: string | null;
  healthCardVersion: string | null;
  /** province of the health card, e.g. `BC` */
  healthCardType: string | null;
  address: string | null;
  city: string | null;
  province: string | null;
  postalCode: string | null;
  /** OSCAR patient status: `AC` active, `IN` inactive, `DE` deceased, `MO` moved, `FI` fired, or custom */
  status: string | null;
  /** most responsible provider's number */
  mrpProviderNo: string | null;
}

export interface EmrProvider {
  /** OSCAR provider number, e.g. `"101"` */
  providerNo: string;
  firstName: string | null;
  lastName: string | null;
  title: string | null;
  specialty: string | null;
  /** `doctor`, `nurse`, `receptionist`, … */
  providerType: string | null;
  active: boolean;
  email: string | null;
  phone: string | null;
  workPhone: string | null;
  sex: string | null;
}

export interface EmrScheduleSlot {
  start: string;
  /** exclusive: start + the template's slot length */
  end: string;
  /** the schedule template code as a character, e.g. `"1"`, `"B"` */
  code: string;
}

export interface EmrDaySchedule {
  providerNo: string;
  date: string;
  /** the day is a holiday in the EMR; its slots are still listed */
  holiday: boolean;
  slotMinutes: number | null;
  /** coded slots ordered by start; no-schedule slots are left out */
  slots: EmrScheduleSlot[];
}

export interface EmrAppointment {
  id: number;
  providerNo: string | null;
  /** null when the appointment has no patient */
  demographicNo: number | null;
  /** clinic-local day of the start */
  date: string;
  start: string;
  /** exclusive end, whole minutes (the EMR's inclusive/one-second-short end normalised) */
  end: string;
  durationMinutes: number;
  /** OSCAR status, case-sensitive (`t`, `H`, `C`, `N`, `CS`, …) */
  status: string | null;
  /** status starts with `C` */
  cancelled: boolean;
  /** status starts with `N` */
  noShow: boolean;
  type: string | null;
  reason: string | null;
  notes: string | null;
  location: string | null;
  /** name on the booking, usually `LAST,FIRST` */
  name: string | null;
  remarks: string | null;
  resources: string | null;
  urgency: string | null;
  bookingSource: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export interface NewAppointment {
  providerNo: string;
  demographicNo: number;
  /** ISO instant or clinic-local wall time (`2025-03-10T09:00`) */
  start: string;
  durationMinutes: number;
  /** `LAST,FIRST`; OSCAR shows it on the day sheet */
  name?: string | null;
  type?: string | null;
  reason?: string | null;
  notes?: string | null;
  location?: string | null;
  /** default `t` (To Do), as the OSCAR UI does */
  status?: string;
}

/** Fields to change; everything else on the record is kept as it is. */
export interface AppointmentChanges {
  providerNo?: string;
  start?: string;
  /** keeps the current duration when only `start` moves */
  durationMinutes?: number;
  status?: string;
  type?: string | null;
  reason?: string | null;
  notes?: string | null;
  location?: string | null;
  remarks?: string | null;
}

export interface EmrScheduleCode {
  /** one character, e.g. `"B"` */
  code: string;
  description: string | null;
  /** minutes, null when the EMR has none */
  durationMinutes: number | null;
  /** bookings allowed per slot */
  bookingLimit: number;
  confirm: string | null;
  color: string | null;
}

/**
 * A caller's own list of appointments: a new array (sorting it changes nobody else's), holding the
 * same objects where they are frozen (the OSCAR adapter freezes what it reads, so a remembered
 * month is shared, never copied) and copies of the others (flat objects: a spread copies them
 * whole) — far cheaper than structuredClone for a month of them.
 */
export function copyAppointments(appointments: readonly EmrAppointment[]): EmrAppointment[] {
  return appointments.map((a) => (Object.isFrozen(a) ? a : { ...a }));
}

export interface EmrAppointmentType {
  id: number | null;
  name: string | null;
  durationMinutes: number;
  location: string | null;
  reason: string | null;
  notes: string | null;
  resources: string | null;
}

export interface EmrSystemInfo {
  alive: boolean;
  /** the EMR's version when it reports one (OSCAR's SOAP services do not) */
  version: string | null;
  /** the EMR server's clock, in the clinic's offset */
  serverTime: string;
  serverGmtOffsetMinutes: number;
  /** the clinic zone's offset at the same instant */
  clinicGmtOffsetMinutes: number;
  /** serverTime − local clock (positive: the server is ahead) */
  clockSkewSeconds: number;
}

export interface PatientNameQuery {
  firstName: string;
  lastName: string;
  /** ISO date */
  dateOfBirth: string;
}

export interface EmrAdapter {
  readonly emrType: string;

  /** Charts whose phone or second phone is this number (any format in the chart). */
  findPatientsByPhone(phone: string, options?: EmrCallOptions): Promise<EmrPatient[]>;
  /** Charts with this last name, a first name starting as given, and exactly this date of birth. */
  findPatientsByNameAndDob(query: PatientNameQuery, options?: EmrCallOptions): Promise<EmrPatient[]>;
  findPatientsByHealthNumber(healthNumber: string, options?: EmrCallOptions): Promise<EmrPatient[]>;
  /** Charts with this last name and a first name starting as given, whatever the date of birth (OSCAR's `searchDemographicByName`). */
  findPatientsByName(query: { firstName: string; lastName: string }, options?: EmrCallOptions): Promise<EmrPatient[]>;
  getPatient(demographicNo: number, options?: EmrCallOptions): Promise<EmrPatient | null>;

  /** Real providers only (system and demo accounts left out), active and inactive. */
  listProviders(options?: EmrCallOptions): Promise<EmrProvider[]>;
  /** null when the provider has no schedule that day */
  getDaySchedule(providerNo: string, date: string, options?: EmrCallOptions): Promise<EmrDaySchedule | null>;
  /** Every status, cancelled included, from `fromDate` to `toDate` (both inclusive), ordered by start. */
  getAppointmentsForProvider(providerNo: string, fromDate: string, toDate: string, options?: EmrCallOptions): Promise<EmrAppointment[]>;
  /** Every status, newest first. */
  getAppointmentsForPatient(demographicNo: number, options?: EmrCallOptions & { limit?: number }): Promise<EmrAppointment[]>;
  getAppointment(id: number, options?: EmrCallOptions): Promise<EmrAppointment | null>;
  /** Books without any check (the EMR validates nothing): callers check availability first. Returns the new id. */
  addAppointment(input: NewAppointment, options?: EmrCallOptions): Promise<number>;
  /** Read-modify-write: only the given fields change. */
  updateAppointment(id: number, changes: AppointmentChanges, options?: EmrCallOptions): Promise<EmrAppointment>;
  /** Status `C`; the rest of the record is kept. */
  cancelAppointment(id: number, options?: EmrCallOptions): Promise<EmrAppointment>;

  /** One entry per code character (duplicates in the EMR collapsed to the first). */
  getScheduleTemplateCodes(options?: EmrCallOptions): Promise<EmrScheduleCode[]>;
  getAppointmentTypes(options?: EmrCallOptions): Promise<EmrAppointmentType[]>;
  getSystemInfo(options?: EmrCallOptions): Promise<EmrSystemInfo>;
}
