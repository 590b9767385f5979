import type { IncomingMessage, ServerResponse } from 'node:http';
import { DataFileError } from '../data/validate-data-file.js';
import type { ResetOptions } from '../server/runtime.js';
import { readBody } from '../server/http-io.js';
import type { LocalControl } from './local-control.js';

export const CONTROL_PREFIX = '/__control';

class HttpError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

/**
 * JSON control endpoint on the simulator's own port (documented in apps/oscar-sim/README.md):
 * status, counters, fault rules, reset, data.
 */
export async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL, control: LocalControl): Promise<void> {
  try {
    const result = await route(req, url, control);
    sendJson(res, result === undefined ? 204 : 200, result);
  } catch (err) {
    const status = err instanceof HttpError ? err.status : 400;
    const body: Record<string, unknown> = { error: (err as Error).message };
    if (err instanceof DataFileError) body.problems = err.problems;
    sendJson(res, status, body);
  }
}

async function route(req: IncomingMessage, url: URL, control: LocalControl): Promise<unknown> {
  const path = url.pathname.slice(CONTROL_PREFIX.length).replace(/\/$/, '') || '/';
  const method = req.method ?? 'GET';
  const key = `${method} ${path}`;
  switch (key) {
    case 'GET /':
      return control.statusNow();
    case 'GET /counters':
      return control.counters();
    case 'DELETE /counters':
    case 'POST /counters/reset':
      return control.resetCounters();
    case 'GET /faults':
      return { rules: await control.faults() };
    case 'PUT /faults': {
      const body = await json(req);
      const rules = Array.isArray(body) ? body : (body as { rules?: unknown }).rules ?? body;
      await control.setFaults(rules as never);
      return { rules: await control.faults() };
    }
    case 'POST /faults':
      return control.addFault((await json(req)) as never);
    case 'DELETE /faults':
      return control.clearFaults();
    case 'POST /reset':
      return control.reset(((await json(req, true)) ?? {}) as ResetOptions).then(() => control.statusNow());
    case 'GET /appointments':
      return { items: await control.appointments() };
    case 'GET /data':
      return control.data();
    case 'PUT /data':
      await control.loadData((await json(req)) as never, url.searchParams.get('today') ?? undefined);
      return control.statusNow();
  }
  const fault = /^\/faults\/([^/]+)$/.exec(path);
  if (fault && method === 'DELETE') return control.removeFault(decodeURIComponent(fault[1] ?? ''));
  throw new HttpError(404, `no control route ${key}`);
}

async function json(req: IncomingMessage, optional = false): Promise<unknown> {
  const text = (await readBody(req)).trim();
  if (!text) {
    if (optional) return undefined;
    throw new HttpError(400, 'a JSON body is required');
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new HttpError(400, `invalid JSON: ${(err as Error).message}`);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (status === 204) {
    res.writeHead(204).end();
    return;
  }
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}
