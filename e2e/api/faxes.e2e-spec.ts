import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDemoData } from '../../apps/oscar-sim/src/data/demo/demo-data.js';
import { AuditLog } from '../../apps/api/src/audit/audit-log.entity.js';
import { RetentionService } from '../../apps/api/src/calls/retention.service.js';
import { FaxDocumentFile } from '../../apps/api/src/fax/fax-document-file.entity.js';
import { FaxDocument } from '../../apps/api/src/fax/fax-document.entity.js';
import { FaxPipeline } from '../../apps/api/src/fax/fax-pipeline.js';
import { FaxStatus } from '../../apps/api/src/database/enums.js';
import { Notification } from '../../apps/api/src/notifications/notification.entity.js';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';
import { randomPhone } from '../../libs/testing/src/factories.js';
import { scannedTiff, textPdf } from '../../libs/testing/src/fax-documents.js';
import { startTestOscarSim, type TestOscarSim } from '../../libs/testing/src/oscar-sim.js';
import { startAnthropicFake, startGoogleFake, startOpenAiFake, type AnthropicFake, type GoogleFake, type OpenAiFake } from '../../libs/testing/src/openai-fake.js';
import { faxReceivedEvent, startTelnyxFake, telnyxWebhookSigner, waitFor, type TelnyxFake } from '../../libs/testing/src/telnyx-fake.js';

const signer = telnyxWebhookSigner();
// the simulator's Harriet Jones (chart 1) and two charts of the same name added for these tests
const HARRIET = { id: '1', first: 'Harriet', last: 'Jones', dob: '1948-03-14', phn: '9698658215' };
let faxNumbers = 0;
/** a fax number no other clinic of this run has (the column is unique) */
/** A real-looking BC number per run: exchange 200–999 (an exchange starting 0 or 1 is not a number, and the API says so). */
const uniqueFaxNumber = () => `+1778${200 + (process.pid % 800)}${String(++faxNumbers).padStart(4, '0')}`;
const SETTLED = ['matched', 'needs_review', 'failed', 'verified', 'archived'];

function referral(lines: string[] = []): Promise<Buffer> {
  return textPdf([[
    'Harbour Medical Group                 Fax 604-555-7777',
    'REFERRAL LETTER',
    `Patient: ${HARRIET.first} ${HARRIET.last}`,
    'Date of Birth: March 14, 1948',
    'PHN: 9698 658 215',
    'Referring Physician: Dr. Amy Chen',
    'Please see this patient for assessment of chronic knee pain.',
    ...lines,
  ]]);
}

