import { Injectable } from '@nestjs/common';
import { extractFaxFields, type FaxDocumentType, type FaxFields } from './fax-extraction-rules.js';
import type { FaxPageText } from './fax-reader.js';

export interface FaxExtractionResult {
  documentType: FaxDocumentType;
  fields: FaxFields;
  /** `offline`, or the outside vendor that read the document */
  provider: string;
  model: string;
  costCents: number;
  /** what staff should know about how the document was read (plain words, no PHI) */
  note: string | null;
}

/**
 * One way of turning a document's text into fields. The offline extractor is the default and
 * needs no key; an outside AI vendor (Anthropic, OpenAI, Google) would implement the same
 * interface and is only ever used for a clinic that opted in, with its key configured.
 */
export interface FaxExtractionProvider {
  readonly name: string;
  extract(pages: FaxPageText[]): Promise<FaxExtractionResult>;
}

/** The built-in extractor: the PDF text layer or OCR text, read by rules (fax-extraction-rules.ts). Free, offline, deterministic. */
@Injectable()
export class OfflineFaxExtractor implements FaxExtractionProvider {
  readonly name = 'offline';

  extract(pages: FaxPageText[]): Promise<FaxExtractionResult> {
    const ocr = pages.some((p) => p.ocr);
    const result = extractFaxFields(pages.map((p) => p.text).join('\n'));
    const notes: string[] = [];
    if (result.phnRejected) notes.push('A health number was found but its check digit is wrong, so it was not used.');
    if (ocr) notes.push('Read from a scanned image: check the fields against the document.');
    return Promise.resolve({
      documentType: result.documentType,
      fields: result.fields,
      provider: 'offline',
      model: ocr ? 'rules-1+tesseract-eng' : 'rules-1',
      costCents: 0,
      note: notes.length ? notes.join(' ') : null,
    });
  }
}
