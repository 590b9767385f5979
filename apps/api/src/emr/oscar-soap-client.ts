import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { EmrUnreachableError } from './emr-errors.js';
import { SoapAbortedError, SoapHttpStatusError, SoapMalformedError, toEmrError } from './oscar-soap-faults.js';
import { readRepliesFast } from './soap-fast-replies.js';
import { soap, type HttpCallback, type SoapClient as Client, type Wsdl as WSDL } from './strong-soap.js';

/** The only OSCAR services VoiceDesk ever calls (minimum necessary, SPEC §6). */
export const OSCAR_SERVICES = ['LoginService', 'SystemInfoService', 'ScheduleService', 'DemographicService', 'ProviderService'] as const;
export type OscarService = (typeof OSCAR_SERVICES)[number];
const UNSECURED: ReadonlySet<OscarService> = new Set(['LoginService', 'SystemInfoService']);

/** Loading a WSDL costs a round trip, so a WSDL is loaded once per URL per process. */
const WSDL_LOAD_TIMEOUT_MS = 10_000;

export interface WsdlLoadOptions {
  tlsVerify: boolean;
}

/** WSDL documents by URL. A failed load is forgotten so the next call tries again. */
export class WsdlCache {
  private readonly wsdls = new Map<string, Promise<WSDL>>();

  get(url: string, options: WsdlLoadOptions): Promise<WSDL> {
    let pending = this.wsdls.get(url);
    if (!pending) {
      pending = loadWsdl(url, options);
      this.wsdls.set(url, pending);
      pending.catch(() => this.wsdls.delete(url));
    }
    return pending;
  }

  forget(urlPrefix: string): void {
    for (const url of this.wsdls.keys()) if (url.startsWith(urlPrefix)) this.wsdls.delete(url);
  }

  get size(): number {
    return this.wsdls.size;
  }
}

function loadWsdl(url: string, { tlsVerify }: WsdlLoadOptions): Promise<WSDL> {
  return new Promise((resolve, reject) => {
    soap.WSDL.open(
      url,
      {
        httpClient: new AbortableHttpClient(tlsVerify),
        wsdl_options: { strictSSL: tlsVerify, timeout: WSDL_LOAD_TIMEOUT_MS },
      },
      (err, wsdl) => (err || !wsdl ? reject(toEmrError(err ?? new Error('no WSDL'), 'wsdl')) : resolve(wsdl)),
    );
  });
}

/**
 * strong-soap's HTTP client with the clinic's TLS switch, an abort signal per call (the request is
 * destroyed, the call rejects with SoapAbortedError), and non-SOAP error pages turned into errors
 * (strong-soap would read an HTML 500 page as an empty reply).
 */
class AbortableHttpClient extends soap.HttpClient {
  constructor(
    private readonly tlsVerify: boolean,
    /** the clinic's kept-alive connections, for reads (none: every call on a connection of its own) */
    private readonly readAgent?: HttpAgent,
  ) {
    super({});
  }

  override request(
    url: string,
    data: string | null,
    callback: HttpCallback,
    extraHeaders?: Record<string, string>,
    extraOptions?: Record<string, unknown>,
  ) {
    const { abortSignal, keepAlive, ...rest } = (extraOptions ?? {}) as { abortSignal?: AbortSignal; keepAlive?: boolean } & Record<string, unknown>;
    let done = false;
    const finish = (err: Error | null, response?: unknown, body?: unknown) => {
      if (done) return;
      done = true;
      abortSignal?.removeEventListener('abort', onAbort);
      const status = (response as { statusCode?: number } | undefined)?.statusCode;
      if (!err && data !== null && status !== undefined && status !== 200 && !looksLikeSoapFault(body)) {
        callback(new SoapHttpStatusError(status));
        return;
      }
      // strong-soap's lenient parser reads a truncated envelope as an empty reply: refuse it here
      if (!err && data !== null && !isCompleteEnvelope(body)) {
        callback(new SoapMalformedError());
        return;
      }
      callback(err, response, body);
    };
    const reuse = keepAlive === true && this.readAgent !== undefined;
    const options = { ...rest, strictSSL: this.tlsVerify, rejectUnauthorized: this.tlsVerify, ...(reuse ? { agent: this.readAgent } : {}) };
    // strong-soap asks for `Connection: close`; a read on the clinic's kept-alive connections says otherwise
    const headers = reuse ? { ...extraHeaders, Connection: 'keep-alive' } : extraHeaders;
    const req = super.request(url, data, finish, headers, options);
    function onAbort() {
      req?.abort();
      finish(new SoapAbortedError());
    }
    if (abortSignal?.aborted) onAbort();
    else abortSignal?.addEventListener('abort', onAbort, { once: true });
    return req;
  }
}

/** The body ends with the envelope's closing tag (only its tail is looked at: a month's reply is ~230 kB). */
function isCompleteEnvelope(body: unknown): boolean {
  return typeof body === 'string' && /<\/([\w.-]+:)?Envelope\s*>\s*$/.test(body.slice(-256));
}

