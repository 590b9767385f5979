import { DateTime } from 'luxon';

/**
 * xs:dateTime as JAXB reads and writes it for java.util.Calendar / Date:
 * `yyyy-MM-ddTHH:mm:ss[.SSS](Z|±hh:mm)`, milliseconds only when non-zero, `Z` for offset 0.
 */
export function formatXsDateTime(dt: DateTime): string {
  // the text depends only on the instant and the offset; a month of appointments repeats them
  const key = `${dt.toMillis()} ${dt.offset}`;
  let text = formatted.get(key);
  if (text === undefined) {
    const base = dt.toFormat("yyyy-MM-dd'T'HH:mm:ss");
    const ms = dt.millisecond === 0 ? '' : `.${String(dt.millisecond).padStart(3, '0')}`;
    text = base + ms + formatOffset(dt.offset);
    remember(formatted, key, text);
  }
  return text;
}

/**
 * Memos of the two luxon conversions every appointment of a list reply makes (immutable results):
 * they cost the simulator more CPU than the rest of a month-long reply, time a real OSCAR does not
 * spend, which then showed as latency. Bounded: emptied when full.
 */
const MEMO_LIMIT = 50_000;
const formatted = new Map<string, string>();
const wallTimes = new Map<string, DateTime>();

function remember<T>(memo: Map<string, T>, key: string, value: T): void {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
}

/** Offsets print as ±hh:mm; Java truncates local-mean-time seconds. */
export function formatOffset(offsetMinutes: number): string {
  const whole = Math.trunc(offsetMinutes);
  if (whole === 0) return 'Z';
  const sign = whole < 0 ? '-' : '+';
  const abs = Math.abs(whole);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * Parses an inbound xs:dateTime (or any lexical form JAXB's XMLGregorianCalendar accepts, e.g. a
 * bare date). An explicit offset is honoured; without one the value is server-local time.
 * Returns null for text that is not a date.
 */
export function parseXsDateTime(text: string, serverZone: string): DateTime | null {
  const trimmed = text.trim();
  if (!/^-?\d{4,}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:\d{2})?$/.test(trimmed)) return null;
  const dt = DateTime.fromISO(trimmed, { zone: serverZone, setZone: true });
  return dt.isValid ? dt : null;
}

/** The server-local calendar day (yyyy-MM-dd) of an instant: OSCAR's day truncation. */
export function serverDay(dt: DateTime, serverZone: string): string {
  return dt.setZone(serverZone).toISODate() ?? '';
}

/** A wall-clock date and time in the server zone. */
export function localDateTime(date: string, time: string, serverZone: string): DateTime {
  const key = `${serverZone} ${date}T${time}`;
  let dt = wallTimes.get(key);
  if (!dt) {
    dt = DateTime.fromISO(`${date}T${time}`, { zone: serverZone });
    remember(wallTimes, key, dt);
  }
  return dt;
}
