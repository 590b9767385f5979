import type Anthropic from '@anthropic-ai/sdk';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { FaxExtractionProvider, FaxExtractionResult } from './fax-extraction.js';
import type { FaxPageText } from './fax-reader.js';
import { FAX_FIELDS_SCHEMA, FAX_VENDOR_INSTRUCTIONS, faxTextForVendor, fromVendorAnswer, tokenCostCents } from './fax-vendor-answer.js';

/** US cents per million tokens (input, output) of the models this server may be set to. */
const PRICES: Record<string, [number, number]> = {
  'claude-haiku-4-5': [100, 500],
  'claude-sonnet-4-6': [300, 1500],
  'claude-sonnet-4-5': [300, 1500],
};

/**
 * Extraction by Anthropic (official SDK, structured outputs: `output_config.format` with
 * `FAX_FIELDS_SCHEMA`), only for a clinic that chose `anthropic` and only when `ANTHROPIC_API_KEY`
 * is set; `ANTHROPIC_BASE_URL` points it elsewhere (tests: a local fake). The text is sent, never the file.
 */
@Injectable()
export class AnthropicFaxExtractor implements FaxExtractionProvider {
  readonly name = 'anthropic';
  private client: Anthropic | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get configured(): boolean {
    return !!this.config.anthropicApiKey;
  }

  async extract(pages: FaxPageText[]): Promise<FaxExtractionResult> {
    const { default: AnthropicClient } = await import('@anthropic-ai/sdk'); // loaded on first use
    this.client ??= new AnthropicClient({ apiKey: this.config.anthropicApiKey, baseURL: this.config.anthropicBaseUrl, maxRetries: 1, timeout: 60_000, logLevel: 'off' });
    const model = this.config.anthropicFaxModel;
    const message = await this.client.messages.create({
      model,
      max_tokens: 1024,
      system: FAX_VENDOR_INSTRUCTIONS,
      messages: [{ role: 'user', content: faxTextForVendor(pages) }],
      output_config: { format: { type: 'json_schema', schema: FAX_FIELDS_SCHEMA as unknown as Record<string, unknown> } },
    });
    const block = message.content.find((b) => b.type === 'text');
    return fromVendorAnswer(block && block.type === 'text' ? block.text : null, {
      provider: 'anthropic',
      label: 'Anthropic',
      model: message.model || model,
      costCents: tokenCostCents(PRICES, model, message.usage.input_tokens, message.usage.output_tokens),
    });
  }
}
