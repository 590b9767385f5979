import type { GoogleGenAI } from '@google/genai';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { FaxExtractionProvider, FaxExtractionResult } from './fax-extraction.js';
import type { FaxPageText } from './fax-reader.js';
import { FAX_FIELDS_SCHEMA, FAX_VENDOR_INSTRUCTIONS, faxTextForVendor, fromVendorAnswer, tokenCostCents } from './fax-vendor-answer.js';

/** US cents per million tokens (input, output) of the models this server may be set to. */
const PRICES: Record<string, [number, number]> = {
  'gemini-2.5-flash': [30, 250],
  'gemini-2.5-flash-lite': [10, 40],
};

/**
 * Extraction by Google (official `@google/genai` SDK, JSON output against `FAX_FIELDS_SCHEMA`), only
 * for a clinic that chose `google` and only when `GOOGLE_API_KEY` is set; `GOOGLE_BASE_URL` points it
 * elsewhere (tests: a local fake). The text is sent, never the file.
 */
@Injectable()
export class GoogleFaxExtractor implements FaxExtractionProvider {
  readonly name = 'google';
  private client: GoogleGenAI | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get configured(): boolean {
    return !!this.config.googleApiKey;
  }

  async extract(pages: FaxPageText[]): Promise<FaxExtractionResult> {
    const { GoogleGenAI: GoogleClient } = await import('@google/genai'); // loaded on first use
    this.client ??= new GoogleClient({ apiKey: this.config.googleApiKey, httpOptions: { baseUrl: this.config.googleBaseUrl, timeout: 60_000 } });
    const model = this.config.googleFaxModel;
    const response = await this.client.models.generateContent({
      model,
      contents: faxTextForVendor(pages),
      config: { systemInstruction: FAX_VENDOR_INSTRUCTIONS, temperature: 0, responseMimeType: 'application/json', responseJsonSchema: FAX_FIELDS_SCHEMA },
    });
    const usage = response.usageMetadata;
    return fromVendorAnswer(response.text, {
      provider: 'google',
      label: 'Google',
      model: response.modelVersion || model,
      costCents: usage ? tokenCostCents(PRICES, model, usage.promptTokenCount ?? 0, usage.candidatesTokenCount ?? 0) : null,
    });
  }
}
