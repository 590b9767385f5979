/**
 * The fax corpus of `npm run bench:fax` (bench/README.md): 31 documents over the OSCAR
 * simulator's demo data, generated with pdfkit and sharp (libs/testing/src/fax-documents.ts) into
 * `bench/fax-corpus/generated/` (not committed) with `manifest.json`, the truth of each document.
 *
 * - 12 text PDFs in three layouts (referral form, letter with a `Re:` line, lab report),
 * - 8 scanned-like image PDFs and 6 TIFFs, tilted and speckled,
 * - two documents about two charts with the same name (added to the simulator's data),
 * - a PHN with a wrong check digit, no PHN at all, a patient who is not in the EMR.
 * Deterministic: the same demo data gives the same corpus.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { SimDataFile } from '../../apps/oscar-sim/src/index.js';
import { isValidBcPhn } from '../../libs/shared/src/bc-phn.js';
import { scannedPdf, scannedTiff, textPdf } from '../../libs/testing/src/fax-documents.js';

export interface CorpusTruth {
  file: string;
  kind: 'text' | 'scan-pdf' | 'tiff';
  mimeType: 'application/pdf' | 'image/tiff';
  pages: number;
  fields: { patientFirstName: string | null; patientLastName: string | null; dateOfBirth: string | null; phn: string | null };
  /** the chart a document must be matched to without review; null when it must not be matched automatically */
  expectedMatch: string | null;
  note: string;
}

/** Two charts with the same name, for the "never on the name alone" case. */
export const TWINS = [
  { demographicNo: 9201, firstName: 'JORDAN', lastName: 'BLAKE', dateOfBirth: '1972-06-15' },
  { demographicNo: 9202, firstName: 'JORDAN', lastName: 'BLAKE', dateOfBirth: '1994-01-20' },
];

export function withTwins(data: SimDataFile): SimDataFile {
  const extra = TWINS.map((t) => ({ ...t, sex: 'M', phone: null, phone2: null, hin: null, hcType: 'BC', patientStatus: 'AC', providerNo: '101', spokenLanguage: 'English' }));
  return { ...data, demographics: [...data.demographics, ...(extra as unknown as SimDataFile['demographics'])] };
}

const cap = (w: string) => w.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_a, s: string, c: string) => s + c.toUpperCase());
const spaced = (phn: string) => `${phn.slice(0, 4)} ${phn.slice(4, 7)} ${phn.slice(7)}`;
const DOCTORS = ['Dr. Amy Chen', 'Dr. Raj Patel', 'Dr. Grace Nakamura', 'Dr. Michel Tremblay'];

/** A valid PHN that no chart of the data has (a patient not in the EMR). */
function unusedPhn(data: SimDataFile): string {
  const used = new Set(data.demographics.map((d) => d.hin));
  for (let n = 912345670; ; n++) {
    for (let check = 0; check < 10; check++) {
      const phn = `${n}${check}`;
      if (isValidBcPhn(phn) && !used.has(phn)) return phn;
    }
  }
}

type Patient = { id: string; first: string; last: string; dob: string; phn: string };

function layoutForm(p: Patient, i: number, phnText = spaced(p.phn)): string[] {
  return ['Harbour Medical Group          Fax 604-555-7777', 'REFERRAL FORM', `Patient Name: ${p.first} ${p.last}`, `Date of Birth: ${p.dob}`, `PHN: ${phnText}`, 'Phone: 604-555-0199', `Referring Physician: ${DOCTORS[i % 4]}`, 'Reason: assessment of chronic knee pain.'];
}

function layoutLetter(p: Patient, i: number): string[] {
  const dob = DateTime.fromISO(p.dob).toFormat('LLLL d, yyyy');
  return [DOCTORS[i % 4], 'Westside Specialist Clinic', '', `Re: ${p.last.toUpperCase()}, ${p.first}   DOB: ${dob}   PHN: ${p.phn}`, '', 'Thank you for referring this patient. I saw them today in consultation.', 'Plan: physiotherapy and follow-up in six weeks.'];
}

function layoutLab(p: Patient, i: number): string[] {
  const dob = DateTime.fromISO(p.dob).toFormat('dd/MM/yyyy');
  return ['LABORATORY REPORT', `Name: ${p.last.toUpperCase()}, ${p.first.toUpperCase()}    Sex: U`, `DOB: ${dob}`, `Health Number: ${spaced(p.phn)}`, `Ordering Physician: ${DOCTORS[i % 4]}`, 'Hemoglobin 131 g/L (115-155)', 'Creatinine 74 umol/L (50-100)'];
}

