import { Inject, Injectable } from '@nestjs/common';
import OpenAI from 'openai';
import { isValidBcPhn } from '../../../../libs/shared/src/bc-phn.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { FaxExtractionProvider, FaxExtractionResult } from './fax-extraction.js';
import { FAX_DOCUMENT_TYPES, parseDate, type FaxDocumentType } from './fax-extraction-rules.js';
import type { FaxPageText } from './fax-reader.js';

/** The fields the model must answer, as a strict JSON schema (structured outputs). */
const FIELDS_SCHEMA = {
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

const INSTRUCTIONS =
  'You read faxes received by a medical clinic in British Columbia. From the document text, give the patient the document is about ' +
  '(first and last name, date of birth as YYYY-MM-DD, BC PHN, phone), the referring or ordering provider, and the kind of document. ' +
  'Use null for anything the document does not say. Never guess.';

/** US cents per million tokens (input, output) of the models this server may be set to; unknown models count 0 and say so. */
const PRICES: Record<string, [number, number]> = {
  'gpt-4o-mini': [15, 60],
  'gpt-4o': [250, 1000],
  'gpt-4.1-mini': [40, 160],
};

const MAX_TEXT_CHARS = 40_000;

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
 * Extraction by OpenAI (official SDK, structured outputs against `FIELDS_SCHEMA`), only for a clinic
 * that chose `openai` as its fax vendor and only when `OPENAI_API_KEY` is set; `OPENAI_BASE_URL`
 * points it elsewhere (tests: a local fake). The document's text (text layer or OCR) is sent, never
 * the file. What comes back is checked like the offline rules: a PHN whose check digit fails, or a
 * date that is not one, is dropped.
 */
@Injectable()
export class OpenAiFaxExtractor implements FaxExtractionProvider {
  readonly name = 'openai';
  private client: OpenAI | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get configured(): boolean {
    return !!this.config.openaiApiKey;
  }

  async extract(pages: FaxPageText[]): Promise<FaxExtractionResult> {
    this.client ??= new OpenAI({ apiKey: this.config.openaiApiKey, baseURL: this.config.openaiBaseUrl, maxRetries: 1, timeout: 60_000, logLevel: 'off' });
    const model = this.config.openaiFaxModel;
    const completion = await this.client.chat.completions.create({
      model,
      temperature: 0,
      messages: [
        { role: 'system', content: INSTRUCTIONS },
        { role: 'user', content: pages.map((p) => `--- page ${p.page} ---\n${p.text}`).join('\n').slice(0, MAX_TEXT_CHARS) },
      ],
      response_format: { type: 'json_schema', json_schema: { name: 'fax_fields', strict: true, schema: FIELDS_SCHEMA as unknown as Record<string, unknown> } },
    });
    const content = completion.choices[0]?.message?.content;
    let answer: Record<string, unknown>;
    try {
      answer = JSON.parse(content ?? '') as Record<string, unknown>;
    } catch {
      throw new FaxVendorAnswerError('the answer was not JSON');
    }
    if (!answer || typeof answer !== 'object') throw new FaxVendorAnswerError('the answer was not an object');
    const phnText = text(answer.phn)?.replace(/[\s-]/g, '') ?? null;
    const dobText = text(answer.dateOfBirth);
    const type = FAX_DOCUMENT_TYPES.includes(answer.documentType as FaxDocumentType) ? (answer.documentType as FaxDocumentType) : 'other';
    const price = PRICES[model];
    const usage = completion.usage;
    const costCents = price && usage ? (usage.prompt_tokens * price[0] + usage.completion_tokens * price[1]) / 1_000_000 : 0;
    const notes = ['Read by OpenAI: check the fields against the document.'];
    if (phnText && !isValidBcPhn(phnText)) notes.push('A health number was found but its check digit is wrong, so it was not used.');
    if (!price) notes.push('The cost of this model is not known to VoiceDesk.');
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
      provider: 'openai',
      model: completion.model || model,
      costCents: Math.round(costCents * 10_000) / 10_000,
      note: notes.join(' '),
    };
  }
}
