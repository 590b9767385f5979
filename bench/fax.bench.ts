import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createDemoData } from '../apps/oscar-sim/src/data/demo/demo-data.js';
import { FaxReader } from '../apps/api/src/fax/fax-reader.js';
import { startApiSuite, type ApiSuite } from '../libs/testing/src/api-suite.js';
import { startTestOscarSim, type TestOscarSim } from '../libs/testing/src/oscar-sim.js';
import { waitFor } from '../libs/testing/src/telnyx-fake.js';
import { generateCorpus, withTwins, type CorpusTruth } from './fax-corpus/generate.js';

/**
 * `npm run bench:fax`: the offline fax reader on the generated corpus (bench/fax-corpus/). Every
 * document is uploaded to the API (in this process, on the embedded PostgreSQL, its job queue and
 * reader worker) for a clinic connected to the OSCAR simulator, and read and matched as in
 * production. Prints field accuracy per field, PHN accuracy on text PDFs and on scans, match
 * precision and recall at the clinic's threshold (0.9), wrong auto-matches, and seconds per page
 * of the reader alone (text layer, and OCR). Targets are printed, never asserted.
 */

const CORPUS = join(import.meta.dirname, 'fax-corpus', 'generated');
const FIELDS = ['patientFirstName', 'patientLastName', 'dateOfBirth', 'phn'] as const;

let s: ApiSuite;
let sim: TestOscarSim;
let clinicId: string;
let corpus: CorpusTruth[];

const say = (line: string) => process.stdout.write(`${line}\n`);
const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)} %` : 'n/a');

beforeAll(async () => {
  const data = withTwins(createDemoData());
  corpus = await generateCorpus(CORPUS, data);
  sim = await startTestOscarSim({ badPasswordDelayMs: 0, data });
  s = await startApiSuite();
  clinicId = (await s.newClinic({ timezone: sim.data.timezone })).id;
  const connected = await s.connectToSim(clinicId, sim);
  if (connected.status !== 200) throw new Error(`clinic not connected: ${connected.status}`);
});

afterAll(async () => {
  await s?.t.close();
  await sim?.close();
});

async function upload(truth: CorpusTruth): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(readFileSync(join(CORPUS, truth.file)))], { type: truth.mimeType }), truth.file);
  const response = await fetch(`${s.t.baseUrl}/api/clinics/${clinicId}/faxes`, { method: 'POST', headers: { authorization: `Bearer ${s.adminToken}` }, body: form });
  if (response.status !== 201) throw new Error(`${truth.file}: upload answered ${response.status}`);
  return ((await response.json()) as { id: string }).id;
}

describe('fax corpus', () => {
  it('reads and matches every document; prints accuracy, precision, recall and speed', async () => {
    say(`corpus: ${corpus.length} documents (${corpus.filter((c) => c.kind === 'text').length} text PDFs, ${corpus.filter((c) => c.kind === 'scan-pdf').length} scanned PDFs, ${corpus.filter((c) => c.kind === 'tiff').length} TIFFs)`);
    const ids = [];
    for (const truth of corpus) ids.push(await upload(truth));
    const docs: any[] = [];
    for (const id of ids) {
      docs.push(
        await waitFor(async () => {
          const doc = await s.as(s.adminToken, 'GET', `/api/clinics/${clinicId}/faxes/${id}`);
          return ['matched', 'needs_review', 'failed'].includes(doc.body.status) ? doc.body : undefined;
        }, 300_000, 'a document to be read'),
      );
    }

    const right = (truth: CorpusTruth, doc: { extractedData: Record<string, string | null> | null }, field: (typeof FIELDS)[number]) =>
      (doc.extractedData?.[field] ?? null) === truth.fields[field];
    for (const field of FIELDS) {
      const ok = corpus.filter((t, i) => right(t, docs[i], field)).length;
      const target = field === 'phn' ? '' : ' · target ≥ 95 %';
      say(`field ${field}: ${pct(ok, corpus.length)} (${ok}/${corpus.length})${target}`);
    }
    for (const [label, kinds, target] of [['text PDFs', ['text'], 98], ['scans (image PDFs and TIFFs)', ['scan-pdf', 'tiff'], 90]] as const) {
      const subset = corpus.map((t, i) => [t, docs[i]] as const).filter(([t]) => (kinds as readonly string[]).includes(t.kind));
      const ok = subset.filter(([t, d]) => right(t, d, 'phn')).length;
      say(`field phn on ${label}: ${pct(ok, subset.length)} (${ok}/${subset.length}) · target ≥ ${target} %`);
    }

    const auto = docs.map((d, i) => [corpus[i], d] as const).filter(([, d]) => d.status === 'matched');
    const correct = auto.filter(([t, d]) => t.expectedMatch !== null && d.matchedPatientId === t.expectedMatch).length;
    const wrong = auto.length - correct;
    const shouldMatch = corpus.filter((t) => t.expectedMatch !== null).length;
    say(`match precision at threshold 0.9: ${pct(correct, auto.length)} (${correct}/${auto.length} auto-matches right)`);
    say(`match recall at threshold 0.9: ${pct(correct, shouldMatch)} (${correct}/${shouldMatch} documents with a findable chart)`);
    say(`wrong auto-matches: ${wrong} · target 0`);
    const failed = docs.filter((d) => d.status === 'failed').length;
    say(`documents failed: ${failed}`);
    for (const [i, d] of docs.entries()) {
      const t = corpus[i];
      const misses = FIELDS.filter((f) => !right(t, d, f));
      if (misses.length || (t.expectedMatch && d.matchedPatientId !== t.expectedMatch) || (!t.expectedMatch && d.status === 'matched')) {
        say(`  ${t.file} (${t.note}): ${d.status}${misses.length ? `, wrong ${misses.join(', ')}` : ''}`);
      }
    }

    // the reader alone (worker thread), warm, one document at a time
    const reader = s.t.app.get(FaxReader);
    for (const [label, kinds] of [['text layer', ['text']], ['OCR', ['scan-pdf', 'tiff']]] as const) {
      let seconds = 0;
      let pages = 0;
      for (const t of corpus.filter((c) => (kinds as readonly string[]).includes(c.kind))) {
        const bytes = readFileSync(join(CORPUS, t.file));
        const started = performance.now();
        const reading = await reader.read(bytes, t.mimeType);
        seconds += (performance.now() - started) / 1000;
        pages += reading.pageCount;
      }
      say(`seconds per page, ${label}: ${(seconds / pages).toFixed(3)} s (${pages} pages in ${seconds.toFixed(1)} s)`);
    }
  });
});
