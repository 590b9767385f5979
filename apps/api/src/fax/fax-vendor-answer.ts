import { isValidBcPhn } from '../../../../libs/shared/src/bc-phn.js';
import type { FaxExtractionResult } from './fax-extraction.js';
import { FAX_DOCUMENT_TYPES, parseDate, type FaxDocumentType } from './fax-extraction-rules.js';
import type { FaxPageText } from './fax-reader.js';

/** What an outside AI vendor is asked for: the fields as a strict JSON schema (structured outputs). */
export const FAX_FIELDS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['documentType', 'patientFirstName', 'patientLastName', 'dateOfBirth', 'phn', 'phone', 'referringProvider'],
  properties: {
    documentType: { type: 'string', enum: [...FAX_DOCUMENT_TYPES] },
    patientFirstName: { type: ['string', 'null'] },
    patientLastName: { type: ['string', 'null'] },
    dateOfBirth: { type: ['string', 'null'], description: 'YYYY-MM-DD' },
    phn: { type: ['string', 'null'], description: 'British Columbia Personal Health Number, 10 digits' },
    phone: { type: ['string', 'null'] },
    referringProvider: { type: ['string', 'null'] },
  },
} as const;

export const FAX_VENDOR_INSTRUCTIONS =
  'You read faxes received by a medical clinic in British Columbia. From the document text, give the patient the document is about ' +
  '(first and last name, date of birth as YYYY-MM-DD, BC PHN, phone), the referring or ordering provider, and the kind of document. ' +
  'Use null for anything the document does not say. Never guess.';

const MAX_TEXT_CHARS = 40_000;

/** The document's text as a vendor gets it (never the file). */
export function faxTextForVendor(pages: FaxPageText[]): string {
  return pages.map((p) => `--- page ${p.page} ---\n${p.text}`).join('\n').slice(0, MAX_TEXT_CHARS);
}

/** The vendor answered something unusable (not the schema's JSON). */
export class FaxVendorAnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaxVendorAnswerError';
  }
}

function text(value: unknown, max = 120): string | null {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : null;
}

/**
 * A vendor's JSON answer, checked like the offline rules: a PHN whose check digit fails and a
 * date that is not one are dropped; unknown document types become `other`.
 */
export function fromVendorAnswer(
  content: string | null | undefined,
  vendor: { provider: string; label: string; model: string; costCents: number | null },
): FaxExtractionResult {
  let answer: Record<string, unknown>;
  try {
    answer = JSON.parse(content ?? '') as Record<string, unknown>;
  } catch {
    throw new FaxVendorAnswerError('the answer was not JSON');
  }
  if (!answer || typeof answer !== 'object' || Array.isArray(answer)) throw new FaxVendorAnswerError('the answer was not an object');
  const phnText = text(answer.phn)?.replace(/[\s-]/g, '') ?? null;
  const dobText = text(answer.dateOfBirth);
  const type = FAX_DOCUMENT_TYPES.includes(answer.documentType as FaxDocumentType) ? (answer.documentType as FaxDocumentType) : 'other';
  const notes = [`Read by ${vendor.label}: check the fields against the document.`];
  if (phnText && !isValidBcPhn(phnText)) notes.push('A health number was found but its check digit is wrong, so it was not used.');
  if (vendor.costCents === null) notes.push('The cost of this model is not known to VoiceDesk.');
  return {
    documentType: type,
    fields: {
      patientFirstName: text(answer.patientFirstName, 60),
      patientLastName: text(answer.patientLastName, 60),
      dateOfBirth: dobText ? parseDate(dobText) : null,
      phn: phnText && isValidBcPhn(phnText) ? phnText : null,
      phone: text(answer.phone, 30),
      referringProvider: text(answer.referringProvider, 80),
    },
    provider: vendor.provider,
    model: vendor.model,
    costCents: Math.round((vendor.costCents ?? 0) * 10_000) / 10_000,
    note: notes.join(' '),
  };
}

/** US cents for a request's tokens at a model's price per million tokens (input, output); null when the model's price is unknown. */
export function tokenCostCents(prices: Record<string, [number, number]>, model: string, inputTokens: number, outputTokens: number): number | null {
  const price = prices[model];
  return price ? (inputTokens * price[0] + outputTokens * price[1]) / 1_000_000 : null;
}
