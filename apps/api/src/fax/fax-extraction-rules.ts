import { DateTime } from 'luxon';
import { isValidBcPhn } from '../../../../libs/shared/src/bc-phn.js';
import { findPhone as findPhoneIn } from '../../../../libs/shared/src/phone.js';

export const FAX_DOCUMENT_TYPES = ['referral', 'lab_result', 'imaging_report', 'consult_letter', 'other'] as const;
export type FaxDocumentType = (typeof FAX_DOCUMENT_TYPES)[number];

/** The fields read from a document (SPEC §12 `extractedData`); null when not found. */
export interface FaxFields {
  patientFirstName: string | null;
  patientLastName: string | null;
  /** YYYY-MM-DD */
  dateOfBirth: string | null;
  /** a BC PHN whose check digit is right, digits only */
  phn: string | null;
  phone: string | null;
  referringProvider: string | null;
}

export interface FaxExtraction {
  documentType: FaxDocumentType;
  fields: FaxFields;
  /** a 10-digit number labelled as a PHN whose check digit is wrong (kept out of `phn`) */
  phnRejected: boolean;
}

const LABEL_END = String.raw`\s*[:#.\-]?\s*`;
const NAME_LABELS = [
  String.raw`patient\s+name`,
  String.raw`patient`,
  String.raw`name\s+of\s+patient`,
  String.raw`re`,
  String.raw`regarding`,
  String.raw`name`,
];
const DOB_LABELS = [String.raw`date\s+of\s+birth`, String.raw`d\.?\s?o\.?\s?b\.?`, String.raw`birth\s*date`, String.raw`born`];
const PHN_LABELS = [String.raw`personal\s+health\s+(?:number|no\.?)`, String.raw`bc\s+phn`, String.raw`phn`, String.raw`health\s+(?:card\s+)?(?:number|no\.?|#)`, String.raw`msp\s*(?:number|no\.?|#)?`, String.raw`hin`];
const PHONE_LABELS = [String.raw`patient\s+phone`, String.raw`phone`, String.raw`tel(?:ephone)?`, String.raw`home\s+phone`, String.raw`cell`];
const PROVIDER_LABELS = [
  String.raw`referring\s+(?:physician|provider|doctor|practitioner|md)`,
  String.raw`referred\s+by`,
  String.raw`ordering\s+(?:physician|provider|doctor)`,
  String.raw`requesting\s+(?:physician|provider|doctor)`,
  String.raw`from`,
];

function lines(text: string): string[] {
  return text
    .replace(/\r/g, '')
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .filter(Boolean);
}

/**
 * The value after the first of `labels`, on its line: a label at the start of a line (or after a
 * `|` or a gap of spaces) first, then one followed by a colon anywhere in a line (text layers often
 * collapse the gaps between the fields of a row: `Re: JONES, Harriet DOB: 1948-03-14`).
 */
function labelled(all: string[], labels: string[]): string | null {
  const patterns = [
    ...labels.map((label) => new RegExp(String.raw`(?:^|\s{2,}|\|\s*)${label}\b${LABEL_END}(.+)$`, 'i')),
    ...labels.map((label) => new RegExp(String.raw`(?:^|\s)${label}\b\s*:\s*(.+)$`, 'i')),
  ];
  for (const re of patterns) {
    for (const line of all) {
      const m = re.exec(line);
      if (m && m[1].trim()) return m[1].trim();
    }
  }
  return null;
}

const MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december';

/** A date as staff write it on a form: ISO, `DD/MM/YYYY` (Canadian forms), `March 14, 1948`, `14 Mar 1948`, `1948/03/14`. */
export function parseDate(text: string): string | null {
  const candidates: [RegExp, (m: RegExpExecArray) => DateTime][] = [
    [/\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b/, (m) => DateTime.fromObject({ year: +m[1], month: +m[2], day: +m[3] })],
    [new RegExp(String.raw`\b(${MONTHS})\.?\s+(\d{1,2})[,;.]?\s+(\d{4})\b`, 'i'), (m) => DateTime.fromFormat(`${m[1].slice(0, 3)} ${m[2]} ${m[3]}`, 'LLL d yyyy', { locale: 'en' })],
    [new RegExp(String.raw`\b(\d{1,2})[\s-]+(${MONTHS})\.?[\s-]+(\d{4})\b`, 'i'), (m) => DateTime.fromFormat(`${m[2].slice(0, 3)} ${m[1]} ${m[3]}`, 'LLL d yyyy', { locale: 'en' })],
    [/\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b/, (m) => (+m[1] > 12 ? DateTime.fromObject({ year: +m[3], month: +m[2], day: +m[1] }) : +m[2] > 12 ? DateTime.fromObject({ year: +m[3], month: +m[1], day: +m[2] }) : DateTime.fromObject({ year: +m[3], month: +m[2], day: +m[1] }))],
  ];
  for (const [re, build] of candidates) {
    const m = re.exec(text);
    if (!m) continue;
    const date = build(m);
    if (date.isValid && date.year >= 1900 && date <= DateTime.now()) return date.toISODate();
  }
  return null;
}

