import type { SimDemographic } from '../data-file.js';
import { generateBcPhn } from './bc-phn.js';
import { CITIES, NAME_POOLS, type NamePool, STREETS } from './names.js';
import type { Prng } from './prng.js';

export const DEMO_PATIENT_COUNT = 320;
const CLINIC_PHONE = '604-555-0100';

/** Hand-written charts that demos and tests can rely on. */
const FIXTURES: SimDemographic[] = [
  { demographicNo: 1, firstName: 'HARRIET', lastName: 'JONES', dateOfBirth: '1948-03-14', sex: 'F', phone: '604-555-0142', phone2: null, hin: '9698658215', hcType: 'BC', patientStatus: 'AC', providerNo: '101', spokenLanguage: 'English' },
  { demographicNo: 2, firstName: 'MEI', lastName: 'WONG', dateOfBirth: '1980-07-22', sex: 'F', phone: '(604) 555-0187', phone2: '778-555-0131', patientStatus: 'AC', providerNo: '101', spokenLanguage: 'Mandarin' },
  { demographicNo: 3, firstName: 'DAVID', lastName: 'WONG', dateOfBirth: '1978-11-02', sex: 'M', phone: '604-555-0187', patientStatus: 'AC', providerNo: '101', spokenLanguage: 'English' },
  { demographicNo: 4, firstName: 'KEVIN', lastName: 'WONG', dateOfBirth: '2012-05-30', sex: 'M', phone: '6045550187', patientStatus: 'AC', providerNo: '103', spokenLanguage: 'English' },
  { demographicNo: 5, firstName: 'JASPREET', lastName: 'SIDHU', dateOfBirth: '1991-01-09', sex: 'F', phone: null, phone2: '236-555-0175', patientStatus: 'AC', providerNo: '102', spokenLanguage: 'Punjabi' },
  { demographicNo: 6, firstName: 'GORDON', lastName: 'MACLEOD', dateOfBirth: '1939-09-17', sex: 'M', phone: '250-555-0122', patientStatus: 'IN', providerNo: '108', spokenLanguage: 'English' },
  { demographicNo: 7, firstName: 'MARGARET', lastName: 'FRASER', dateOfBirth: '1931-12-01', sex: 'F', phone: '604-555-0158', patientStatus: 'DE', providerNo: '108', spokenLanguage: 'English' },
];

/** 555-0100…0199 are the NANP numbers reserved for fiction; one pool per Lower Mainland area code. */
function phonePool(rng: Prng, used: Set<string>): string[] {
  const pool: string[] = [];
  for (const area of ['604', '778', '236', '250']) {
    for (let n = 101; n <= 199; n++) {
      const number = `${area}-555-0${n}`;
      if (number !== CLINIC_PHONE && !used.has(number)) pool.push(number);
    }
  }
  return rng.shuffle(pool);
}

/** Staff type numbers in many ways; SOAP search sees the raw text. */
function formatPhone(rng: Prng, canonical: string): string {
  const [area, exchange, line] = canonical.split('-') as [string, string, string];
  return rng.weighted([
    [canonical, 60], [`(${area}) ${exchange}-${line}`, 20], [`${area}${exchange}${line}`, 15], [`${area}.${exchange}.${line}`, 5],
  ]);
}

function postal(rng: Prng, prefix: string): string {
  const letter = () => 'ABCEGHJKLMNPRSTVWXYZ'[rng.int(0, 19)];
  const head = prefix.length === 2 ? `${prefix}${letter()}` : prefix;
  return `${head} ${rng.int(1, 9)}${letter()}${rng.int(0, 9)}`;
}

