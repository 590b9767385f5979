import {
  EmrAuthError,
  EmrBadResponseError,
  EmrConflictError,
  EmrError,
  EmrInvalidError,
  EmrServerError,
  EmrUnreachableError,
} from './emr-errors.js';

/** The HTTP request was aborted by our own signal (timeout, deadline, caller). Not an EmrError. */
export class SoapAbortedError extends Error {
  constructor() {
    super('EMR request aborted');
    this.name = 'SoapAbortedError';
  }
}

/** A reply that is not a SOAP envelope (e.g. Tomcat's HTML error page), with its HTTP status. */
export class SoapHttpStatusError extends Error {
  constructor(readonly status: number) {
    super(`EMR answered HTTP ${status} without a SOAP envelope`);
    this.name = 'SoapHttpStatusError';
  }
}

/** A reply that is not a complete SOAP envelope (truncated or not XML). */
export class SoapMalformedError extends Error {
  constructor() {
    super('EMR reply is not a complete SOAP envelope');
    this.name = 'SoapMalformedError';
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ESOCKETTIMEDOUT',
  'EPIPE', 'EAI_AGAIN', 'ECONNABORTED', 'UND_ERR_SOCKET',
]);
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|EPROTO/i;
const AUTH_FAULTS = new Set(['InvalidSecurity', 'FailedAuthentication', 'InvalidSecurityToken', 'NotAuthorisedException']);

interface FaultShape {
  faultcode?: unknown;
  faultstring?: unknown;
}

function localName(qname: unknown): string {
  const text = typeof qname === 'string' ? qname : typeof (qname as { $value?: unknown })?.$value === 'string' ? String((qname as { $value: string }).$value) : '';
  return text.slice(text.lastIndexOf(':') + 1).trim();
}

/** faultcode and faultstring of a strong-soap fault error, from `err.root` or the message. */
export function readFault(error: unknown): { code: string; text: string } | null {
  const e = error as { root?: { Envelope?: { Body?: { Fault?: FaultShape } } }; message?: string };
  const fault = e?.root?.Envelope?.Body?.Fault;
  if (fault && fault.faultcode !== undefined) {
    return { code: localName(fault.faultcode), text: typeof fault.faultstring === 'string' ? fault.faultstring : '' };
  }
  const match = /^faultcode:\s*(\S+)\s+faultstring:\s*([\s\S]*)$/.exec(e?.message ?? '');
  if (match) return { code: localName(match[1]), text: match[2] };
  return null;
}

/**
 * Maps anything the SOAP stack threw to a typed EMR error with a plain-words message. The fault
 * text itself is never copied into the message (it can echo request data).
 */
export function toEmrError(error: unknown, operation: string): Error {
  if (error instanceof EmrError || error instanceof SoapAbortedError) return error;
  const code = String((error as { code?: unknown })?.code ?? '');
  if (TLS_CODES.test(code)) {
    return new EmrUnreachableError(
      'The EMR’s TLS certificate could not be verified. Install a valid certificate, or turn off TLS verification for this clinic if the EMR uses a self-signed one.',
    );
  }
  if (NETWORK_CODES.has(code) || /socket hang up|ECONNRESET|ECONNREFUSED/i.test((error as Error)?.message ?? '')) {
    return new EmrUnreachableError();
  }
  if (error instanceof SoapHttpStatusError) {
    if (error.status === 401 || error.status === 403) return new EmrAuthError();
    if (error.status === 404) {
      return new EmrUnreachableError('The EMR address answered “not found”. Check the OSCAR URL (it usually ends in /oscar).');
    }
    return new EmrUnreachableError(`The EMR answered with an error page (HTTP ${error.status}).`);
  }
  if (error instanceof SoapMalformedError) return new EmrBadResponseError();
  const fault = readFault(error);
  if (fault) return faultToEmrError(fault.code, fault.text, operation);
  return new EmrBadResponseError();
}

function faultToEmrError(code: string, text: string, operation: string): EmrError {
  if (AUTH_FAULTS.has(code)) return new EmrAuthError();
  if (code === 'MessageExpired') {
    return new EmrAuthError('The EMR refused the request as expired. Check that the EMR server’s clock is right.');
  }
  if (/missing required security object/i.test(text)) {
    return new EmrAuthError('The OSCAR user of this connection lacks a privilege the EMR requires (e.g. reading demographics).');
  }
  if (code === 'Client') return new EmrInvalidError(`The EMR refused the request “${operation}” as invalid.`);
  if (/Target must not be null/i.test(text)) return new EmrConflictError('The appointment no longer exists in the EMR.');
  if (/at least one parameter must be present/i.test(text)) return new EmrInvalidError('A patient search needs at least one criterion.');
  return new EmrServerError();
}
