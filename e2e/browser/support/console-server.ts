import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { FakeAuthApi } from './fake-auth-api.js';

/**
 * Serves the built console the way the API does (static files, SPA fallback to index.html, the
 * API's Content-Security-Policy) and answers `/api/auth/*` with a fake. axe-core is served from
 * the same origin so injecting it does not need the CSP switched off.
 */

export const CONSOLE_DIR = resolve(import.meta.dirname, '../../../dist/console/browser');

/** Same policy as apps/api/src/bootstrap.ts (helmet), so a CSP violation shows up here too. */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export const AXE_PATH = '/__test__/axe.min.js';
const AXE_FILE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface ConsoleServer {
  url: string;
  api: FakeAuthApi;
  close(): Promise<void>;
}

export async function startConsoleServer(): Promise<ConsoleServer> {
  if (!existsSync(join(CONSOLE_DIR, 'index.html'))) {
    throw new Error(`No console build at ${CONSOLE_DIR}: run \`npx nx run console:build\` first`);
  }
  const api = new FakeAuthApi();
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (path === '/api' || path.startsWith('/api/')) {
      api.handle(request, response, path).catch((error: unknown) => {
        response.writeHead(500).end(String(error));
      });
      return;
    }
    if (path === AXE_PATH) {
      return send(response, AXE_FILE);
    }
    const file = normalize(join(CONSOLE_DIR, path));
    if (file.startsWith(CONSOLE_DIR + sep) && existsSync(file) && statSync(file).isFile()) {
      return send(response, file);
    }
    if (extname(path)) {
      response.writeHead(404).end();
      return;
    }
    send(response, join(CONSOLE_DIR, 'index.html'));
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    api,
    close: () => new Promise((resolveClose) => server.close(() => resolveClose())),
  };
}

function send(response: import('node:http').ServerResponse, file: string): void {
  response.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'cache-control': 'no-store',
  });
  createReadStream(file).pipe(response);
}
