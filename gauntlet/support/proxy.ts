import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { createProxyServer } from 'http-proxy-3';

/**
 * The load balancer in front of the replicas: round robin over the replicas that are up, as a
 * managed load balancer does, built on `http-proxy-3`. Two additions for the gauntlet:
 * - `x-gauntlet-replica: <index>` pins a request to one replica (the scripted calls alternate
 *   their tool calls between replicas with it); a pinned replica that is down is skipped;
 * - a replica that refuses the connection (dead: nothing was sent) is marked down and the request
 *   goes to the next one, as a load balancer's passive health check does; a request lost after it
 *   was sent (the replica died under it) answers 502 with `x-gauntlet-proxy: upstream-lost` —
 *   the caller, like Vapi, may send it again.
 * Every answer says which replica gave it (`x-gauntlet-served-by`).
 */
export interface ProxyStats {
  /** answers per replica index */
  served: number[];
  /** requests that went to another replica because the chosen one refused the connection */
  failovers: number;
  /** requests lost after they were sent (502 upstream-lost) */
  lost: number;
  /** requests no replica could take (503) */
  noUpstream: number;
}

export interface RoundRobinProxy {
  url: string;
  stats: ProxyStats;
  /** sets (or, with `undefined`, removes) the replica at `index` */
  setUpstream(index: number, url: string | undefined): void;
  /** only these replicas take unpinned requests (default: all) */
  only(indexes: number[] | undefined): void;
  close(): Promise<void>;
}

export const PIN_HEADER = 'x-gauntlet-replica';
export const SERVED_BY_HEADER = 'x-gauntlet-served-by';
export const PROXY_HEADER = 'x-gauntlet-proxy';

export async function startProxy(upstreams: string[]): Promise<RoundRobinProxy> {
  const targets: (string | undefined)[] = [...upstreams];
  const down = new Set<number>();
  let onlyThese: number[] | undefined;
  let next = 0;
  const stats: ProxyStats = { served: targets.map(() => 0), failovers: 0, lost: 0, noUpstream: 0 };
  const proxy = createProxyServer({ proxyTimeout: 60_000, timeout: 60_000, xfwd: true });

  const usable = (i: number) => targets[i] !== undefined && !down.has(i) && (!onlyThese || onlyThese.includes(i));
  const pick = (pinned: number | undefined, tried: Set<number>): number | undefined => {
    if (pinned !== undefined && usable(pinned) && !tried.has(pinned)) return pinned;
    for (let k = 0; k < targets.length; k += 1) {
      const i = (next + k) % targets.length;
      if (usable(i) && !tried.has(i)) {
        next = i + 1;
        return i;
      }
    }
    // every replica marked down: try one anyway (it may be back)
    const any = targets.findIndex((t, i) => t !== undefined && !tried.has(i) && (!onlyThese || onlyThese.includes(i)));
    return any >= 0 ? any : undefined;
  };

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer, pinned: number | undefined, tried: Set<number>) => {
    const index = pick(pinned, tried);
    if (index === undefined) {
      stats.noUpstream += 1;
      res.writeHead(503, { [PROXY_HEADER]: 'no-upstream', 'content-type': 'text/plain' });
      res.end('no replica available');
      return;
    }
    tried.add(index);
    res.setHeader(SERVED_BY_HEADER, String(index));
    proxy.web(req, res, { target: targets[index], buffer: bufferStream(body) }, (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') {
        down.add(index);
        stats.failovers += 1;
        forward(req, res, body, undefined, tried);
        return;
      }
      stats.lost += 1;
      if (!res.headersSent) {
        res.writeHead(502, { [PROXY_HEADER]: 'upstream-lost', 'content-type': 'text/plain' });
        res.end(`replica ${index} lost the request (${error.code ?? error.message})`);
      } else res.destroy();
    });
  };

  const server: Server = createServer((req, res) => {
    // counted once, for the replica that answered (a refused first choice is not)
    res.once('finish', () => {
      const servedBy = res.getHeader(SERVED_BY_HEADER);
      if (res.getHeader(PROXY_HEADER) === undefined && servedBy !== undefined) stats.served[Number(servedBy)] += 1;
    });
    // the body is read first so a refused connection can be retried on another replica
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = req.headers[PIN_HEADER];
      const pinned = raw === undefined ? undefined : Number(Array.isArray(raw) ? raw[0] : raw);
      forward(req, res, Buffer.concat(chunks), Number.isInteger(pinned) ? pinned : undefined, new Set());
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stats,
    setUpstream(index, url) {
      targets[index] = url;
      down.delete(index);
      if (stats.served[index] === undefined) stats.served[index] = 0;
    },
    only(indexes) {
      onlyThese = indexes;
    },
    async close() {
      proxy.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A readable stream of a body already read (http-proxy's `buffer` option). */
function bufferStream(body: Buffer): Readable {
  return Readable.from(body.length ? [body] : []);
}
