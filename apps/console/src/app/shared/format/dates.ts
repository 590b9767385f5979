/**
 * One way to write dates across the console: the Canadian numeric form YYYY-MM-DD (CSA Z234.5),
 * times on the 24-hour clock, and the offset the time is in, said. An instant is shown at the
 * offset the API wrote it with (no time-zone arithmetic in the browser, whose zone data may be
 * older than the API's); an instant the API wrote in UTC (`Z`) is shown on this computer's clock,
 * its zone named ("PST"), as a person reading it expects.
 */

const LOCAL = new Intl.DateTimeFormat('en-CA', {
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short',
});

const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-11-20 10:04 (UTC−08:00)", or "2026-11-20 10:04 PST" for UTC; text that is not an ISO instant is shown as it came. */
export function formatInstant(iso: string | null | undefined, none = '—'): string {
  if (!iso) return none;
  const match = INSTANT.exec(iso);
  if (!match) return iso;
  const [, day, hour, minute, offset] = match;
  if (offset === 'Z') return localInstant(iso);
  return `${day} ${hour}:${minute} (${offsetLabel(offset)})`;
}

function localInstant(iso: string): string {
  const parts = Object.fromEntries(LOCAL.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']} ${parts['timeZoneName'] ?? ''}`.trim();
}

/** "2026-11-20" from a day or an instant (the day at the instant's own offset). */
export function formatDay(value: string | null | undefined, none = '—'): string {
  if (!value) return none;
  return DAY.test(value) ? value : (INSTANT.exec(value)?.[1] ?? value);
}

function offsetLabel(offset: string): string {
  if (/^[+-]00:?00$/.test(offset)) return 'UTC';
  const sign = offset.startsWith('-') ? '−' : '+';
  const digits = offset.slice(1).replace(':', '');
  return `UTC${sign}${digits.slice(0, 2)}:${digits.slice(2)}`;
}

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const [y, m, d] = match.slice(1).map(Number);
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= days;
}