export async function generateCorpus(dir: string, data: SimDataFile): Promise<CorpusTruth[]> {
  mkdirSync(dir, { recursive: true });
  const seen = new Set<string>();
  const patients: Patient[] = [];
  for (const d of data.demographics) {
    if (!d.hin || d.hcType !== 'BC' || !isValidBcPhn(d.hin) || !d.dateOfBirth || !/^[A-Z]+$/.test(d.firstName ?? '') || !/^[A-Z]+$/.test(d.lastName ?? '')) continue;
    const key = `${d.firstName} ${d.lastName}`;
    if (seen.has(key)) continue;
    seen.add(key);
    patients.push({ id: String(d.demographicNo), first: cap(d.firstName!), last: cap(d.lastName!), dob: d.dateOfBirth, phn: d.hin });
    if (patients.length === 28) break;
  }
  if (patients.length < 28) throw new Error(`the demo data has only ${patients.length} usable charts`);
  const truth: CorpusTruth[] = [];
  const write = async (name: string, kind: CorpusTruth['kind'], bytes: Buffer, t: Omit<CorpusTruth, 'file' | 'kind' | 'mimeType'>) => {
    writeFileSync(join(dir, name), bytes);
    truth.push({ file: name, kind, mimeType: kind === 'tiff' ? 'image/tiff' : 'application/pdf', ...t });
  };
  const fields = (p: Patient, phn: string | null = p.phn) => ({ patientFirstName: p.first, patientLastName: p.last, dateOfBirth: p.dob, phn });
  const layouts = [layoutForm, layoutLetter, layoutLab];
  let n = 0;
  for (let i = 0; i < 12; i++, n++) {
    const p = patients[n];
    await write(`text-${String(i + 1).padStart(2, '0')}.pdf`, 'text', await textPdf([layouts[i % 3](p, i)]), { pages: 1, fields: fields(p), expectedMatch: p.id, note: `text PDF, layout ${i % 3}` });
  }
  for (let i = 0; i < 8; i++, n++) {
    const p = patients[n];
    const pages = i % 4 === 0 ? [layouts[i % 3](p, i), ['Page 2', 'Additional notes follow.']] : [layouts[i % 3](p, i)];
    await write(`scan-${String(i + 1).padStart(2, '0')}.pdf`, 'scan-pdf', await scannedPdf(pages, { rotateDegrees: i % 2 ? 1.2 : -0.8, noise: true }), { pages: pages.length, fields: fields(p), expectedMatch: p.id, note: 'image-only PDF, tilted, speckled' });
  }
  for (let i = 0; i < 6; i++, n++) {
    const p = patients[n];
    await write(`tiff-${String(i + 1).padStart(2, '0')}.tif`, 'tiff', await scannedTiff([layouts[i % 3](p, i)], { rotateDegrees: i % 2 ? -1.5 : 2, noise: true }), { pages: 1, fields: fields(p), expectedMatch: p.id, note: 'TIFF, tilted, speckled' });
  }
  // two charts with the same name, no date of birth or PHN on the documents: never matched automatically
  for (const [i, twin] of TWINS.entries()) {
    await write(`same-name-${i + 1}.pdf`, 'text', await textPdf([['CONSULTATION REPORT', `Patient: ${cap(twin.firstName)} ${cap(twin.lastName)}`, 'Thank you for referring this patient.', `Seen by ${DOCTORS[i]}.`]]), {
      pages: 1,
      fields: { patientFirstName: cap(twin.firstName), patientLastName: cap(twin.lastName), dateOfBirth: null, phn: null },
      expectedMatch: null,
      note: 'two charts with this name',
    });
  }
  // a PHN whose check digit is wrong: not read as a PHN; name and date of birth still find the chart
  const wrong = patients[n++];
  const badPhn = `${wrong.phn.slice(0, 9)}${(Number(wrong.phn[9]) + 1) % 10}`;
  await write('wrong-check-digit.pdf', 'text', await textPdf([layoutForm(wrong, 0, spaced(badPhn))]), { pages: 1, fields: fields(wrong, null), expectedMatch: wrong.id, note: 'PHN check digit wrong' });
  // no PHN at all
  const noPhn = patients[n];
  await write('no-phn.pdf', 'text', await textPdf([layoutForm(noPhn, 1).filter((l) => !l.startsWith('PHN'))]), { pages: 1, fields: fields(noPhn, null), expectedMatch: noPhn.id, note: 'no PHN' });
  // a patient the EMR does not know
  const stranger: Patient = { id: '', first: 'Quentin', last: 'Zephyrfield', dob: '1966-02-27', phn: unusedPhn(data) };
  await write('not-in-emr.pdf', 'text', await textPdf([layoutForm(stranger, 2)]), { pages: 1, fields: fields(stranger), expectedMatch: null, note: 'patient not in the EMR' });
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(truth, null, 2)}\n`);
  return truth;
}
