import { createRequire } from 'node:module';

/**
 * strong-soap 6.0.1 (CommonJS, no types of its own), loaded with `createRequire` and typed here
 * for the parts the OSCAR adapter uses: src/soap.js, src/client.js, src/http.js, src/parser/xmlHandler.js and
 * src/security/WSSecurity.js. (Not `declare module 'strong-soap'`: the simulator's tests declare
 * that module for themselves, and the API build compiles both apps in one program.)
 */
export interface HttpRequestLike {
  abort(): void;
}

export type HttpCallback = (err: Error | null, response?: unknown, body?: unknown) => void;

export interface HttpClientInstance {
  options: Record<string, unknown>;
  request(
    url: string,
    data: string | null,
    callback: HttpCallback,
    extraHeaders?: Record<string, string>,
    extraOptions?: Record<string, unknown>,
  ): HttpRequestLike | undefined;
}

export type HttpClientClass = new (options?: Record<string, unknown>) => HttpClientInstance;

/** A parsed WSDL document (shared by every client of the same URL). */
export interface Wsdl {
  describeServices(): Record<string, Record<string, Record<string, unknown>>>;
}

export interface SoapClient {
  describe(): Record<string, Record<string, Record<string, unknown>>>;
  setSecurity(security: unknown): void;
  /** src/parser/xmlHandler.js: builds requests (`jsonToXml`) and reads replies (`xmlToJson`) */
  xmlHandler: unknown;
  [operation: string]: unknown;
}

interface StrongSoapRuntime {
  HttpClient: HttpClientClass;
  WSDL: { open(url: string, options: Record<string, unknown>, callback: (err: Error | null, wsdl?: Wsdl) => void): void };
  WSSecurity: new (
    username: string,
    password: string,
    options?: { passwordType?: 'PasswordText' | 'PasswordDigest'; hasTimeStamp?: boolean; hasTokenCreated?: boolean; hasNonce?: boolean },
  ) => unknown;
  Client: new (wsdl: Wsdl, endpoint?: string, options?: Record<string, unknown>) => SoapClient;
}

/** An XSD element or type as strong-soap describes it (src/parser/xsd/descriptor.js). */
export interface XsdDescriptor {
  qname?: { name: string };
  isMany?: boolean;
  jsType?: unknown;
  elements?: XsdDescriptor[];
  findElement(name: string): XsdDescriptor | null;
}

const load = createRequire(import.meta.url);

/** strong-soap's runtime (`require('strong-soap').soap`). */
export const soap = (load('strong-soap') as { soap: StrongSoapRuntime }).soap;

/** strong-soap's conversion of an element's text by its descriptor (xs:int → number, xs:dateTime → Date, …). */
export const strongSoapParseValue = (load('strong-soap/src/parser/xmlHandler.js') as { parseValue(text: string, descriptor?: XsdDescriptor): unknown }).parseValue;
