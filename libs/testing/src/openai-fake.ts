import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One `POST /v1/chat/completions` the fake received. */
export interface OpenAiFakeRequest {
  authorized: boolean;
  model: string;
  /** every message's text, joined */
  text: string;
  /** the `response_format` asked for */
  responseFormat: unknown;
}

export interface OpenAiFake {
  /** `http://127.0.0.1:<port>/v1`: give it to the API as `OPENAI_BASE_URL` */
  baseUrl: string;
  apiKey: string;
  requests: OpenAiFakeRequest[];
  /** what the model answers (the JSON object it "read"), from the request's text */
  answer: (text: string) => Record<string, unknown>;
  /** the next requests answer this HTTP status (one each), first in first out */
  failNext(...statuses: number[]): void;
  close(): Promise<void>;
}

/**
 * A fake of OpenAI's chat completions API over real HTTP, as the official `openai` SDK calls it:
 * `POST /v1/chat/completions` with `Authorization: Bearer <key>` answers a `chat.completion`
 * whose message content is `JSON.stringify(answer(text))`, with token usage.
 */
export async function startOpenAiFake(apiKey = 'sk-test-fax-0123456789'): Promise<OpenAiFake> {
  const failures: number[] = [];
  const fake: OpenAiFake = {
    baseUrl: '',
    apiKey,
    requests: [],
    answer: () => ({}),
    failNext: (...statuses) => void failures.push(...statuses),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return send(404, { error: { message: 'not found', type: 'invalid_request_error' } });
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { model?: string; messages?: { content?: string }[]; response_format?: unknown };
      const text = (body.messages ?? []).map((m) => m.content ?? '').join('\n');
      const authorized = req.headers.authorization === `Bearer ${apiKey}`;
      fake.requests.push({ authorized, model: body.model ?? '', text, responseFormat: body.response_format });
      if (!authorized) return send(401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } });
      const failure = failures.shift();
      if (failure) return send(failure, { error: { message: 'The server had an error while processing your request.', type: 'server_error' } });
      send(200, {
        id: `chatcmpl-${randomUUID()}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: `${body.model}-2024-07-18`,
        choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify(fake.answer(text)), refusal: null }, finish_reason: 'stop', logprobs: null }],
        usage: { prompt_tokens: 1000, completion_tokens: 100, total_tokens: 1100 },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return fake;
}

/** One `POST /v1/messages` the Anthropic fake received. */
export interface AnthropicFakeRequest {
  authorized: boolean;
  model: string;
  /** the system prompt and every message's text, joined */
  text: string;
  /** the `output_config` asked for */
  outputConfig: unknown;
}

export interface AnthropicFake {
  /** `http://127.0.0.1:<port>`: give it to the API as `ANTHROPIC_BASE_URL` (the SDK adds `/v1/messages`) */
  baseUrl: string;
  apiKey: string;
  requests: AnthropicFakeRequest[];
  answer: (text: string) => Record<string, unknown>;
  close(): Promise<void>;
}

/**
 * A fake of Anthropic's Messages API as the official `@anthropic-ai/sdk` calls it: `POST /v1/messages`
 * with the key answers a `message` whose one text block is `JSON.stringify(answer(text))`, with usage.
 */
export async function startAnthropicFake(apiKey = 'sk-ant-test-fax-0123456789'): Promise<AnthropicFake> {
  const fake: AnthropicFake = {
    baseUrl: '',
    apiKey,
    requests: [],
    answer: () => ({}),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || req.url !== '/v1/messages') return send(404, { type: 'error', error: { type: 'not_found_error', message: 'Not found' } });
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { model?: string; system?: string; messages?: { content?: string }[]; output_config?: unknown };
      const text = [body.system ?? '', ...(body.messages ?? []).map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)))].join('\n');
      // the SDK sends the key as `x-api-key`, or (1.x) as a Bearer token
      const authorized = req.headers['x-api-key'] === apiKey || req.headers.authorization === `Bearer ${apiKey}`;
      fake.requests.push({ authorized, model: body.model ?? '', text, outputConfig: body.output_config });
      if (!authorized) return send(401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } });
      send(200, {
        id: `msg_${randomUUID().replace(/-/g, '')}`,
        type: 'message',
        role: 'assistant',
        model: body.model,
        content: [{ type: 'text', text: JSON.stringify(fake.answer(text)) }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 1000, output_tokens: 100 },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

/** One `generateContent` call the Google fake received. */
export interface GoogleFakeRequest {
  authorized: boolean;
  model: string;
  text: string;
  generationConfig: unknown;
}

export interface GoogleFake {
  /** `http://127.0.0.1:<port>`: give it to the API as `GOOGLE_BASE_URL` */
  baseUrl: string;
  apiKey: string;
  requests: GoogleFakeRequest[];
  answer: (text: string) => Record<string, unknown>;
  close(): Promise<void>;
}

/**
 * A fake of the Gemini API as the official `@google/genai` SDK calls it:
 * `POST /<version>/models/<model>:generateContent` with `x-goog-api-key` answers one candidate whose
 * text is `JSON.stringify(answer(text))`, with usage metadata.
 */
export async function startGoogleFake(apiKey = 'AIza-test-fax-0123456789'): Promise<GoogleFake> {
  const fake: GoogleFake = {
    baseUrl: '',
    apiKey,
    requests: [],
    answer: () => ({}),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const match = /^\/[^/]+\/models\/([^/:]+):generateContent/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) return send(404, { error: { code: 404, message: 'Not found', status: 'NOT_FOUND' } });
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
        contents?: { parts?: { text?: string }[] }[];
        systemInstruction?: { parts?: { text?: string }[] };
        generationConfig?: unknown;
      };
      const parts = [...(body.systemInstruction?.parts ?? []), ...(body.contents ?? []).flatMap((c) => c.parts ?? [])];
      const text = parts.map((p) => p.text ?? '').join('\n');
      const authorized = req.headers['x-goog-api-key'] === apiKey;
      fake.requests.push({ authorized, model: match[1], text, generationConfig: body.generationConfig });
      if (!authorized) return send(403, { error: { code: 403, message: 'API key not valid', status: 'PERMISSION_DENIED' } });
      send(200, {
        candidates: [{ content: { parts: [{ text: JSON.stringify(fake.answer(text)) }], role: 'model' }, finishReason: 'STOP', index: 0 }],
        usageMetadata: { promptTokenCount: 1000, candidatesTokenCount: 100, totalTokenCount: 1100 },
        modelVersion: match[1],
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
