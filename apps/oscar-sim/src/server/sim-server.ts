import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { CONTROL_PREFIX, handleControl } from '../control/control-api.js';
import { LocalControl } from '../control/local-control.js';
import type { FaultPlan } from '../faults/fault-rules.js';
import { sleep } from '../services/handler.js';
import { readEnvelope, type SoapRequest } from '../soap/envelope.js';
import { dispatch, requestedOperation } from '../soap/dispatch.js';
import { GENERIC_SERVER_FAULT, SoapFault, WSSE_NS, clientFault, serverFault } from '../soap/fault.js';
import { marshalFault } from '../soap/marshal.js';
import type { ServiceDef } from '../wsdl/model.js';
import { renderWsdl } from '../wsdl/render-wsdl.js';
import { findService } from '../wsdl/services.js';
import { TOMCAT_500, readBody, sendHtml, sendXml } from './http-io.js';
import { HANDLERS, type RuntimeOptions, SimRuntime } from './runtime.js';
import { renderServiceList } from './service-list.js';

export interface SimServerOptions extends RuntimeOptions {
  /** Servlet context path; OSCAR's is /oscar. */
  contextPath?: string;
}

/** The HTTP face of the simulator: /<ctx>/ws/<Service> (SOAP + ?wsdl), /<ctx>/ws/ (service list), /__control. */
export class OscarSimServer {
  readonly runtime: SimRuntime;
  readonly control: LocalControl;
  private readonly http: Server;
  private readonly contextPath: string;
  private readonly sockets = new Set<Socket>();

  constructor(options: SimServerOptions) {
    this.runtime = new SimRuntime(options);
    this.control = new LocalControl(this.runtime);
    this.contextPath = (options.contextPath ?? '/oscar').replace(/\/$/, '');
    this.http = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) sendXml(req, res, 500, marshalFault(serverFault((err as Error).message || GENERIC_SERVER_FAULT)));
      });
    });
    this.http.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => resolve((this.http.address() as AddressInfo).port));
    });
  }

  /** Stops listening and drops every connection, including ones a hang fault keeps open. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.http.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
      this.http.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
      return handleControl(req, res, url, this.control);
    }
    const wsBase = `${this.contextPath}/ws`;
    const origin = `http://${req.headers.host ?? 'localhost'}`;
    if (url.pathname === wsBase || url.pathname === `${wsBase}/`) {
      return sendHtml(res, 200, renderServiceList(`${origin}${wsBase}`));
    }
    const match = url.pathname.startsWith(`${wsBase}/`) ? /^([^/]+)\/?$/.exec(url.pathname.slice(wsBase.length + 1)) : null;
    const service = match ? findService(match[1] ?? '') : undefined;
    if (!service) return sendHtml(res, 404, '<html><body>No service was found.</body></html>');

    if (req.method === 'GET' && [...url.searchParams.keys()].some((k) => k.toLowerCase() === 'wsdl')) {
      return this.serveWsdl(req, res, service, `${origin}${url.pathname}`);
    }
    if (req.method !== 'POST') {
      return sendXml(req, res, 500, marshalFault(serverFault('No binding operation info while invoking unknown method with params unknown.')));
    }
    return this.serveCall(req, res, service);
  }

  private async serveWsdl(req: IncomingMessage, res: ServerResponse, service: ServiceDef, address: string): Promise<void> {
    this.runtime.counters.recordWsdl(service.path);
    const plan = this.runtime.faults.plan(service.path, 'wsdl');
    await sleep(plan.delayMs);
    if (plan.action !== 'none' && plan.action !== 'malformed') return this.injectFault(req, res, plan);
    const wsdl = renderWsdl(service, address);
    if (plan.action === 'malformed') return this.injectFault(req, res, plan, wsdl);
    sendXml(req, res, 200, wsdl);
  }

  private async serveCall(req: IncomingMessage, res: ServerResponse, service: ServiceDef): Promise<void> {
    const arrivedAt = performance.now();
    const body = await readBody(req);
    let request: SoapRequest | undefined;
    let unreadable: unknown;
    try {
      request = readEnvelope(body);
    } catch (err) {
      unreadable = err;
    }
    const operation = request ? (requestedOperation(service, request)?.name ?? request.wrapper?.localName ?? '(empty)') : '(unreadable)';
    this.runtime.counters.recordCall(service.path, operation);
    this.runtime.counters.recordConnection(req.socket);
    const plan = this.runtime.faults.plan(service.path, operation);
    // a read with no fault is worked out while its round trip runs (below); anything else waits first
    const readWithinRoundTrip = plan.action === 'none' && request !== undefined && isRead(operation);
    if (!readWithinRoundTrip) await sleep(plan.delayMs);
    // reads that arrived together are all taken in (their round trips started) before any is worked out
    else await new Promise((resolve) => setImmediate(resolve));
    if (plan.action !== 'none' && !plan.afterEffect) return this.injectFault(req, res, plan);

    let status = 200;
    let xml: string;
    try {
      if (!request) throw unreadable;
      xml = await dispatch(service, HANDLERS[service.path] ?? {}, request, {
        security: this.runtime.security,
        serverZone: this.runtime.state.zone,
        refuseCredentials: plan.refuseCredentials,
        context: (login) => this.runtime.context(login, plan.refuseCredentials),
      });
    } catch (err) {
      const fault = err instanceof SoapFault ? err : clientFault((err as Error).message);
      if (fault.code.namespace === WSSE_NS || fault.detail?.type === 'NotAuthorisedException') this.runtime.counters.authFailures += 1;
      status = 500;
      xml = marshalFault(fault);
    }
    if (plan.action !== 'none') return this.injectFault(req, res, plan, xml);
    if (readWithinRoundTrip) await sleep(plan.delayMs - (performance.now() - arrivedAt));
    sendXml(req, res, status, xml);
  }

  /** Answers (or refuses to answer) the way a fault knob says; `xml` is the real answer, when one exists. */
  private injectFault(req: IncomingMessage, res: ServerResponse, plan: FaultPlan, xml?: string): void {
    this.runtime.counters.recordFault(plan.action);
    switch (plan.action) {
      case 'hang':
        return; // keep the socket open; close() destroys it
      case 'reset':
        req.socket.resetAndDestroy();
        return;
      case 'http500':
        return sendHtml(res, 500, TOMCAT_500);
      case 'soapFault':
        return sendXml(req, res, 500, marshalFault(serverFault(plan.errorMessage ?? GENERIC_SERVER_FAULT)));
      case 'malformed': {
        const text = xml ?? '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>';
        return sendXml(req, res, 200, text.slice(0, Math.max(1, Math.floor(text.length / 2))));
      }
      default:
        return;
    }
  }
}

/**
 * Reads (get…, search…, list…, is…): answered `latencyMs` after they arrive, their reply worked
 * out at arrival — the latency knob is the whole round trip, OSCAR's own work included, as on
 * Tomcat, whose threads answer concurrent reads side by side. Without this, six reads arriving
 * together would each wait the knob and then queue for this one thread (~5 ms per booked
 * provider-month), a cost no real OSCAR adds. The round trip starts when the request arrives, and
 * the work waits until the reads that arrived with it are taken in: worked out at once, each read
 * kept the next one from being taken in, so the sixth of six month reads started its round trip
 * ~25 ms late and was answered that much later. Writes (add…, update…, cancel…) still wait the knob
 * first and then take effect, as before: a write's moment stays where tests expect it.
 */
function isRead(operation: string): boolean {
  return /^(get|search|list|is)[A-Z]/.test(operation);
}