function looksLikeSoapFault(body: unknown): boolean {
  return typeof body === 'string' && /<(\w+:)?Fault>/.test(body);
}

export interface OscarSoapCredentials {
  /** the security record number (`security.security_no`), not the login name */
  username: string;
  /** decrypted, in memory only */
  password: string;
}

export interface OscarSoapClientOptions {
  /** e.g. `https://emr.example.ca:8443/oscar` (with or without `/ws`) */
  baseUrl: string;
  credentials: OscarSoapCredentials;
  tlsVerify: boolean;
  wsdlCache: WsdlCache;
}

/** `https://host/oscar` or `https://host/oscar/ws/` → `https://host/oscar/ws` */
export function wsBaseUrl(baseUrl: string): string {
  const trimmed = baseUrl.trim().replace(/\/+$/, '');
  return trimmed.endsWith('/ws') ? trimmed : `${trimmed}/ws`;
}

/**
 * One clinic's SOAP connection: a strong-soap client per service, built on the shared WSDL cache,
 * with WS-Security UsernameToken PasswordText (no Timestamp, no Created) on the secured services.
 * Knows nothing about retries or timeouts: every call takes the abort signal of its attempt.
 */
export class OscarSoapClient {
  private readonly clients = new Map<OscarService, Promise<Client>>();
  private readonly base: string;
  private readonly readAgent: HttpAgent;

  constructor(private readonly options: OscarSoapClientOptions) {
    this.base = wsBaseUrl(options.baseUrl);
    this.readAgent = keptAliveAgent(this.base, options.tlsVerify);
  }

  /** Calls `service.operation` and returns strong-soap's result (the wrapper's content, or undefined). */
  async call(service: OscarService, operation: string, args: Record<string, unknown>, signal: AbortSignal): Promise<unknown> {
    const client = await abortable(this.client(service), signal);
    const method = client[operation];
    if (typeof method !== 'function') throw new EmrUnreachableError(`The EMR does not offer ${service}.${operation}.`);
    return new Promise((resolve, reject) => {
      (method as (a: unknown, cb: (e: Error | null, r?: unknown) => void, o: unknown) => void).call(
        client,
        args,
        (err, result) => (err ? reject(toEmrError(err, operation)) : resolve(result)),
        { abortSignal: signal, keepAlive: isReadOperation(operation) },
      );
    });
  }

  /** Operation names of a service as its WSDL declares them. */
  async operations(service: OscarService, signal: AbortSignal): Promise<string[]> {
    const client = await abortable(this.client(service), signal);
    const description = client.describe();
    const names = new Set<string>();
    for (const ports of Object.values(description)) {
      for (const operations of Object.values(ports)) for (const name of Object.keys(operations)) names.add(name);
    }
    return [...names].sort();
  }

  private client(service: OscarService): Promise<Client> {
    let pending = this.clients.get(service);
    if (!pending) {
      pending = this.createClient(service);
      this.clients.set(service, pending);
      pending.catch(() => this.clients.delete(service));
    }
    return pending;
  }

  private async createClient(service: OscarService): Promise<Client> {
    const endpoint = `${this.base}/${service}`;
    const wsdl = await this.options.wsdlCache.get(`${endpoint}?wsdl`, { tlsVerify: this.options.tlsVerify });
    const client = new soap.Client(wsdl, endpoint, { httpClient: new AbortableHttpClient(this.options.tlsVerify, this.readAgent) });
    readRepliesFast(client);
    if (!UNSECURED.has(service)) {
      const { username, password } = this.options.credentials;
      client.setSecurity(new soap.WSSecurity(username, password, { hasTimeStamp: false, hasTokenCreated: false }));
    }
    return client;
  }
}

/** Idle kept-alive connections are closed after this long (Tomcat's own keep-alive timeout is 20 s by default). */
const IDLE_CONNECTION_MS = 15_000;
/** Idle connections kept per clinic: the clinic's bulkhead runs 8 calls at once. */
const IDLE_CONNECTIONS = 8;

/**
 * Reads (get…, search…, list…, is…) travel on the clinic's kept-alive connections: a search's
 * wave does not open a TCP connection (and, to a hosted OSCAR, a TLS session) for each of its
 * calls — over the internet each costs one to three more round trips. A read that meets a
 * connection OSCAR has just closed fails as unreachable and is retried like any transient read
 * failure. Writes keep a connection of their own, opened for them: a write cut on a reused
 * connection could not tell whether OSCAR ran it.
 */
export function isReadOperation(operation: string): boolean {
  return /^(get|search|list|is)[A-Z]/.test(operation);
}

function keptAliveAgent(base: string, tlsVerify: boolean): HttpAgent {
  const options = { keepAlive: true, maxFreeSockets: IDLE_CONNECTIONS, timeout: IDLE_CONNECTION_MS, scheduling: 'lifo' as const };
  return base.startsWith('https:') ? new HttpsAgent({ ...options, rejectUnauthorized: tlsVerify }) : new HttpAgent(options);
}

/** Waits for `promise` unless `signal` aborts first (the shared work itself goes on). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new SoapAbortedError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new SoapAbortedError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
