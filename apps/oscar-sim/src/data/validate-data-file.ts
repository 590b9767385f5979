import { readFileSync } from 'node:fs';
import { IANAZone } from 'luxon';
import type { SimDataFile } from './data-file.js';

export class DataFileError extends Error {
  constructor(readonly problems: string[], source = 'data file') {
    super(`Invalid OSCAR simulator ${source}:\n  - ${problems.join('\n  - ')}`);
    this.name = 'DataFileError';
  }
}

export function readDataFile(path: string): SimDataFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new DataFileError([(err as Error).message], `data file ${path}`);
  }
  return validateDataFile(json, `data file ${path}`);
}

/** Checks the shape and the cross references of a data file; lists every problem at once. */
export function validateDataFile(json: unknown, source = 'data file'): SimDataFile {
  const problems: string[] = [];
  const need = (ok: boolean, message: string): void => { if (!ok) problems.push(message); };
  const data = json as Partial<SimDataFile> | null;
  if (!data || typeof data !== 'object') throw new DataFileError(['the file is not a JSON object'], source);

  need(typeof data.timezone === 'string' && IANAZone.isValidZone(data.timezone), `timezone "${String(data.timezone)}" is not an IANA zone`);
  for (const key of ['logins', 'scheduleTemplateCodes', 'templates', 'providers', 'demographics'] as const) {
    need(Array.isArray(data[key]), `${key} must be an array`);
  }
  if (problems.length) throw new DataFileError(problems, source);
  const d = data as SimDataFile;

  need(d.logins.length > 0, 'logins needs at least one entry');
  d.logins.forEach((l, i) => {
    need(Number.isInteger(l.securityNo), `logins[${i}].securityNo must be an integer`);
    need(typeof l.userName === 'string' && typeof l.password === 'string', `logins[${i}] needs userName and password`);
    need(typeof l.providerNo === 'string', `logins[${i}].providerNo must be a string`);
  });
  d.scheduleTemplateCodes.forEach((c, i) => {
    need(typeof c.code === 'string' && c.code.length === 1, `scheduleTemplateCodes[${i}].code must be one character`);
    need(Number.isInteger(c.bookinglimit), `scheduleTemplateCodes[${i}].bookinglimit must be an integer`);
  });
  d.templates.forEach((t, i) => {
    const ok = Number.isInteger(t.slotMinutes) && t.slotMinutes > 0 && 1440 % t.slotMinutes === 0;
    need(ok, `templates[${i}].slotMinutes must divide 1440`);
    if (ok) need(t.timecode?.length === 1440 / t.slotMinutes, `templates[${i}] "${t.name}": timecode needs ${1440 / t.slotMinutes} characters, has ${t.timecode?.length}`);
  });
  const providers = new Set<string>();
  d.providers.forEach((p, i) => {
    need(typeof p.providerNo === 'string' && p.providerNo.length <= 6, `providers[${i}].providerNo must be a string of at most 6 characters`);
    need(!providers.has(p.providerNo), `providers[${i}].providerNo ${p.providerNo} is duplicated`);
    providers.add(p.providerNo);
    for (const [day, template] of Object.entries(p.week ?? {})) {
      // A name with no template is allowed on purpose: OSCAR then answers the holiday flag only.
      need(/^[1-7]$/.test(day) && typeof template === 'string', `providers[${i}].week key "${day}" is not an ISO weekday 1..7`);
    }
  });
  const charts = new Set<number>();
  d.demographics.forEach((p, i) => {
    need(Number.isInteger(p.demographicNo) && p.demographicNo > 0, `demographics[${i}].demographicNo must be a positive integer`);
    need(!charts.has(p.demographicNo), `demographics[${i}].demographicNo ${p.demographicNo} is duplicated`);
    charts.add(p.demographicNo);
    need(/^\d{4}-\d{2}-\d{2}$/.test(p.dateOfBirth ?? ''), `demographics[${i}].dateOfBirth must be yyyy-MM-dd`);
    need(typeof p.firstName === 'string' && typeof p.lastName === 'string', `demographics[${i}] needs firstName and lastName`);
  });
  (d.holidays ?? []).forEach((h, i) => need(Number.isInteger(h.dayOffset), `holidays[${i}].dayOffset must be an integer`));
  (d.appointments ?? []).forEach((a, i) => {
    need(providers.has(a.providerNo), `appointments[${i}].providerNo ${a.providerNo} is not a provider`);
    need(a.demographicNo === 0 || charts.has(a.demographicNo), `appointments[${i}].demographicNo ${a.demographicNo} is not a chart`);
    need(Number.isInteger(a.dayOffset), `appointments[${i}].dayOffset must be an integer`);
    need(/^\d{2}:\d{2}$/.test(a.startTime ?? ''), `appointments[${i}].startTime must be HH:mm`);
    need(Number.isInteger(a.durationMin) && a.durationMin > 0, `appointments[${i}].durationMin must be a positive integer`);
  });
  if (problems.length) throw new DataFileError(problems, source);
  return d;
}
