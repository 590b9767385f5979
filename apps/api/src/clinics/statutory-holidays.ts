/** The years a statutory import may ask for. */
export const STATUTORY_YEARS = { min: 2000, max: 2100 } as const;

export const MANUAL_SOURCE = 'manual';

/** `statutory:CA-BC`: what an imported holiday's `source` says. */
export function statutorySource(province: string): string {
  return `statutory:CA-${province}`;
}

export interface StatutoryHoliday {
  /** `YYYY-MM-DD`, a day at the clinic */
  date: string;
  /** in English, e.g. `Family Day` */
  name: string;
}

/**
 * A Canadian province's or territory's statutory (public) holidays of a year, in English, one per
 * date, ordered by date — from `date-holidays`' calendar of Canada. Observances, bank and optional
 * holidays are left out: a clinic is not expected to close on them. `undefined` when the library
 * has no calendar for the province.
 */
export async function statutoryHolidays(province: string, year: number): Promise<StatutoryHoliday[] | undefined> {
  // loaded on the first import only: the world's calendars cost a replica ~30 MB it rarely needs
  const { default: Holidays } = await import('date-holidays');
  const calendar = new Holidays();
  // an unknown state falls back to the country's calendar: refuse it instead
  if (!Object.hasOwn(calendar.getStates('CA') ?? {}, province)) return undefined;
  calendar.init('CA', province, { languages: ['en'], types: ['public'] });
  const byDate = new Map<string, string>();
  for (const holiday of calendar.getHolidays(year, 'en')) {
    if (holiday.type !== 'public') continue;
    const date = holiday.date.slice(0, 10);
    if (!byDate.has(date)) byDate.set(date, holiday.name);
  }
  return [...byDate].map(([date, name]) => ({ date, name })).sort((a, b) => a.date.localeCompare(b.date));
}
