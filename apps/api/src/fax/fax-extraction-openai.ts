import { Inject, Injectable } from '@nestjs/common';
import type OpenAI from 'openai';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { FaxExtractionProvider, FaxExtractionResult } from './fax-extraction.js';
import type { FaxPageText } from './fax-reader.js';
import { FAX_FIELDS_SCHEMA, FAX_VENDOR_INSTRUCTIONS, faxTextForVendor, fromVendorAnswer, tokenCostCents } from './fax-vendor-answer.js';

/** US cents per million tokens (input, output) of the models this server may be set to. */
const PRICES: Record<string, [number, number]> = {
  'gpt-4o-mini': [15, 60],
  'gpt-4o': [250, 1000],
  'gpt-4.1-mini': [40, 160],
};

/**
 * Extraction by OpenAI (official SDK, structured outputs against `FAX_FIELDS_SCHEMA`), only for a
 * clinic that chose `openai` and only when `OPENAI_API_KEY` is set; `OPENAI_BASE_URL` points it
 * elsewhere (tests: a local fake). The document's text is sent, never the file.
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
    const { default: OpenAIClient } = await import('openai'); // loaded on first use: a replica that never extracts never holds the SDK
    this.client ??= new OpenAIClient({ apiKey: this.config.openaiApiKey, baseURL: this.config.openaiBaseUrl, maxRetries: 1, timeout: 60_000, logLevel: 'off' });
    const model = this.config.openaiFaxModel;
    const completion = await this.client.chat.completions.create({
      model,
      temperature: 0,
      messages: [
        { role: 'system', content: FAX_VENDOR_INSTRUCTIONS },
        { role: 'user', content: faxTextForVendor(pages) },
      ],
      response_format: { type: 'json_schema', json_schema: { name: 'fax_fields', strict: true, schema: FAX_FIELDS_SCHEMA as unknown as Record<string, unknown> } },
    });
    const usage = completion.usage;
    return fromVendorAnswer(completion.choices[0]?.message?.content, {
      provider: 'openai',
      label: 'OpenAI',
      model: completion.model || model,
      costCents: usage ? tokenCostCents(PRICES, model, usage.prompt_tokens, usage.completion_tokens) : null,
    });
  }
}
