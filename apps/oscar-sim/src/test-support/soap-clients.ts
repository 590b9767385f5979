import strongSoap, { type SoapClient } from 'strong-soap';
import type { TestOscarSim } from '../../../../libs/testing/src/oscar-sim.js';

export const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
export const OSCAR_NS = 'http://ws.oscarehr.org/';
const WSSE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const WSU = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
export const PASSWORD_TEXT = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText';
export const PASSWORD_DIGEST = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest';

export interface Credentials { username: string; password: string }

/** A strong-soap client of one service, configured as the adapter will be (PasswordText, no Timestamp, no Created). */
export async function soapClient(sim: TestOscarSim, service: string, credentials?: Credentials | null): Promise<SoapClient> {
  const client = await new Promise<SoapClient>((resolve, reject) => {
    strongSoap.soap.createClient(`${sim.wsUrl}/${service}?wsdl`, {}, (err, c) => (err ? reject(err) : resolve(c)));
  });
  const creds = credentials === undefined ? { username: String(sim.securityNo), password: sim.password } : credentials;
  if (creds) {
    client.setSecurity(new strongSoap.WSSecurity(creds.username, creds.password, { hasTimeStamp: false, hasTokenCreated: false }));
  }
  return client;
}

/** Calls an operation through strong-soap and resolves its parsed result. */
export function call<T = Record<string, unknown>>(client: SoapClient, operation: string, args: Record<string, unknown> = {}): Promise<T> {
  const method = client[operation] as (args: unknown, cb: (err: Error | null, result: T) => void) => void;
  return new Promise((resolve, reject) => method.call(client, args, (err, result) => (err ? reject(err) : resolve(result))));
}

/** The `return` of a result as an array (strong-soap gives an array for repeated elements). */
export function returned<T = Record<string, unknown>>(result: unknown): T[] {
  const value = (result as { return?: T | T[] } | undefined)?.return;
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

export interface UsernameTokenOptions {
  username?: string;
  password?: string | null;
  type?: string | null;
  nonce?: string;
  created?: string;
  timestamp?: boolean;
  mustUnderstand?: boolean;
}

/** A hand-written wsse:Security header, for the cases strong-soap cannot produce. */
export function securityHeader(o: UsernameTokenOptions = {}): string {
  const password = o.password === null ? '' : `<wsse:Password${o.type === null ? '' : ` Type="${o.type ?? PASSWORD_TEXT}"`}>${o.password}</wsse:Password>`;
  const stamp = o.timestamp ? `<wsu:Timestamp><wsu:Created>${new Date().toISOString()}</wsu:Created><wsu:Expires>${new Date(Date.now() + 600000).toISOString()}</wsu:Expires></wsu:Timestamp>` : '';
  const mu = o.mustUnderstand ? ' soap:mustUnderstand="1"' : '';
  return `<wsse:Security xmlns:wsse="${WSSE}" xmlns:wsu="${WSU}"${mu}>${stamp}<wsse:UsernameToken>`
    + (o.username === undefined ? '' : `<wsse:Username>${o.username}</wsse:Username>`)
    + password
    + (o.nonce ? `<wsse:Nonce>${o.nonce}</wsse:Nonce>` : '')
    + (o.created ? `<wsu:Created>${o.created}</wsu:Created>` : '')
    + '</wsse:UsernameToken></wsse:Security>';
}

export function validSecurityHeader(sim: TestOscarSim, extra: UsernameTokenOptions = {}): string {
  return securityHeader({ username: String(sim.securityNo), password: sim.password, ...extra });
}

export function envelope(body: string, header?: string): string {
  return `<soap:Envelope xmlns:soap="${SOAP_ENV}">${header === undefined ? '' : `<soap:Header>${header}</soap:Header>`}<soap:Body>${body}</soap:Body></soap:Envelope>`;
}

export interface RawResponse { status: number; contentType: string | null; text: string }

/** POSTs a raw SOAP envelope the way strong-soap does (text/xml, SOAPAction ""). */
export async function postSoap(sim: TestOscarSim, service: string, xml: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const res = await fetch(`${sim.wsUrl}/${service}`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '""', ...headers },
    body: xml,
  });
  return { status: res.status, contentType: res.headers.get('content-type'), text: await res.text() };
}

/** `<ns1:op xmlns:ns1="http://ws.oscarehr.org/">children</ns1:op>` */
export function operation(name: string, children = ''): string {
  return `<ns1:${name} xmlns:ns1="${OSCAR_NS}">${children}</ns1:${name}>`;
}
