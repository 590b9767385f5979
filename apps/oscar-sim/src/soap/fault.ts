export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const WSSE_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';

/** A fault code: `soap:<local>` for SOAP codes, or `ns1:<local>` declared on <faultcode> itself (WS-Security). */
export interface FaultCode {
  readonly local: string;
  /** Namespace declared as ns1 on <faultcode>; undefined for the soap: codes. */
  readonly namespace?: string;
}

/** Detail element of a declared (checked) exception, marshalled with the model type of the same name. */
export interface FaultDetail {
  readonly type: string;
  readonly value: Record<string, unknown>;
}

/** A SOAP 1.1 fault as CXF writes it; always answered with HTTP 500. */
export class SoapFault extends Error {
  constructor(
    readonly code: FaultCode,
    readonly faultString: string,
    readonly detail?: FaultDetail,
  ) {
    super(faultString);
    this.name = 'SoapFault';
  }
}

const wsse = (local: string): FaultCode => ({ local, namespace: WSSE_NS });

export const SECURITY_HEADER_ERROR = 'An error was discovered processing the <wsse:Security> header.';

export function invalidSecurity(reason?: string): SoapFault {
  const text = reason ? `${SECURITY_HEADER_ERROR.slice(0, -1)} (${reason})` : SECURITY_HEADER_ERROR;
  return new SoapFault(wsse('InvalidSecurity'), text);
}

export function failedAuthentication(): SoapFault {
  return new SoapFault(wsse('FailedAuthentication'), 'The security token could not be authenticated or authorized');
}

export function invalidSecurityToken(): SoapFault {
  return new SoapFault(wsse('InvalidSecurityToken'), 'An invalid security token was provided');
}

export function messageExpired(): SoapFault {
  return new SoapFault(wsse('MessageExpired'), 'The message has expired');
}

export function clientFault(message: string): SoapFault {
  return new SoapFault({ local: 'Client' }, message);
}

export function serverFault(message: string, detail?: FaultDetail): SoapFault {
  return new SoapFault({ local: 'Server' }, message, detail);
}

/** CXF's text when the exception carries no message (seen live). */
export const GENERIC_SERVER_FAULT = 'Fault occurred while processing.';

export function unmarshallingError(message: string): SoapFault {
  return clientFault(`Unmarshalling Error: ${message}`);
}

export function notAuthorised(message = 'Invalid Username/Password'): SoapFault {
  return serverFault(message, { type: 'NotAuthorisedException', value: { message } });
}
