import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream, LoggerOptions } from 'pino';
import { redactError, redactUrl, redactValue, scrubText } from './redact.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Routes whose answered requests get no access line: the Vapi webhook logs what each delivery did
 * ('voice tool call' per tool call, 'Vapi call status', 'end-of-call report recorded'), so on the
 * hottest route the line would only repeat it. Refused and failed requests are still logged.
 */
const QUIET_WHEN_ANSWERED = new Set(['/api/vapi/webhook']);

/** Keys that pino-http and our serializers already make safe. */
const SERIALIZED = new Set(['req', 'res', 'err', 'responseTime', 'reqId', 'context']);

/**
 * pino options in which every line goes through the redaction layer: string arguments are
 * scrubbed, objects are redacted by key, errors keep type and scrubbed message only, requests log
 * method, scrubbed URL and id — never headers or bodies.
 */
export function pinoOptions(level: string): LoggerOptions {
  return {
    level,
    base: undefined,
    messageKey: 'msg',
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => {
        const serialized: Record<string, unknown> = {};
        const rest: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(object)) {
          if (SERIALIZED.has(key)) serialized[key] = value;
          else rest[key] = value;
        }
        return { ...(redactValue(rest) as Record<string, unknown>), ...serialized };
      },
    },
    serializers: {
      err: (error: unknown) => (error instanceof Error ? redactError(error) : redactValue(error)),
      req: (req: IncomingMessage & { id?: string; raw?: IncomingMessage }) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.url ?? ''),
      }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
    hooks: {
      logMethod(args, method) {
        const safe: unknown[] = args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg));
        // pino would take an error's raw message as the line's msg: give it the scrubbed one
        const first = safe[0];
        const error = first instanceof Error ? first : (first as { err?: unknown } | undefined)?.err;
        if (error instanceof Error && typeof safe[1] !== 'string') {
          if (first instanceof Error) safe[0] = { err: first };
          safe.splice(1, 0, scrubText(error.message));
        }
        return method.apply(this, safe as Parameters<typeof method>);
      },
    },
  };
}

/** nestjs-pino parameters: request ids (X-Request-Id in and out), levels by status, redaction. */
export function loggerParams(level: string, destination?: DestinationStream): Params {
  const options = {
    ...pinoOptions(level),
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse, error?: Error) =>
      error || res.statusCode >= 500
        ? 'error'
        : res.statusCode >= 400
          ? 'warn'
          : QUIET_WHEN_ANSWERED.has((req.originalUrl ?? req.url ?? '').split('?')[0])
            ? 'silent'
            : 'info',
    customSuccessMessage: (req: IncomingMessage, res: ServerResponse) =>
      `${req.method} ${redactUrl(req.url ?? '')} ${res.statusCode}`,
    customErrorMessage: (req: IncomingMessage, res: ServerResponse) =>
      `${req.method} ${redactUrl(req.url ?? '')} ${res.statusCode}`,
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/api/health' },
    quietReqLogger: true,
  };
  return {
    pinoHttp: destination ? [options, destination] : options,
  } as Params;
}
