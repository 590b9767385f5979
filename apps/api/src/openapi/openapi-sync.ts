import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { buildOpenApiDocument } from './openapi.js';

/** Where the committed artefacts live, relative to the workspace root. */
export const OPENAPI_FILE = 'apps/api/openapi.json';
export const CLIENT_DIR = 'libs/api-client/src';
const CLIENT_CONFIG = 'libs/api-client/ng-openapi-gen.json';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** The OpenAPI document as committed: keys sorted, two-space indent, trailing newline. */
export function renderOpenApi(app: INestApplication): string {
  return `${JSON.stringify(sortKeys(buildOpenApiDocument(app)), null, 2)}\n`;
}

/** Runs ng-openapi-gen on `documentText`, writing the client into `outDir`. */
export function generateClient(root: string, documentText: string, outDir: string): void {
  const work = mkdtempSync(join(tmpdir(), 'vd-client-'));
  try {
    const input = join(work, 'openapi.json');
    writeFileSync(input, documentText);
    const bin = resolve(root, 'node_modules/.bin/ng-openapi-gen');
    execFileSync(bin, ['--config', resolve(root, CLIENT_CONFIG), '--input', input, '--output', outDir], {
      cwd: root,
      stdio: 'pipe',
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function listFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  try {
    walk(dir);
  } catch {
    /* missing directory: empty */
  }
  return files;
}

export interface SyncReport {
  documentStale: boolean;
  /** client files added, removed or changed (relative to the client dir) */
  clientDiff: string[];
}

/**
 * Compares (or with `write`, updates) the committed document and client with what the running
 * app describes. `npm run openapi:sync` writes; the test suite only compares and fails on drift.
 */
export function syncOpenApi(app: INestApplication, root: string, write: boolean): SyncReport {
  const documentText = renderOpenApi(app);
  const documentPath = resolve(root, OPENAPI_FILE);
  let committed = '';
  try {
    committed = readFileSync(documentPath, 'utf8');
  } catch {
    /* first run */
  }
  const fresh = mkdtempSync(join(tmpdir(), 'vd-client-out-'));
  try {
    generateClient(root, documentText, fresh);
    const wanted = listFiles(fresh);
    const have = listFiles(resolve(root, CLIENT_DIR));
    const clientDiff = [...new Set([...wanted.keys(), ...have.keys()])]
      .filter((file) => wanted.get(file) !== have.get(file))
      .sort();
    if (write) {
      writeFileSync(documentPath, documentText);
      rmSync(resolve(root, CLIENT_DIR), { recursive: true, force: true });
      cpSync(fresh, resolve(root, CLIENT_DIR), { recursive: true });
    }
    return { documentStale: committed !== documentText, clientDiff };
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}
