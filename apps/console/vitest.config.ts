import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

/**
 * Unit tests of the console's core (session, interceptor, guards) in Node: Angular in JIT mode
 * through TestBed, HttpClient against HttpTestingController, no browser and no DOM. Screens are
 * covered by the browser suite in e2e/browser. Decorator metadata (read through reflect-metadata,
 * see src/test-setup.ts) because the generated client's services take constructor parameters,
 * which JIT can only resolve from `design:paramtypes`.
 */
export default defineConfig({
  plugins: [
    swc.vite({
      tsconfigFile: false,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: 'es2022',
      },
    }),
  ],
  resolve: {
    // the same alias as tsconfig.json's `paths`
    alias: { '@voicedesk/api-client': resolve(import.meta.dirname, '../../libs/api-client/src/index.ts') },
  },
  test: {
    root: import.meta.dirname,
    environment: 'node',
    include: ['src/**/*.spec.ts'],
    setupFiles: ['src/test-setup.ts'],
  },
});
