import '../common/time/zone-offset-cache.js';
import { DateTime, FixedOffsetZone, IANAZone, type Zone } from 'luxon';
import { EmrInvalidError } from './emr-errors.js';

/**
 * Time conversions between the clinic and an OSCAR server.
 *
 * OSCAR stores appointments and schedules as local wall-clock times and turns them into instants
 * with its JVM's zone. Staff enter those wall times thinking in the clinic's zone, so the wall
 * clock is the truth: when the JVM runs in another zone (often UTC), an appointment typed as 09:00
 * comes back as 09:00Z and still means 09:00 at the clinic. The clock therefore converts by wall
 * time through the server's zone: the clinic's own zone when the server's current GMT offset
 * matches it (DST-safe), else the server's fixed offset.
 */
export class OscarClock {
  readonly serverZone: Zone;

  constructor(
    readonly clinicZone: string,
    /** the server's current GMT offset (getServerTimeGmtOffset), minutes; undefined = same as the clinic */
    readonly serverOffsetMinutes?: number,
    at: DateTime = DateTime.now(),
  ) {
    if (!IANAZone.isValidZone(clinicZone)) throw new EmrInvalidError(`The clinic's time zone "${clinicZone}" is not a valid IANA zone.`);
    const clinicOffset = at.setZone(clinicZone).offset;
    this.serverZone =
      serverOffsetMinutes === undefined || serverOffsetMinutes === clinicOffset
        ? IANAZone.create(clinicZone)
        : FixedOffsetZone.instance(serverOffsetMinutes);
  }

  /** True when the server's clock runs in the clinic's zone. */
  get sameZone(): boolean {
    return this.serverZone.type === 'iana';
  }

  /** An instant read from OSCAR → the clinic-zone time with the same wall clock as the server's. */
  fromServer(value: Date | string): DateTime {
    const instant = value instanceof Date ? DateTime.fromJSDate(value) : DateTime.fromISO(value, { setZone: true });
    return instant.setZone(this.serverZone).setZone(this.clinicZone, { keepLocalTime: true });
  }

  /** A clinic time → the instant to send, whose wall clock on the server equals the clinic's. */
  toServer(time: DateTime): Date {
    return time.setZone(this.clinicZone).setZone(this.serverZone, { keepLocalTime: true }).toJSDate();
  }

  /**
   * The parameter for a day-granular operation (day schedule, appointment queries): 12:00 on that
   * day in server-local time, so the server's truncation to a date lands on the right day.
   */
  dayParam(date: string): Date {
    return this.toServer(this.day(date).set({ hour: 12 }));
  }

  /** Start of an ISO date in the clinic's zone; throws INVALID for anything else. */
  day(date: string): DateTime {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(date) ? DateTime.fromISO(date, { zone: this.clinicZone }) : DateTime.invalid('format');
    if (!day.isValid) throw new EmrInvalidError('A date must be an ISO date such as 2025-03-10.');
    return day.startOf('day');
  }

  /** An ISO instant with an offset, or a clinic-local wall time without one. */
  parse(time: string): DateTime {
    const parsed = DateTime.fromISO(time, { zone: this.clinicZone });
    if (!parsed.isValid) throw new EmrInvalidError('A time must be an ISO date-time such as 2025-03-10T09:00:00-07:00.');
    return parsed.setZone(this.clinicZone);
  }

  /**
   * `fromServer` for the hot path (thousands of appointments per range read): epoch milliseconds,
   * without luxon, when the server runs in the clinic's zone (the instant is the instant); null
   * otherwise or when unreadable (use `fromServer`).
   */
  fastFromServer(value: Date | string): number | null {
    if (!this.sameZone) return null;
    const ms = value instanceof Date ? value.getTime() : /(Z|[+-]\d{2}:?\d{2})$/.test(value) ? Date.parse(value) : Number.NaN;
    return Number.isFinite(ms) ? ms : null;
  }

  /** `iso` of an instant given in epoch milliseconds, without luxon: the clinic's offset then, no milliseconds. */
  isoOfMs(ms: number): string {
    const offset = (this.serverZone as IANAZone).offset(ms);
    const local = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  }

  /** ISO with the clinic's offset, without milliseconds. */
  iso(time: DateTime): string {
    return time.setZone(this.clinicZone).toISO({ suppressMilliseconds: true }) as string;
  }

  isoDate(time: DateTime): string {
    return time.setZone(this.clinicZone).toISODate() as string;
  }
}
