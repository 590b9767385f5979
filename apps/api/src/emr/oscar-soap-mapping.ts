import { DateTime } from 'luxon';
import { toE164 } from '../../../../libs/shared/src/phone.js';
import type {
  EmrAppointment,
  EmrAppointmentType,
  EmrDaySchedule,
  EmrPatient,
  EmrProvider,
  EmrScheduleCode,
} from './emr-adapter.js';
import type { OscarClock } from './oscar-clock.js';

/**
 * OSCAR transfer objects (as strong-soap returns them) → domain shapes, and back for updates.
 * strong-soap gives numbers for int/unsignedShort, Dates for dateTime, drops empty strings, and
 * always gives arrays for repeated elements; OSCAR omits nulls.
 */
export type Raw = Record<string, unknown>;

/** Provider numbers of OSCAR's system and demo accounts, never real clinicians. */
export const SYSTEM_PROVIDER_NOS: ReadonlySet<string> = new Set(['-1', '999998']);

/** Empty strings and missing values → null. */
export function str(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function int(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? Math.trunc(n) : null;
}

/** The `return` elements of a list reply (absent wrapper → []). */
export function list(result: unknown): Raw[] {
  const items = (result as { return?: unknown } | undefined)?.return;
  if (items === undefined || items === null) return [];
  return (Array.isArray(items) ? items : [items]) as Raw[];
}

/** The `return` element of a single reply (absent wrapper → null). */
export function single<T = Raw>(result: unknown): T | null {
  const item = (result as { return?: unknown } | undefined)?.return;
  if (item === undefined || item === null) return null;
  return (Array.isArray(item) ? item[0] : item) as T;
}

/** An OSCAR `Character` (printed as its character code) → the character. */
export function charCode(value: unknown): string | null {
  const n = int(value);
  return n === null || n <= 0 ? (typeof value === 'string' && value.length === 1 ? value : null) : String.fromCharCode(n);
}

function dateOfBirth(raw: Raw): string | null {
  const year = str(raw.yearOfBirth);
  const month = str(raw.monthOfBirth);
  const day = str(raw.dateOfBirth);
  if (!year || !month || !day) return null;
  const dob = DateTime.fromObject({ year: Number(year), month: Number(month), day: Number(day) });
  return dob.isValid ? dob.toISODate() : null;
}

export function toPatient(raw: Raw): EmrPatient {
  const phone = str(raw.phone);
  const phone2 = str(raw.phone2);
  return {
    demographicNo: int(raw.demographicNo) ?? 0,
    firstName: str(raw.firstName),
    lastName: str(raw.lastName),
    dateOfBirth: dateOfBirth(raw),
    sex: str(raw.sex),
    phone,
    phone2,
    phoneE164: toE164(phone),
    phone2E164: toE164(phone2),
    email: str(raw.email),
    healthNumber: str(raw.hin),
    healthCardVersion: str(raw.ver),
    healthCardType: str(raw.hcType),
    address: str(raw.address),
    city: str(raw.city),
    province: str(raw.province),
    postalCode: str(raw.postal),
    status: str(raw.patientStatus),
    mrpProviderNo: str(raw.providerNo),
  };
}

export function toProvider(raw: Raw): EmrProvider {
  return {
    providerNo: str(raw.providerNo) ?? '',
    firstName: str(raw.firstName),
    lastName: str(raw.lastName),
    title: str(raw.title),
    specialty: str(raw.specialty),
    providerType: str(raw.providerType),
    active: str(raw.status) === '1',
    email: str(raw.email),
    phone: str(raw.phone),
    workPhone: str(raw.workPhone),
    sex: str(raw.sex),
  };
}

export function isSystemProvider(providerNo: string | null): boolean {
  return !providerNo || SYSTEM_PROVIDER_NOS.has(providerNo.trim());
}

/**
 * OSCAR's end is inclusive and reads back short (a SOAP booking for 09:00–09:15 reads 09:14:59,
 * a UI booking 09:14:00): the exclusive end is the end truncated to the minute plus one minute.
 */
export function exclusiveEnd(start: DateTime, inclusiveEnd: DateTime | null): DateTime {
  if (!inclusiveEnd || !inclusiveEnd.isValid) return start;
  const end = inclusiveEnd.startOf('minute').plus({ minutes: 1 });
  return end < start ? start : end;
}

/**
 * An appointment's day, start, exclusive end and length in the clinic's zone: without luxon when
 * the server runs in the clinic's zone (a month of a busy calendar is thousands of them).
 */
function appointmentTimes(startRaw: Date | string | undefined, endRaw: Date | string | undefined, clock: OscarClock): Pick<EmrAppointment, 'date' | 'start' | 'end' | 'durationMinutes'> {
  const startMs = startRaw ? clock.fastFromServer(startRaw) : null;
  const endMs = endRaw ? clock.fastFromServer(endRaw) : null;
  if (startMs !== null && (endMs !== null || !endRaw)) {
    // OSCAR's end is inclusive (one second short): the next whole minute, never before the start
    const exclusive = endMs === null ? startMs : Math.max(startMs, Math.floor(endMs / 60_000) * 60_000 + 60_000);
    const start = clock.isoOfMs(startMs);
    return { date: start.slice(0, 10), start, end: clock.isoOfMs(exclusive), durationMinutes: Math.round((exclusive - startMs) / 60_000) };
  }
  const start = startRaw ? clock.fromServer(startRaw) : DateTime.invalid('no start');
  const end = exclusiveEnd(start, endRaw ? clock.fromServer(endRaw) : null);
  return {
    date: start.isValid ? clock.isoDate(start) : '',
    start: start.isValid ? clock.iso(start) : '',
    end: end.isValid ? clock.iso(end) : '',
    durationMinutes: start.isValid && end.isValid ? Math.round(end.diff(start, 'minutes').minutes) : 0,
  };
}

export function toAppointment(raw: Raw, clock: OscarClock): EmrAppointment {
  const startRaw = raw.appointmentStartDateTime as Date | string | undefined;
  const endRaw = raw.appointmentEndDateTime as Date | string | undefined;
  const times = appointmentTimes(startRaw, endRaw, clock);
  const status = str(raw.status);
  const demographicNo = int(raw.demographicNo);
  const stamp = (value: unknown) => {
    if (!(value instanceof Date || typeof value === 'string')) return null;
    const ms = clock.fastFromServer(value);
    return ms === null ? clock.iso(clock.fromServer(value)) : clock.isoOfMs(ms);
  };
  return {
    id: int(raw.id) ?? 0,
    providerNo: str(raw.providerNo),
    demographicNo: demographicNo && demographicNo > 0 ? demographicNo : null,
    ...times,
    status,
    cancelled: status?.startsWith('C') ?? false,
    noShow: status?.startsWith('N') ?? false,
    type: str(raw.type),
    reason: str(raw.reason),
    notes: str(raw.notes),
    location: str(raw.location),
    name: str(raw.name),
    remarks: str(raw.remarks),
    resources: str(raw.resources),
    urgency: str(raw.urgency),
    bookingSource: str(raw.bookingSource),
    createdAt: stamp(raw.createDateTime),
    updatedAt: stamp(raw.updateDateTime),
  };
}

/** Every writable field of appointmentTransfer (output-only ones are ignored by OSCAR). */
const WRITABLE_STRINGS = [
  'billing', 'bookingSource', 'location', 'name', 'notes', 'providerNo', 'reason', 'remarks', 'resources', 'status',
  'style', 'type', 'urgency',
] as const;

/**
 * The whole record to send to `updateAppointment`, which overwrites every field: the current
 * record with `patch` applied, times as the exclusive end (so a round trip never loses a second).
 */
export function toAppointmentTransfer(
  current: Raw,
  patch: Partial<Record<(typeof WRITABLE_STRINGS)[number], string | null>>,
  start: DateTime,
  end: DateTime,
  clock: OscarClock,
): Raw {
  const transfer: Raw = {
    id: int(current.id),
    demographicNo: int(current.demographicNo) ?? 0,
    programId: int(current.programId) ?? 0,
    appointmentStartDateTime: clock.toServer(start),
    appointmentEndDateTime: clock.toServer(end),
  };
  for (const field of WRITABLE_STRINGS) {
    const value = field in patch ? patch[field] : str(current[field]);
    if (value !== null && value !== undefined) transfer[field] = value;
  }
  return transfer;
}

export function toDaySchedule(raw: Raw, providerNo: string, date: string, clock: OscarClock): EmrDaySchedule {
  const slotMinutes = int(raw.timeSlotDurationMin);
  const slots = list({ return: raw.timeSlots })
    .filter((slot) => slot && (slot.date instanceof Date || typeof slot.date === 'string'))
    .map((slot) => {
      const start = clock.fromServer(slot.date as Date);
      return { start, code: charCode(slot.scheduleCode) };
    })
    .filter((slot): slot is { start: DateTime; code: string } => slot.code !== null && slot.code !== '_' && slot.start.isValid)
    .sort((a, b) => a.start.toMillis() - b.start.toMillis())
    .map(({ start, code }) => ({
      start: clock.iso(start),
      end: clock.iso(start.plus({ minutes: slotMinutes ?? 15 })),
      code,
    }));
  return { providerNo, date, holiday: raw.holiday === true || raw.holiday === 'true', slotMinutes, slots };
}

/** Template codes by character; the EMR may hold the same character twice (the lowest id wins). */
export function toScheduleCodes(items: Raw[]): EmrScheduleCode[] {
  const byCode = new Map<string, { id: number; code: EmrScheduleCode }>();
  for (const raw of items) {
    const code = charCode(raw.code);
    if (!code) continue;
    const id = int(raw.id) ?? Number.MAX_SAFE_INTEGER;
    const existing = byCode.get(code);
    if (existing && existing.id <= id) continue;
    byCode.set(code, {
      id,
      code: {
        code,
        description: str(raw.description),
        durationMinutes: int(raw.duration),
        bookingLimit: int(raw.bookinglimit) ?? 0,
        confirm: str(raw.confirm),
        color: str(raw.color),
      },
    });
  }
  return [...byCode.values()].map((entry) => entry.code).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

export function toAppointmentType(raw: Raw): EmrAppointmentType {
  return {
    id: int(raw.id),
    name: str(raw.name),
    durationMinutes: int(raw.duration) ?? 15,
    location: str(raw.location),
    reason: str(raw.reason),
    notes: str(raw.notes),
    resources: str(raw.resources),
  };
}
