import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake can be told to do. `up`: answer; `hang`: never answer; `error`: 500 on everything. */
export type VapiFakeMode = 'up' | 'hang' | 'error';

export interface VapiFake {
  /** `http://127.0.0.1:<port>`: give it to the API as `VAPI_API_BASE_URL` */
  url: string;
  /** the API key it accepts (`Authorization: Bearer <apiKey>`); anything else is 401 */
  apiKey: string;
  /** phone-number id → E.164 number, as in the customer's Vapi org */
  numbers: Map<string, string>;
  /** phone-number id → where Vapi sends its calls (`assistantId` or `squadId` on the number) */
  routes: Map<string, { assistantId?: string; squadId?: string }>;
  /** assistant id → name */
  assistants: Map<string, string>;
  /** squad id → name */
  squads: Map<string, string>;
  /** every request it received: method, path and whether the key was right */
  requests: { method: string; path: string; authorized: boolean }[];
  mode: VapiFakeMode;
  close(): Promise<void>;
}

/**
 * A small fake of Vapi's REST API over real HTTP (reference/vapi.md §1): `GET /phone-number/{id}`
 * → `{ id, orgId, number, provider, assistantId?, squadId?, … }`, `GET /assistant/{id}` and
 * `GET /squad/{id}` → `{ id, name, … }`, with the Bearer API key, 404 for an unknown id. `mode`
 * makes it hang or fail, to test that the webhook's clinic resolution does not wait on Vapi.
 */
export async function startVapiFake(apiKey = 'vapi-test-key'): Promise<VapiFake> {
  const hanging = new Set<ServerResponse>();
  const fake: VapiFake = {
    url: '',
    apiKey,
    numbers: new Map(),
    routes: new Map(),
    assistants: new Map(),
    squads: new Map(),
    requests: [],
    mode: 'up',
    close: () => closeServer(server, hanging),
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0];
    const authorized = req.headers.authorization === `Bearer ${apiKey}`;
    fake.requests.push({ method: req.method ?? '', path, authorized });
    if (fake.mode === 'hang') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (fake.mode === 'error') return send(500, { message: 'Internal server error' });
    if (!authorized) return send(401, { message: 'Invalid Key. Hot tip, you may be using the private key instead of the public key, or vice versa.', error: 'Unauthorized', statusCode: 401 });
    const resource = /^\/(assistant|squad)\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && resource) {
      const id = decodeURIComponent(resource[2]);
      const name = (resource[1] === 'assistant' ? fake.assistants : fake.squads).get(id);
      if (name === undefined) return send(404, { message: `Couldn't Find ${resource[1]}`, error: 'Not Found', statusCode: 404 });
      return send(200, { id, orgId: '0b3c9a44-0000-4000-8000-00000000f00d', name, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' });
    }
    const match = /^\/phone-number\/([^/]+)$/.exec(path);
    if (req.method !== 'GET' || !match) return send(404, { message: 'Cannot find route', statusCode: 404 });
    const id = decodeURIComponent(match[1]);
    const number = fake.numbers.get(id);
    if (!number) return send(404, { message: 'Phone number not found', error: 'Not Found', statusCode: 404 });
    send(200, {
      id,
      orgId: '0b3c9a44-0000-4000-8000-00000000f00d',
      number,
      provider: 'byo-phone-number',
      name: 'Clinic line',
      ...(fake.routes.get(id) ?? {}),
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      status: 'active',
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

async function closeServer(server: Server, hanging: Set<ServerResponse>): Promise<void> {
  for (const res of hanging) res.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