function dateOfBirth(rng: Prng, minYear: number, maxYear: number): string {
  const month = rng.int(1, 12);
  const day = rng.int(1, month === 2 ? 28 : [4, 6, 9, 11].includes(month) ? 30 : 31);
  return `${rng.int(minYear, maxYear)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** 320 charts: the fixtures, then households (shared last name, phone and address) drawn from the pools. */
export function createDemoPatients(rng: Prng): SimDemographic[] {
  const charts = [...FIXTURES];
  const hins = new Set(charts.map((c) => c.hin).filter((h): h is string => !!h));
  const usedPhones = new Set(charts.flatMap((c) => [c.phone, c.phone2]).filter((p): p is string => !!p)
    .map((p) => p.replace(/\D/g, '').replace(/^(\d{3})(\d{3})(\d{4})$/, '$1-$2-$3')));
  const phones = phonePool(rng, usedPhones);
  const emails = new Set<string>();

  while (charts.length < DEMO_PATIENT_COUNT) {
    const pool = rng.weighted(NAME_POOLS.map((p) => [p, p.weight] as const));
    const size = Math.min(rng.weighted([[1, 70], [2, 15], [3, 10], [4, 5]]), DEMO_PATIENT_COUNT - charts.length);
    const lastName = rng.pick(pool.last);
    const phone = phones.pop() as string;
    const [city, prefix] = rng.weighted(CITIES.map(([c, p, w]) => [[c, p] as const, w] as const));
    const address = `${rng.int(100, 9999)} ${rng.pick(STREETS)}`;
    const postalCode = postal(rng, prefix);
    const familyDoctor = rng.pick(['101', '102', '104', '105', '107']);
    for (let member = 0; member < size; member++) {
      const child = member >= 2;
      charts.push(createMember(rng, pool, charts.length + 1, {
        lastName, phone, address, city, postalCode, child,
        providerNo: child && rng.chance(0.7) ? '103' : familyDoctor,
        phone2: !child && rng.chance(0.3) && phones.length > 40 ? formatPhone(rng, phones.pop() as string) : null,
      }, hins, emails));
    }
  }
  return charts;
}

interface Household {
  lastName: string;
  phone: string;
  phone2: string | null;
  address: string;
  city: string;
  postalCode: string;
  child: boolean;
  providerNo: string;
}

function createMember(rng: Prng, pool: NamePool, demographicNo: number, h: Household, hins: Set<string>, emails: Set<string>): SimDemographic {
  const sex = rng.chance(0.5) ? 'F' : 'M';
  const firstName = rng.pick(sex === 'F' ? pool.female : pool.male);
  const outOfProvince = rng.chance(0.03);
  const status = rng.weighted([['AC', 93], ['IN', 4], ['DE', 1.5], ['MO', 1.5]] as const);
  let email: string | null = null;
  if (!h.child && rng.chance(0.5)) {
    const base = `${firstName}.${h.lastName}`.toLowerCase().replace(/[^a-z.]/g, '');
    email = emails.has(`${base}@example.com`) ? `${base}${demographicNo}@example.com` : `${base}@example.com`;
    emails.add(email);
  }
  return {
    demographicNo,
    firstName,
    lastName: h.lastName,
    dateOfBirth: h.child ? dateOfBirth(rng, 2009, 2025) : dateOfBirth(rng, 1936, 2006),
    sex,
    phone: formatPhone(rng, h.phone),
    phone2: h.phone2,
    hin: outOfProvince ? String(rng.int(1000000000, 9999999999)) : generateBcPhn(rng, hins),
    hcType: outOfProvince ? 'ON' : 'BC',
    ver: outOfProvince ? rng.pick(['AB', 'KL', 'TX']) : null,
    patientStatus: status,
    address: h.address,
    city: h.city,
    province: 'BC',
    postal: h.postalCode,
    email,
    providerNo: h.providerNo,
    chartNo: String(10000 + demographicNo),
    spokenLanguage: rng.chance(0.6) ? (pool.languages[0] as string) : rng.pick(pool.languages),
    officialLanguage: pool.languages.includes('French') && rng.chance(0.5) ? 'French' : 'English',
  };
}