describe('fax inbox: upload, Telnyx inbound faxes, reading and matching on the job queue, staff decisions', () => {
  let s: ApiSuite;
  let sim: TestOscarSim;
  let telnyx: TelnyxFake;
  let openai: OpenAiFake;
  let anthropic: AnthropicFake;
  let google: GoogleFake;

  beforeAll(async () => {
    const data = createDemoData();
    const twin = { sex: 'F', phone: null, phone2: null, hcType: 'BC', patientStatus: 'AC', providerNo: '101', spokenLanguage: 'English' };
    data.demographics.push(
      { ...twin, demographicNo: 9001, firstName: 'ALEX', lastName: 'MORGAN', dateOfBirth: '1975-02-03' } as never,
      { ...twin, demographicNo: 9002, firstName: 'ALEX', lastName: 'MORGAN', dateOfBirth: '1988-09-30' } as never,
    );
    sim = await startTestOscarSim({ badPasswordDelayMs: 0, data });
    telnyx = await startTelnyxFake();
    openai = await startOpenAiFake();
    anthropic = await startAnthropicFake();
    google = await startGoogleFake();
    s = await startApiSuite({
      TELNYX_API_KEY: telnyx.apiKey,
      TELNYX_BASE_URL: telnyx.baseUrl,
      TELNYX_PUBLIC_KEY: signer.publicKey,
      OPENAI_API_KEY: openai.apiKey,
      OPENAI_BASE_URL: openai.baseUrl,
      ANTHROPIC_API_KEY: anthropic.apiKey,
      ANTHROPIC_BASE_URL: anthropic.baseUrl,
      GOOGLE_API_KEY: google.apiKey,
      GOOGLE_BASE_URL: google.baseUrl,
    });
  }, 120_000);
  afterAll(async () => {
    await s?.t.close();
    await telnyx?.close();
    await openai?.close();
    await anthropic?.close();
    await google?.close();
    await sim?.close();
  });
  beforeEach(() => telnyx.reset());

  async function faxClinic(fax: Record<string, unknown> = {}) {
    const clinic = await s.newClinic({ vapiPhone: randomPhone(), timezone: sim.data.timezone });
    expect((await s.connectToSim(clinic.id, sim)).status).toBe(200);
    const faxNumber = uniqueFaxNumber();
    const put = await s.as(s.adminToken, 'PUT', `/api/clinics/${clinic.id}/config`, { fax: { faxNumber, ...fax } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    return { id: clinic.id as string, faxNumber };
  }

  async function upload(clinicId: string, bytes: Buffer, name = 'referral.pdf', type = 'application/pdf', token = s.adminToken) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    const response = await fetch(`${s.t.baseUrl}/api/clinics/${clinicId}/faxes`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    return { status: response.status, body: (await response.json()) as any };
  }

  /** the document once its status has settled (the page polls the same way) */
  function settled(clinicId: string, faxId: string, token = s.adminToken) {
    return waitFor(async () => {
      const doc = await s.as(token, 'GET', `/api/clinics/${clinicId}/faxes/${faxId}`);
      return SETTLED.includes(doc.body.status) ? doc.body : undefined;
    }, 90_000, 'the fax to be read');
  }

  function postTelnyx(body: string) {
    return fetch(`${s.t.baseUrl}/api/telnyx/webhook`, { method: 'POST', headers: signer.headers(body), body }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
  }

  it('an uploaded referral is read, matched to the chart by its PHN, and its original and pages can be viewed (each view audited); nothing of it is stored or logged in the clear', async () => {
    const clinic = await faxClinic();
    const bytes = await referral();
    const created = await upload(clinic.id, bytes);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ status: 'pending', source: 'upload', originalFilename: 'referral.pdf', mimeType: 'application/pdf' });

    const doc = await settled(clinic.id, created.body.id);
    expect(doc).toMatchObject({
      status: 'matched',
      pageCount: 1,
      documentType: 'referral',
      extractedData: { patientFirstName: 'Harriet', patientLastName: 'Jones', dateOfBirth: HARRIET.dob, phn: HARRIET.phn, phone: null, referringProvider: 'Dr. Amy Chen' },
      matchedPatientId: HARRIET.id,
      matchedPatientName: 'Harriet Jones',
      matchMethod: 'phn_exact',
      matchConfidence: 1,
      matchVerified: false,
      candidates: [{ demographicId: HARRIET.id, method: 'phn_exact', confidence: 1 }],
      extractionProvider: 'offline',
      extractionModel: 'rules-1',
      extractionCostCents: 0,
      errorMessage: null,
    });
    expect(doc.processedAt).toEqual(expect.any(String));

    // the same bytes again: the document already there, not a second one
    const again = await upload(clinic.id, bytes, 'copy.pdf');
    expect(again).toMatchObject({ status: 200, body: { id: created.body.id } });
    expect((await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}/faxes`)).body.items.map((d: { id: string }) => d.id)).toEqual([created.body.id]);

    const file = await fetch(`${s.t.baseUrl}/api/clinics/${clinic.id}/faxes/${created.body.id}/file`, { headers: { authorization: `Bearer ${s.adminToken}` } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
    const page = await fetch(`${s.t.baseUrl}/api/clinics/${clinic.id}/faxes/${created.body.id}/pages/1`, { headers: { authorization: `Bearer ${s.adminToken}` } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await page.arrayBuffer()).subarray(1, 4).toString('latin1')).toBe('PNG');
    expect((await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}/faxes/${created.body.id}/pages/2`)).status).toBe(400);

    const views = await waitFor(async () => {
      const rows = await s.t.db.dataSource.getRepository(AuditLog).find({ where: { clinicId: clinic.id, action: 'fax.view' } });
      const whats = rows.map((r) => (r.details as { what: string }).what);
      return whats.includes('file') && whats.includes('page') ? whats : undefined;
    }, 10_000, 'the view audit rows');
    // one row per look: each poll of the document, the download, the page (the refused page 2 shows nothing)
    expect(views.filter((w) => w === 'file')).toHaveLength(1);
    expect(views.filter((w) => w === 'page')).toHaveLength(1);
    expect(views.filter((w) => w === 'fields').length).toBeGreaterThanOrEqual(1);
    const viewRows = await s.t.db.dataSource.getRepository(AuditLog).find({ where: { clinicId: clinic.id, action: 'fax.view' } });
    expect(viewRows.every((r) => r.resourceId === created.body.id && r.userId === s.admin.id)).toBe(true);

    const row = await s.t.db.dataSource.getRepository(FaxDocument).findOneByOrFail({ id: created.body.id });
    const stored = await s.t.db.dataSource.getRepository(FaxDocumentFile).findOneByOrFail({ faxDocumentId: created.body.id });
    expect(row.extractedData).toBeNull();
    expect(row.checksumSha256).toMatch(/^[0-9a-f]{64}$/);
    for (const secret of ['Harriet', 'HARRIET', HARRIET.phn, '1948-03-14']) {
      expect(JSON.stringify(row)).not.toContain(secret);
      expect(s.t.logLines.join('\n')).not.toContain(secret);
    }
    expect(stored.content.includes(Buffer.from('%PDF'))).toBe(false);
    expect(stored.content.includes(Buffer.from('Jones'))).toBe(false);
  }, 120_000);

  it('a file that is not a PDF or TIFF, one over 20 MB and a missing file are refused in plain words, and nothing is stored', async () => {
    const clinic = await faxClinic();
    const fake = await upload(clinic.id, Buffer.from('Patient: Harriet Jones\nthis is a text file, not a PDF'), 'letter.pdf', 'application/pdf');
    expect(fake).toMatchObject({ status: 415, body: { statusCode: 415, message: 'The file is not a PDF or a TIFF image. Send the fax as a PDF or TIFF file.' } });
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(20 * 1024 * 1024 + 10, 0x20)]);
    const tooBig = await upload(clinic.id, big, 'big.pdf');
    expect(tooBig).toMatchObject({ status: 413, body: { statusCode: 413, message: 'The file is larger than 20 MB, the most a fax document may be.' } });
    const form = new FormData();
    form.append('note', 'no file');
    const none = await fetch(`${s.t.baseUrl}/api/clinics/${clinic.id}/faxes`, { method: 'POST', headers: { authorization: `Bearer ${s.adminToken}` }, body: form });
    expect(none.status).toBe(400);
    expect(((await none.json()) as { message: string }).message).toBe('Attach the document in the form field "file".');
    expect(await s.t.db.dataSource.getRepository(FaxDocument).countBy({ clinicId: clinic.id })).toBe(0);
  });

  it('a damaged PDF fails with the reason in plain words', async () => {
    const clinic = await faxClinic();
    const created = await upload(clinic.id, Buffer.from('%PDF-1.7\n1 0 obj <<>> garbage without an end'), 'broken.pdf');
    expect(created.status).toBe(201);
    const doc = await settled(clinic.id, created.body.id);
    expect(doc).toMatchObject({ status: 'failed', errorMessage: 'The PDF could not be opened: it is damaged or protected by a password.' });
  });

  it('Telnyx fax.received to the clinic’s fax number: the PDF is downloaded (an expired link refreshed through the API), duplicates change nothing, and the fax is read and matched', async () => {
    const clinic = await faxClinic();
    const fax = telnyx.addFax(await referral(['(faxed)']), { expired: true });
    const event = faxReceivedEvent({ faxId: fax.faxId, from: '+16045557777', to: clinic.faxNumber, mediaUrl: fax.mediaUrl });
    expect(await postTelnyx(event)).toEqual({ status: 200, body: { eventType: 'fax.received', outcome: 'processed' } });
    expect(await postTelnyx(event)).toEqual({ status: 200, body: { eventType: 'fax.received', outcome: 'duplicate' } });
    expect((await postTelnyx(faxReceivedEvent({ faxId: 'f-unknown', from: '+16045557777', to: '+16045550000', mediaUrl: fax.mediaUrl }))).body.outcome).toBe('ignored');

    const [listed] = (await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}/faxes`)).body.items;
    expect(listed).toMatchObject({ source: 'telnyx', senderFaxNumber: '+16045557777' });
    const doc = await settled(clinic.id, listed.id);
    expect(doc).toMatchObject({ status: 'matched', matchedPatientId: HARRIET.id, matchMethod: 'phn_exact' });
    expect(telnyx.faxRefreshes).toEqual([fax.faxId]);
    expect(telnyx.mediaGets.map((g) => g.status)).toEqual([403, 200]);
    expect(telnyx.mediaGets.some((g) => g.authorization)).toBe(false);
    expect(await s.t.db.dataSource.getRepository(FaxDocument).countBy({ clinicId: clinic.id })).toBe(1);
  }, 120_000);

  it('two charts with the same name are never matched on the name alone: staff get one notification, see both candidates and verify one; another document is rejected and archived', async () => {
    const clinic = await faxClinic();
    const manager = await s.managerOf(clinic.id);
    const created = await upload(clinic.id, await textPdf([['CONSULTATION REPORT', 'Patient: Alex Morgan', 'Thank you for referring this patient.']]), 'consult.pdf', 'application/pdf', manager.token);
    expect(created.status).toBe(201);
    const doc = await settled(clinic.id, created.body.id, manager.token);
    expect(doc).toMatchObject({ status: 'needs_review', documentType: 'consult_letter', matchedPatientId: null, matchMethod: 'name_only' });
    expect(doc.candidates).toEqual([
      { demographicId: '9001', method: 'name_only', confidence: 0.28 },
      { demographicId: '9002', method: 'name_only', confidence: 0.28 },
    ]);
    // written right after the status moves: waited for, not raced
    const notes = await waitFor(async () => {
      const rows = await s.t.db.dataSource.getRepository(Notification).findBy({ userId: manager.id, type: 'fax_needs_review' });
      return rows.length ? rows : undefined;
    }, 10_000, 'the needs-review notification');
    expect(notes.map((n) => n.link)).toEqual([`/clinics/${clinic.id}/faxes/${created.body.id}`]);
    expect(JSON.stringify(notes)).not.toContain('Morgan');

    const verified = await s.as(manager.token, 'POST', `/api/clinics/${clinic.id}/faxes/${created.body.id}/verify`, { demographicId: '9002' });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body).toMatchObject({ status: 'verified', matchedPatientId: '9002', matchedPatientName: 'Alex Morgan', matchVerified: true, matchVerifiedBy: manager.id, matchMethod: 'name_only' });
    expect((await s.as(manager.token, 'POST', `/api/clinics/${clinic.id}/faxes/${created.body.id}/verify`, { demographicId: '424242' })).status).toBe(400);

    const second = await upload(clinic.id, await textPdf([['Office notice', 'Our office is closed on Friday.']]), 'notice.pdf', 'application/pdf', manager.token);
    await settled(clinic.id, second.body.id, manager.token);
    expect((await s.as(manager.token, 'POST', `/api/clinics/${clinic.id}/faxes/${second.body.id}/reject`, { reason: '  ' })).status).toBe(400);
    const rejected = await s.as(manager.token, 'POST', `/api/clinics/${clinic.id}/faxes/${second.body.id}/reject`, { reason: 'Sent to the wrong clinic' });
    expect(rejected.body).toMatchObject({ status: 'archived', rejectReason: 'Sent to the wrong clinic', matchVerified: false });

    const audit = await waitFor(async () => {
      const rows = await s.t.db.dataSource.getRepository(AuditLog).find({ where: { clinicId: clinic.id, userId: manager.id } });
      return rows.some((r) => r.action === 'fax.reject') ? rows : undefined;
    }, 10_000, 'the decision audit rows');
    expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['fax.upload', 'fax.verify', 'fax.reject']));
    const counts = await s.as(manager.token, 'GET', `/api/clinics/${clinic.id}/faxes/counts`);
    expect(counts.body.counts).toMatchObject({ verified: 1, archived: 1, needs_review: 0 });
    expect((await s.as(manager.token, 'GET', `/api/clinics/${clinic.id}/faxes?status=verified`)).body.items.map((d: { id: string }) => d.id)).toEqual([created.body.id]);
  }, 120_000);

  it('a scanned, tilted TIFF is read by OCR and matched by name and date of birth', async () => {
    const clinic = await faxClinic();
    const tiff = await scannedTiff([['LABORATORY REPORT', 'Patient: WONG, MEI', 'DOB: 1980-07-22', 'Hemoglobin 131 g/L']], { rotateDegrees: 1.5, noise: true });
    const created = await upload(clinic.id, tiff, 'scan.tif', 'image/tiff');
    expect(created.status).toBe(201);
    expect(created.body.mimeType).toBe('image/tiff');
    const doc = await settled(clinic.id, created.body.id);
    expect(doc).toMatchObject({ status: 'matched', documentType: 'lab_result', matchedPatientId: '2', matchMethod: 'name_dob', extractionModel: 'rules-1+tesseract-eng', pageCount: 1 });
    expect(doc.extractedData).toMatchObject({ patientFirstName: 'Mei', patientLastName: 'Wong', dateOfBirth: '1980-07-22' });
  }, 120_000);

  it('fax settings: a manager may change how long documents stay and the auto-match threshold, but the fax number and an outside AI vendor are the platform admin’s; a fax number is one clinic’s only', async () => {
    const clinic = await faxClinic();
    const manager = await s.managerOf(clinic.id);
    const ok = await s.as(manager.token, 'PUT', `/api/clinics/${clinic.id}/config`, { fax: { faxRetentionDays: 200, faxAutoMatchThreshold: 0.95 } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.fax).toMatchObject({ faxNumber: clinic.faxNumber, faxRetentionDays: 200, faxAutoMatchThreshold: 0.95, faxExtractionVendor: null });
    const refused = await s.as(manager.token, 'PUT', `/api/clinics/${clinic.id}/config`, { fax: { faxNumber: randomPhone(), faxExtractionVendor: 'openai' } });
    expect(refused.status).toBe(403);
    expect(refused.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['fax.faxExtractionVendor', 'fax.faxNumber']);
    const other = await faxClinic();
    const taken = await s.as(s.adminToken, 'PUT', `/api/clinics/${other.id}/config`, { fax: { faxNumber: clinic.faxNumber } });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ message: 'This fax number already receives faxes for another clinic', errors: [{ field: 'fax.faxNumber' }] });
    const low = await s.as(s.adminToken, 'PUT', `/api/clinics/${clinic.id}/config`, { fax: { faxAutoMatchThreshold: 0.5 } });
    expect(low.status).toBe(400);
    expect(low.body.errors[0].field).toBe('fax.faxAutoMatchThreshold');
  });

  it('while the EMR is failing the document waits, read but unmatched, and the job tries again with backoff until it is matched', async () => {
    const clinic = await faxClinic();
    await sim.control.resetCounters();
    await sim.control.setFaults({ service: 'DemographicService', errorRate: 1 });
    try {
      const created = await upload(clinic.id, await referral(['emr away']));
      // the first attempt gives up (after the adapter's own retries) and the queue schedules another
      const retry = await waitFor(async () => {
        const [job] = (await s.t.db.dataSource.query(`SELECT retry_count FROM pgboss.job WHERE name = 'fax.process' AND data->>'faxId' = $1`, [created.body.id])) as { retry_count: number }[];
        return job && job.retry_count >= 1 ? job : undefined;
      }, 90_000, 'a failed attempt of the job');
      expect(retry.retry_count).toBeGreaterThanOrEqual(1);
      expect(await sim.control.count('DemographicService', 'searchDemographicsByAttributes')).toBeGreaterThan(0);
      const waiting = await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}/faxes/${created.body.id}`);
      expect(waiting.body).toMatchObject({ status: 'extracted', extractedData: { phn: HARRIET.phn } });
    } finally {
      await sim.control.setFaults([]);
    }
    const [doc] = (await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}/faxes`)).body.items;
    expect(await settled(clinic.id, doc.id)).toMatchObject({ status: 'matched', matchedPatientId: HARRIET.id });
  }, 150_000);

  it('a document left "processing" by a worker that died is read again when its job runs again; running it on a finished document changes nothing', async () => {
    const clinic = await faxClinic();
    const created = await upload(clinic.id, await referral(['crash']));
    const first = await settled(clinic.id, created.body.id);
    const repo = s.t.db.dataSource.getRepository(FaxDocument);
    await repo.update({ id: created.body.id }, { status: FaxStatus.Processing, extractedDataEnc: null, candidates: null, matchedPatientId: null });
    const pipeline = s.t.app.get(FaxPipeline);
    const attempt = { id: 'again', data: { clinicId: clinic.id, faxId: created.body.id }, retryCount: 1, retryLimit: 4, isLastAttempt: false };
    await pipeline.process(attempt);
    const again = (await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}/faxes/${created.body.id}`)).body;
    expect(again).toMatchObject({ status: 'matched', matchedPatientId: HARRIET.id, extractedData: first.extractedData, candidates: first.candidates });
    const before = await repo.findOneByOrFail({ id: created.body.id });
    await pipeline.process(attempt);
    expect((await repo.findOneByOrFail({ id: created.body.id })).updatedAt).toEqual(before.updatedAt);
  }, 120_000);

  it('a clinic that opted in to OpenAI has its faxes read by it (the text, through the official SDK, with a JSON schema), falls back to the offline reader when it fails, and no other clinic’s document is ever sent', async () => {
    const before = openai.requests.length;
    const offlineClinic = await faxClinic();
    await settled(offlineClinic.id, (await upload(offlineClinic.id, await referral(['offline clinic']))).body.id);
    expect(openai.requests.length, 'a clinic without the opt-in sends nothing out').toBe(before);

    const clinic = await faxClinic({ faxExtractionVendor: 'openai' });
    openai.answer = () => ({ documentType: 'referral', patientFirstName: 'Harriet', patientLastName: 'Jones', dateOfBirth: '1948-03-14', phn: '9698 658 215', phone: null, referringProvider: 'Dr. Amy Chen' });
    const read = await settled(clinic.id, (await upload(clinic.id, await referral(['vendor']))).body.id);
    expect(read).toMatchObject({ status: 'matched', matchedPatientId: HARRIET.id, extractionProvider: 'openai', extractionModel: 'gpt-4o-mini-2024-07-18', extractionCostCents: 0.021 });
    expect(read.extractedData).toMatchObject({ phn: HARRIET.phn, dateOfBirth: HARRIET.dob });
    const [request] = openai.requests.slice(before);
    expect(request).toMatchObject({ authorized: true, model: 'gpt-4o-mini', responseFormat: { type: 'json_schema', json_schema: { name: 'fax_fields', strict: true } } });
    expect(request.text).toContain('PHN: 9698 658 215');

    openai.failNext(500, 500);
    const fallback = await settled(clinic.id, (await upload(clinic.id, await referral(['vendor down']))).body.id);
    expect(fallback).toMatchObject({ status: 'matched', extractionProvider: 'offline', extractionCostCents: 0, extractedData: { phn: HARRIET.phn } });
    expect(fallback.extractionNote).toBe('OpenAI could not read the document, so it was read offline instead.');
    expect(s.t.logLines.join('\n')).not.toContain('9698 658 215');
  }, 120_000);

  it('a clinic that chose Anthropic or Google has its faxes read by it (a PHN whose check digit fails dropped)', async () => {
    const clinic = await faxClinic({ faxExtractionVendor: 'anthropic' });
    anthropic.answer = () => ({ documentType: 'referral', patientFirstName: 'Harriet', patientLastName: 'Jones', dateOfBirth: '1948-03-14', phn: '9698658216', phone: null, referringProvider: 'Dr. Amy Chen' });
    const read = await settled(clinic.id, (await upload(clinic.id, await referral(['anthropic']))).body.id);
    expect(read).toMatchObject({ status: 'matched', matchedPatientId: HARRIET.id, matchMethod: 'name_dob', extractionProvider: 'anthropic', extractionModel: 'claude-haiku-4-5', extractionCostCents: 0.15 });
    expect(read.extractedData.phn).toBeNull();
    expect(read.extractionNote).toContain('its check digit is wrong');
    expect(anthropic.requests.at(-1)).toMatchObject({ authorized: true, model: 'claude-haiku-4-5', outputConfig: { format: { type: 'json_schema' } } });

    const byGoogle = await faxClinic({ faxExtractionVendor: 'google' });
    google.answer = () => ({ documentType: 'referral', patientFirstName: 'Harriet', patientLastName: 'Jones', dateOfBirth: '1948-03-14', phn: '9698658215', phone: null, referringProvider: null });
    const fromGoogle = await settled(byGoogle.id, (await upload(byGoogle.id, await referral(['google']))).body.id);
    expect(fromGoogle).toMatchObject({ status: 'matched', matchMethod: 'phn_exact', extractionProvider: 'google', extractionModel: 'gemini-2.5-flash', extractionCostCents: 0.055 });
    expect(google.requests.at(-1)).toMatchObject({ authorized: true, model: 'gemini-2.5-flash', generationConfig: { responseMimeType: 'application/json' } });
  }, 120_000);

  it('a manager of another clinic finds none of a clinic’s faxes (404 on every route)', async () => {
    const clinic = await faxClinic();
    const created = await upload(clinic.id, await referral(['isolation']));
    const stranger = await s.managerOf((await s.newClinic()).id);
    const base = `/api/clinics/${clinic.id}/faxes`;
    for (const [method, path, body] of [
      ['GET', base],
      ['GET', `${base}/counts`],
      ['GET', `${base}/${created.body.id}`],
      ['GET', `${base}/${created.body.id}/file`],
      ['GET', `${base}/${created.body.id}/pages/1`],
      ['POST', `${base}/${created.body.id}/verify`, { demographicId: '1' }],
      ['POST', `${base}/${created.body.id}/reject`, { reason: 'x' }],
    ] as const) {
      expect((await s.as(stranger.token, method, path, body)).status, `${method} ${path}`).toBe(404);
    }
    expect((await upload(clinic.id, await referral(['other']), 'x.pdf', 'application/pdf', stranger.token)).status).toBe(404);
  }, 120_000);

  it('the retention job archives documents verified more than faxArchiveDays ago and deletes those older than faxRetentionDays with their files', async () => {
    const clinic = await faxClinic({ faxArchiveDays: 30, faxRetentionDays: 100 });
    const old = await upload(clinic.id, await referral(['old']));
    const recent = await upload(clinic.id, await referral(['recent']));
    await settled(clinic.id, old.body.id);
    await settled(clinic.id, recent.body.id);
    expect((await s.as(s.adminToken, 'POST', `/api/clinics/${clinic.id}/faxes/${recent.body.id}/verify`, { demographicId: '1' })).status).toBe(200);
    const repo = s.t.db.dataSource.getRepository(FaxDocument);
    const day = 24 * 3600 * 1000;
    await repo.update({ id: recent.body.id }, { matchVerifiedAt: new Date(Date.now() - 31 * day) });
    await repo.update({ id: old.body.id }, { receivedAt: new Date(Date.now() - 101 * day) });

    const report = await s.t.app.get(RetentionService).run(new Date());
    expect(report).toMatchObject({ ran: true, tasks: { fax_documents: { faxesArchived: 1, faxesPurged: 1 } } });
    expect(await repo.findOneBy({ id: old.body.id })).toBeNull();
    expect(await s.t.db.dataSource.getRepository(FaxDocumentFile).findOneBy({ faxDocumentId: old.body.id })).toBeNull();
    expect(await repo.findOneBy({ id: recent.body.id })).toMatchObject({ status: 'archived', archivedAt: expect.any(Date) });
  }, 120_000);
});
