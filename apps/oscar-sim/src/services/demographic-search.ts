import type { DateTime } from 'luxon';
import type { SimDemographic } from '../data/data-file.js';

/** A SQL LIKE pattern (`%`, `_`) matched case-insensitively, as MySQL's default collation does. */
export function sqlLike(pattern: string): (value: string | null | undefined) => boolean {
  const source = [...pattern]
    .map((ch) => (ch === '%' ? '.*' : ch === '_' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const re = new RegExp(`^${source}$`, 'is');
  return (value) => value !== null && value !== undefined && re.test(value);
}

/** `LAST` or `LAST,FIRST` → LastName LIKE 'LAST%' (AND FirstName LIKE 'FIRST%'). "" matches everyone. */
export function matchesName(search: string): (d: SimDemographic) => boolean {
  const [last = '', first] = search.split(',').map((s) => s.trim());
  const lastLike = sqlLike(`${last}%`);
  const firstLike = first === undefined ? () => true : sqlLike(`${first}%`);
  return (d) => lastLike(d.lastName) && firstLike(d.firstName);
}

export interface AttributeSearch {
  hin?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  gender?: string | null;
  dateOfBirth?: DateTime | null;
  city?: string | null;
  province?: string | null;
  phone?: string | null;
  email?: string | null;
  alias?: string | null;
}

const contains = (value: string) => sqlLike(`%${value}%`);
const equalsIgnoreCase = (a: string | null | undefined, b: string) => !!a && a.toLowerCase() === b.toLowerCase();

/**
 * searchDemographicsByAttributes: non-null criteria ANDed; substrings for hin, names, city, email,
 * alias and phone (phone OR phone2); gender and province exact; the date of birth compared as the
 * year, month and day the client sent, in the client's own offset.
 */
export function matchesAttributes(q: AttributeSearch): (d: SimDemographic) => boolean {
  const checks: Array<(d: SimDemographic) => boolean> = [];
  const substring = (value: string | null | undefined, pick: (d: SimDemographic) => string | null | undefined) => {
    if (value === null || value === undefined) return;
    const like = contains(value);
    checks.push((d) => like(pick(d)));
  };
  substring(q.hin, (d) => d.hin);
  substring(q.firstName, (d) => d.firstName);
  substring(q.lastName, (d) => d.lastName);
  substring(q.city, (d) => d.city);
  substring(q.email, (d) => d.email);
  substring(q.alias, (d) => d.alias);
  if (q.phone !== null && q.phone !== undefined) {
    const like = contains(q.phone);
    checks.push((d) => like(d.phone) || like(d.phone2));
  }
  if (q.gender) checks.push((d) => equalsIgnoreCase(d.sex, q.gender as string));
  if (q.province !== null && q.province !== undefined) checks.push((d) => equalsIgnoreCase(d.province, q.province as string));
  if (q.dateOfBirth) {
    const wanted = q.dateOfBirth.toFormat('yyyy-MM-dd');
    checks.push((d) => d.dateOfBirth === wanted);
  }
  return (d) => checks.every((check) => check(d));
}

export function hasAnyCriterion(q: AttributeSearch): boolean {
  return Object.values(q).some((v) => v !== null && v !== undefined);
}

/** Hibernate paging: firstResult / maxResults. maxResults 0 returns nothing here; send a positive count. */
export function page<T>(rows: T[], startIndex: number, itemsToReturn: number): T[] {
  const start = Math.max(0, startIndex);
  return rows.slice(start, start + Math.max(0, itemsToReturn));
}
