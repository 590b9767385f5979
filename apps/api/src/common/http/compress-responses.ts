import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';

/** Bodies smaller than this go as they are: compressing them saves less than its headers cost. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/**
 * Compresses responses (brotli when the client accepts it, else gzip; none when it accepts neither)
 * with the `compression` middleware: the console's static files and the API's JSON. Left as they
 * are: bodies under the threshold, types that do not compress (images, archives — the
 * middleware's own filter), and server-sent events, which must reach the client event by event
 * rather than wait in a compressor's buffer. Mounted after the Vapi webhook lane, so the webhook's
 * small answers cost no compression on the caller's clock.
 */
export function compressResponses(): RequestHandler {
  return compression({
    threshold: COMPRESSION_THRESHOLD_BYTES,
    filter: (request: Request, response: Response) => {
      const type = String(response.getHeader('Content-Type') ?? '');
      if (type.startsWith('text/event-stream')) return false;
      return compression.filter(request, response);
    },
  });
}
