import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { scrubText } from '../logging/redact.js';
import { DOMAIN_ERROR_STATUS, DomainError, type FieldError } from './domain-error.js';

/** The error body of every route: `{statusCode, error, message, errors:[{field, message}]}`. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  errors: FieldError[];
}

function body(statusCode: number, message: string, errors: FieldError[] = []): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, errors };
}

interface HealthFailure {
  status: string;
  info: Record<string, unknown>;
  error: Record<string, { status: string; message?: string }>;
  details: Record<string, unknown>;
}

/** A failed health check keeps terminus' details beside the usual error fields. */
function healthBody(status: number, failure: HealthFailure): ErrorBody & Omit<HealthFailure, 'error'> {
  const failing = Object.entries(failure.error ?? {}).map(([key, v]) => (v.message ? `${key} (${v.message})` : key));
  return {
    ...body(status, `Not healthy: ${failing.join(', ') || 'unknown'}`),
    status: failure.status,
    info: failure.info,
    details: failure.details,
  };
}

/** Maps HttpExceptions, domain errors and body-parser failures to one shape; anything else is a 500 without details. */
export function toErrorBody(exception: unknown): { body: ErrorBody; retryAfter?: number } {
  if (exception instanceof DomainError) {
    return {
      body: body(DOMAIN_ERROR_STATUS[exception.code], exception.message, exception.fieldErrors),
      retryAfter: exception.retryAfterSeconds,
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    if (typeof response === 'object' && response !== null && 'details' in response && 'info' in response) {
      return { body: healthBody(status, response as HealthFailure) };
    }
    if (typeof response === 'object' && response !== null) {
      const r = response as { message?: unknown; errors?: FieldError[] };
      const message = Array.isArray(r.message) ? r.message.join('; ') : String(r.message ?? exception.message);
      return { body: body(status, message, Array.isArray(r.errors) ? r.errors : []) };
    }
    return { body: body(status, String(response)) };
  }
  const e = exception as { type?: string; status?: number; statusCode?: number };
  // body-parser errors (malformed JSON, too large) carry a 4xx status and a type
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message =
      e.type === 'entity.parse.failed'
        ? 'The request body is not valid JSON'
        : e.type === 'entity.too.large'
          ? 'The request body is too large'
          : (STATUS_CODES[status] ?? 'Bad request');
    return { body: body(status, message) };
  }
  return { body: body(HttpStatus.INTERNAL_SERVER_ERROR, 'Something went wrong on our side; it has been logged') };
}

/** Answers `exception` in the API's error shape (with Retry-After when it has one); a 5xx is logged, without details to the client. */
export function sendError(response: Response, exception: unknown, logger: Logger): void {
  const { body: payload, retryAfter } = toErrorBody(exception);
  if (payload.statusCode >= 500) {
    logger.error(exception instanceof Error ? exception : new Error(scrubText(String(exception))));
  }
  if (response.headersSent) return;
  if (retryAfter) response.setHeader('Retry-After', String(retryAfter));
  response.status(payload.statusCode).json(payload);
}

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    sendError(host.switchToHttp().getResponse<Response>(), exception, this.logger);
  }
}
