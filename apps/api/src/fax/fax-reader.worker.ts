/**
 * The fax reader's worker thread: opens a document, reads its text layer, rasterises pages and
 * runs OCR, so none of that blocks the API's event loop. Self-contained on purpose (no relative
 * imports): under test it runs from its TypeScript source through Node's type stripping.
 *
 * Messages in: `{ id, op: 'read' | 'render', bytes, mimeType, page? }`; out: `{ id, ok, result }`
 * or `{ id, ok: false, error: { kind, message } }` with a message in plain words (never content).
 */
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { createWorker, type Worker as OcrWorker } from 'tesseract.js';
import { extractText, getDocumentProxy, renderPageAsImage } from 'unpdf';

type ReaderRequest = { id: number; op: 'read' | 'render'; bytes: Uint8Array; mimeType: string; page?: number };
type PageText = { page: number; text: string; ocr: boolean; confidence: number | null };

/** a page with fewer letters than this in its text layer is treated as a scan and read by OCR */
const MIN_TEXT_LETTERS = 25;
/** pages read by OCR at most (a fax of 300 scanned pages is read for its first pages only) */
const MAX_OCR_PAGES = 10;
const OCR_SCALE = 2;
const PREVIEW_SCALE = 1.5;

class ReaderError extends Error {
  readonly kind: 'unreadable' | 'internal';
  constructor(kind: 'unreadable' | 'internal', message: string) {
    super(message);
    this.kind = kind;
  }
}

const require = createRequire(import.meta.url);
let ocr: Promise<OcrWorker> | undefined;

async function startOcr(): Promise<OcrWorker> {
  const worker = await createWorker('eng', 1, {
    // the English data ships in an npm package: nothing is downloaded at run time
    langPath: (require('@tesseract.js-data/eng') as { langPath: string }).langPath,
    gzip: true,
    cacheMethod: 'none',
  });
  // rendered pages carry no resolution; say what they are instead of letting tesseract guess
  await worker.setParameters({ user_defined_dpi: '150' });
  return worker;
}

function ocrWorker(): Promise<OcrWorker> {
  ocr ??= startOcr();
  return ocr;
}

async function recognise(png: Buffer): Promise<{ text: string; confidence: number }> {
  const worker = await ocrWorker();
  const { data } = await worker.recognize(png, { rotateAuto: true });
  return { text: data.text, confidence: data.confidence / 100 };
}

function letters(text: string): number {
  return (text.match(/\p{L}/gu) ?? []).length;
}

async function openPdf(bytes: Uint8Array) {
  try {
    return await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch {
    throw new ReaderError('unreadable', 'The PDF could not be opened: it is damaged or protected by a password.');
  }
}

async function renderPdfPage(bytes: Uint8Array, page: number, scale: number): Promise<Buffer> {
  const image = await renderPageAsImage(new Uint8Array(bytes), page, { canvasImport: () => import('@napi-rs/canvas'), scale });
  return Buffer.from(image);
}

async function tiffPageCount(bytes: Uint8Array): Promise<number> {
  try {
    const meta = await sharp(bytes, { pages: -1 }).metadata();
    return meta.pages ?? 1;
  } catch {
    throw new ReaderError('unreadable', 'The TIFF image could not be opened: it is damaged.');
  }
}

async function renderTiffPage(bytes: Uint8Array, page: number): Promise<Buffer> {
  return sharp(bytes, { page: page - 1 }).flatten({ background: '#ffffff' }).png().toBuffer();
}

async function read(request: ReaderRequest): Promise<{ pageCount: number; pages: PageText[] }> {
  const pages: PageText[] = [];
  if (request.mimeType === 'image/tiff') {
    const pageCount = await tiffPageCount(request.bytes);
    for (let page = 1; page <= Math.min(pageCount, MAX_OCR_PAGES); page++) {
      const { text, confidence } = await recognise(await renderTiffPage(request.bytes, page));
      pages.push({ page, text, ocr: true, confidence });
    }
    return { pageCount, pages };
  }
  const pdf = await openPdf(request.bytes);
  const { totalPages, text } = await extractText(pdf, { mergePages: false });
  let ocrPages = 0;
  for (let page = 1; page <= totalPages; page++) {
    const layer = text[page - 1] ?? '';
    if (letters(layer) >= MIN_TEXT_LETTERS || ocrPages >= MAX_OCR_PAGES) {
      pages.push({ page, text: layer, ocr: false, confidence: null });
      continue;
    }
    ocrPages += 1;
    const { text: read, confidence } = await recognise(await renderPdfPage(request.bytes, page, OCR_SCALE));
    pages.push({ page, text: read, ocr: true, confidence });
  }
  return { pageCount: totalPages, pages };
}

async function render(request: ReaderRequest): Promise<{ png: Buffer }> {
  const page = request.page ?? 1;
  if (request.mimeType === 'image/tiff') {
    const count = await tiffPageCount(request.bytes);
    if (page < 1 || page > count) throw new ReaderError('unreadable', `The document has ${count} page(s).`);
    return { png: await renderTiffPage(request.bytes, page) };
  }
  const pdf = await openPdf(request.bytes);
  if (page < 1 || page > pdf.numPages) throw new ReaderError('unreadable', `The document has ${pdf.numPages} page(s).`);
  return { png: await renderPdfPage(request.bytes, page, PREVIEW_SCALE) };
}

parentPort?.on('message', (request: ReaderRequest) => {
  const work = request.op === 'render' ? render(request) : read(request);
  work.then(
    (result) => parentPort?.postMessage({ id: request.id, ok: true, result }),
    (error: unknown) => {
      const known = error instanceof ReaderError;
      parentPort?.postMessage({
        id: request.id,
        ok: false,
        error: { kind: known ? error.kind : 'unreadable', message: known ? error.message : 'The document could not be read: it is damaged or not a valid PDF or TIFF file.' },
      });
    },
  );
});
