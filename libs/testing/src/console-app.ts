import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createTestApp, type TestApp } from './app.js';

/** Where `npx nx run console:build` writes the console, which the API serves at `/`. */
export const CONSOLE_BUILD_DIR = resolve(import.meta.dirname, '../../../dist/console/browser');

/**
 * The whole API on a fresh database, serving the built console at `/` (as `npm start` does), for
 * browser suites. Build the console first.
 */
export async function createConsoleApp(env: Record<string, string> = {}): Promise<TestApp> {
  if (!existsSync(join(CONSOLE_BUILD_DIR, 'index.html'))) {
    throw new Error(`No console build at ${CONSOLE_BUILD_DIR}: run \`npx nx run console:build\` first`);
  }
  return createTestApp({ CONSOLE_DIR: CONSOLE_BUILD_DIR, ...env });
}