function titleCase(word: string): string {
  return word
    .toLowerCase()
    .replace(/(^|[\s'-])(\p{L})/gu, (_all, sep: string, ch: string) => sep + ch.toUpperCase());
}

const NAME_WORD = String.raw`\p{L}[\p{L}'\-]*`;

/** `LAST, First`, `First Last` or `First M. Last` → first and last name, without titles or trailing fields. */
export function parseName(value: string): { first: string; last: string } | null {
  let text = value
    .replace(/\b(?:mr|mrs|ms|miss|dr|mx)\.?\s+/gi, '')
    .split(/\s{2,}|\||\t|\b(?:dob|d\.o\.b|date of birth|phn|born|sex|gender|age|hin|phone|tel)\b/i)[0]
    .trim();
  text = text.replace(/[;:]+$/, '').trim();
  // `LAST, First` (OCR may read the comma as a semicolon)
  const comma = new RegExp(String.raw`^(${NAME_WORD}(?:\s${NAME_WORD})?)\s*[,;]\s*(${NAME_WORD})`, 'u').exec(text);
  if (comma) return { last: titleCase(comma[1]), first: titleCase(comma[2]) };
  const words = text.split(/\s+/).filter((w) => new RegExp(`^${NAME_WORD}\\.?$`, 'u').test(w));
  if (words.length < 2 || words.length > 4) return null;
  const meaningful = words.filter((w) => !/^\p{L}\.?$/u.test(w));
  if (meaningful.length < 2) return null;
  return { first: titleCase(meaningful[0]), last: titleCase(meaningful[meaningful.length - 1]) };
}

function findPhn(all: string[], whole: string): { phn: string | null; rejected: boolean } {
  const value = labelled(all, PHN_LABELS);
  const scan = (text: string) => [...text.matchAll(/(?<!\d)(9\d{3}[\s-]?\d{3}[\s-]?\d{3})(?!\d)/g)].map((m) => m[1].replace(/[\s-]/g, ''));
  const labelledNumbers = value ? scan(value) : [];
  for (const n of labelledNumbers) if (isValidBcPhn(n)) return { phn: n, rejected: false };
  if (labelledNumbers.length) return { phn: null, rejected: true };
  // no label: a lone number of the PHN's shape whose check digit holds
  const loose = scan(whole).filter((n) => isValidBcPhn(n));
  return { phn: loose.length === 1 ? loose[0] : null, rejected: false };
}

function findPhone(all: string[]): string | null {
  return findPhoneIn(labelled(all, PHONE_LABELS));
}

function findProvider(all: string[], whole: string): string | null {
  const value = labelled(all, PROVIDER_LABELS);
  const clean = (v: string) => v.split(/\s{2,}|\||,\s*(?:MD|FRCPC|CCFP)|\b(?:phone|tel|fax|date)\b/i)[0].replace(/[,;]+$/, '').trim();
  if (value) {
    const name = clean(value);
    if (/\p{L}{2,}/u.test(name) && name.length <= 80) return /^dr\.?\s/i.test(name) ? name.replace(/^dr\.?\s*/i, 'Dr. ') : name;
  }
  const signed = /\bDr\.?\s+(\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+){0,2})/u.exec(whole);
  return signed ? `Dr. ${signed[1]}` : null;
}

const TYPE_RULES: [FaxDocumentType, RegExp][] = [
  ['lab_result', /\b(?:laboratory|lab\s+(?:result|report)s?|test\s+results?|hematology|haematology|biochemistry|specimen|reference\s+range|hemoglobin|creatinine|cbc)\b/i],
  ['imaging_report', /\b(?:radiology|imaging|x-?ray|ultrasound|sonograph\w*|ct\s+scan|mri|mammogra\w*|radiologist)\b/i],
  ['consult_letter', /\b(?:consultation\s+(?:letter|report|note)|consult\s+(?:letter|note)|thank\s+you\s+for\s+(?:referring|the\s+referral|asking\s+me\s+to\s+see))\b/i],
  ['referral', /\b(?:referral|referring|please\s+see|kindly\s+see|request\s+for\s+consultation|refer(?:red)?\s+to)\b/i],
];

function documentTypeOf(text: string): FaxDocumentType {
  const head = text.slice(0, 600);
  // the heading decides first (a consult letter mentions the referral; a referral may ask for a lab test)
  for (const [type, re] of TYPE_RULES) if (re.test(head.split('\n').slice(0, 4).join(' '))) return type;
  for (const [type, re] of TYPE_RULES) if (re.test(text)) return type;
  return 'other';
}

/**
 * The offline extractor's rules: labelled fields of medical fax forms and letters (name, date of
 * birth, BC PHN with its mod-11 check, phone, referring provider) and the document's kind by its
 * heading and vocabulary. Pure: no I/O, no PHI anywhere but the answer.
 */
export function extractFaxFields(text: string): FaxExtraction {
  const all = lines(text);
  const whole = all.join('\n');
  const nameText = labelled(all, NAME_LABELS);
  const name = nameText ? parseName(nameText) : null;
  const dobText = labelled(all, DOB_LABELS);
  const dateOfBirth = dobText ? parseDate(dobText) : null;
  const { phn, rejected } = findPhn(all, whole);
  return {
    documentType: documentTypeOf(whole),
    fields: {
      patientFirstName: name?.first ?? null,
      patientLastName: name?.last ?? null,
      dateOfBirth,
      phn,
      phone: findPhone(all),
      referringProvider: findProvider(all, whole),
    },
    phnRejected: rejected,
  };
}
