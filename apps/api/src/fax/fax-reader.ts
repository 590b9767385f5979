import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface FaxPageText {
  page: number;
  text: string;
  /** read by OCR (a scanned page or a TIFF) rather than from the PDF's text layer */
  ocr: boolean;
  /** OCR's own confidence 0–1 (null for a text layer) */
  confidence: number | null;
}

export interface FaxReading {
  pageCount: number;
  pages: FaxPageText[];
}

/** The document cannot be read (damaged, protected, a page that does not exist): retrying will not help. */
export class FaxUnreadableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaxUnreadableError';
  }
}

/** The reader failed for a reason of its own (crashed, timed out): worth another attempt. */
export class FaxReaderUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaxReaderUnavailableError';
  }
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };

/** one document read, OCR included, may take this long before the reader is restarted */
const READ_TIMEOUT_MS = 180_000;
const RENDER_TIMEOUT_MS = 60_000;

/**
 * Reads fax documents off the API's event loop: PDF text layers (unpdf), page rasterising
 * (pdf.js on @napi-rs/canvas; sharp for TIFF) and OCR (tesseract.js with its English data from
 * `@tesseract.js-data/eng`) all run in one worker thread, started on first use. Requests queue
 * there one at a time; a worker that dies or hangs is replaced and the request fails as
 * `FaxReaderUnavailableError` (the job queue retries it).
 */
@Injectable()
export class FaxReader implements OnApplicationShutdown {
  private readonly logger = new Logger('FaxReader');
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  read(bytes: Buffer, mimeType: string): Promise<FaxReading> {
    return this.request<FaxReading>({ op: 'read', bytes, mimeType }, READ_TIMEOUT_MS);
  }

  async renderPage(bytes: Buffer, mimeType: string, page: number): Promise<Buffer> {
    const { png } = await this.request<{ png: Uint8Array }>({ op: 'render', bytes, mimeType, page }, RENDER_TIMEOUT_MS);
    return Buffer.from(png);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(new FaxReaderUnavailableError('The document reader stopped.'));
    if (worker) await worker.terminate();
  }

  private request<T>(message: { op: string; bytes: Buffer; mimeType: string; page?: number }, timeoutMs: number): Promise<T> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.logger.warn({ op: message.op }, 'document reader timed out: restarting it');
        void this.restart(new FaxReaderUnavailableError('Reading the document took too long.'));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      // a copy: the worker gets its own bytes, the caller keeps its buffer
      worker.postMessage({ id, ...message, bytes: new Uint8Array(message.bytes) });
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerUrl());
    worker.unref();
    worker.on('message', (reply: { id: number; ok: boolean; result?: unknown; error?: { kind: string; message: string } }) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      clearTimeout(waiting.timer);
      if (reply.ok) waiting.resolve(reply.result);
      else if (reply.error?.kind === 'internal') waiting.reject(new FaxReaderUnavailableError(reply.error.message));
      else waiting.reject(new FaxUnreadableError(reply.error?.message ?? 'The document could not be read.'));
    });
    worker.on('error', (error) => {
      this.logger.error({ err: { name: error.name } }, 'document reader crashed');
      if (this.worker === worker) this.worker = undefined;
      this.failAll(new FaxReaderUnavailableError('The document reader stopped unexpectedly.'));
    });
    worker.on('exit', () => {
      if (this.worker === worker) {
        this.worker = undefined;
        this.failAll(new FaxReaderUnavailableError('The document reader stopped unexpectedly.'));
      }
    });
    this.worker = worker;
    return worker;
  }

  private async restart(error: Error): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(error);
    if (worker) await worker.terminate();
  }

  private failAll(error: Error): void {
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.reject(error);
      this.pending.delete(id);
    }
  }
}

/** The compiled worker beside this file, or its TypeScript source under test (Node strips the types). */
function workerUrl(): URL {
  const compiled = new URL('./fax-reader.worker.js', import.meta.url);
  return existsSync(fileURLToPath(compiled)) ? compiled : new URL('./fax-reader.worker.ts', import.meta.url);
}
