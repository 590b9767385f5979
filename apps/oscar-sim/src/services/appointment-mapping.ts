import { DateTime } from 'luxon';
import { serverFault } from '../soap/fault.js';
import type { XsObject } from '../soap/unmarshal.js';
import type { StoredAppointment } from '../state/sim-state.js';
import { localDateTime } from '../time/xs-datetime.js';

/**
 * AppointmentTransfer.toTransfer: times come from the stored local date and times; with
 * useGMTTime they print in UTC (`Z`), otherwise with the server offset. Same instant either way.
 */
export function toAppointmentTransfer(row: StoredAppointment, useGmt: boolean, zone: string): Record<string, unknown> {
  const at = (dt: DateTime) => (useGmt ? dt.toUTC() : dt.setZone(zone));
  return {
    id: row.id,
    appointmentStartDateTime: at(localDateTime(row.date, row.startTime, zone)),
    appointmentEndDateTime: at(localDateTime(row.date, row.endTime, zone)),
    providerNo: row.providerNo,
    demographicNo: row.demographicNo,
    programId: row.programId,
    name: row.name,
    notes: row.notes,
    reason: row.reason,
    location: row.location,
    resources: row.resources,
    type: row.type,
    style: row.style,
    billing: row.billing,
    status: row.status,
    remarks: row.remarks,
    urgency: row.urgency,
    bookingSource: row.bookingSource,
    creator: row.creator,
    lastUpdateUser: row.lastUpdateUser,
    createDateTime: at(row.createDateTime),
    updateDateTime: at(row.updateDateTime),
  };
}

export function toArchiveTransfer(row: StoredAppointment & { archiveId: number }, useGmt: boolean, zone: string) {
  return { ...toAppointmentTransfer(row, useGmt, zone), id: row.archiveId, appointmentId: row.id };
}

/** Column widths of `appointment` (oscarinit.sql); MySQL strict mode refuses longer values. */
const COLUMN_LIMITS: ReadonlyArray<[keyof StoredAppointment, string, number]> = [
  ['providerNo', 'provider_no', 6], ['name', 'name', 50], ['notes', 'notes', 255], ['reason', 'reason', 80],
  ['location', 'location', 30], ['resources', 'resources', 255], ['type', 'type', 50], ['style', 'style', 10],
  ['billing', 'billing', 10], ['status', 'status', 2], ['remarks', 'remarks', 50], ['urgency', 'urgency', 30],
];

export type CopiedFields = Omit<StoredAppointment, 'id' | 'creator' | 'lastUpdateUser' | 'createDateTime' | 'updateDateTime'>;

/**
 * AppointmentTransfer.copyTo: every field is overwritten (omitted strings become null). The date
 * and start come from the start instant in the server zone; the end is the sent end − 1 ms, and the
 * TIME column drops the fraction, so 09:15 reads back 09:14:59. A null start or end keeps `previous`.
 */
export function copyTransfer(t: XsObject, zone: string, previous?: StoredAppointment): Partial<CopiedFields> {
  const s = (name: string): string | null => (typeof t[name] === 'string' ? (t[name] as string) : null);
  const out: Partial<CopiedFields> = {
    providerNo: s('providerNo'),
    demographicNo: typeof t.demographicNo === 'number' ? t.demographicNo : 0,
    programId: typeof t.programId === 'number' ? t.programId : 0,
    name: s('name'), notes: s('notes'), reason: s('reason'), location: s('location'), resources: s('resources'),
    type: s('type'), style: s('style'), billing: s('billing'), status: s('status'), remarks: s('remarks'),
    urgency: s('urgency'), bookingSource: s('bookingSource'),
  };
  const start = t.appointmentStartDateTime instanceof DateTime ? t.appointmentStartDateTime.setZone(zone) : null;
  const end = t.appointmentEndDateTime instanceof DateTime ? t.appointmentEndDateTime.setZone(zone) : null;
  if (start) {
    out.date = start.toISODate() ?? '';
    out.startTime = start.toFormat('HH:mm:ss');
  } else if (previous) {
    out.date = previous.date;
    out.startTime = previous.startTime;
  }
  if (end) out.endTime = end.minus({ milliseconds: 1 }).toFormat('HH:mm:ss');
  else if (previous) out.endTime = previous.endTime;
  for (const [field, column, limit] of COLUMN_LIMITS) {
    const value = out[field as keyof CopiedFields];
    if (typeof value === 'string' && value.length > limit) {
      throw serverFault(`Data truncation: Data too long for column '${column}' at row 1`);
    }
  }
  return out;
}
