import type { NextFunction, Request, Response } from 'express';

/** How a JSON body spells U+0000 (a raw NUL byte is not valid JSON: the parser refuses it). */
const NUL_ESCAPE = Buffer.from('\\u0000');

/** `value` with U+0000 removed from every string and key (a new value; `value` is left as it is). */
export function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  if (Array.isArray(value)) return value.map(withoutNul);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key.replaceAll('\u0000', ''), withoutNul(inner)]));
  }
  return value;
}

/**
 * PostgreSQL's text and jsonb cannot hold U+0000, so a JSON body that spells one (`\u0000`) would
 * fail at the first write — a 500, or an audit row lost. The character means nothing in a name, a
 * note or a transcript: it is removed from the parsed body before anything reads it (refusing it
 * would turn a voice agent's delivery into an error). Only a body whose bytes hold the escape is
 * walked (needs `rawBody`), so the webhook's hot path pays one byte search.
 */
export function stripNulCharacters(request: Request & { rawBody?: Buffer }, _response: Response, next: NextFunction): void {
  if (request.rawBody?.includes(NUL_ESCAPE)) request.body = withoutNul(request.body);
  next();
}
