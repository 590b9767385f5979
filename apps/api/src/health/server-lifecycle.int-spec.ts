import { Agent, createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ServerLifecycle } from './server-lifecycle.js';

/** A loopback server whose handler answers when the test says so (`release`), or never. */
function slowServer(lifecycle: ServerLifecycle) {
  const waiting: Array<() => void> = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    lifecycle.track(req as never, res as never, () => waiting.push(() => res.end('answered')));
  });
  return { server, waiting };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/** GET on a kept-alive connection; resolves with the status, the Connection header and the body, or the error's code. */
function get(port: number, agent: Agent): Promise<{ status?: number; connection?: string; body?: string; error?: string }> {
  return new Promise((resolve) => {
    const req = request({ port, host: '127.0.0.1', path: '/', agent }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, connection: res.headers.connection, body }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end();
  });
}

async function until(probe: () => boolean): Promise<void> {
  while (!probe()) await new Promise((r) => setTimeout(r, 10));
}

describe('a stopping server (ServerLifecycle.closeHttp)', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  it('answers the request in flight with Connection: close, refuses new connections, and resolves once it is answered', async () => {
    const lifecycle = new ServerLifecycle();
    const { server, waiting } = slowServer(lifecycle);
    const port = await listen(server);
    const agent = new Agent({ keepAlive: true });
    cleanups.push(() => agent.destroy());
    const inFlight = get(port, agent);
    await until(() => waiting.length === 1);
    expect(lifecycle.requestsInFlight).toBe(1);

    let closed = false;
    const closing = lifecycle.closeHttp(server, 60_000).then((result) => ((closed = true), result));
    expect(lifecycle.isDraining).toBe(true);
    expect(await get(port, new Agent())).toEqual({ error: 'ECONNREFUSED' });
    expect(closed).toBe(false);

    waiting[0]!();
    expect(await inFlight).toEqual({ status: 200, connection: 'close', body: 'answered' });
    expect(await closing).toEqual({ cut: false });
    expect(lifecycle.requestsInFlight).toBe(0);
  });

  it('cuts a request still running at the timeout, and says so', async () => {
    const lifecycle = new ServerLifecycle();
    const { server, waiting } = slowServer(lifecycle);
    const port = await listen(server);
    const agent = new Agent({ keepAlive: true });
    cleanups.push(() => agent.destroy());
    const hanging = get(port, agent);
    await until(() => waiting.length === 1);
    expect(await lifecycle.closeHttp(server, 100)).toEqual({ cut: true });
    expect(await hanging).toEqual({ error: 'ECONNRESET' });
  });

  it('closes idle kept-alive connections at once (a balancer polling health does not hold the stop)', async () => {
    const lifecycle = new ServerLifecycle();
    const { server, waiting } = slowServer(lifecycle);
    const port = await listen(server);
    const agent = new Agent({ keepAlive: true });
    cleanups.push(() => agent.destroy());
    const first = get(port, agent);
    await until(() => waiting.length === 1);
    waiting[0]!();
    expect(await first).toMatchObject({ status: 200, connection: 'keep-alive' });
    expect(await lifecycle.closeHttp(server, 60_000)).toEqual({ cut: false });
  });
});
