import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

/**
 * Unit tests of the console's core (session, interceptor, guards) in Node: Angular in JIT mode
 * through TestBed, HttpClient against HttpTestingController, no browser and no DOM. Screens are
 * covered by the browser suite in e2e/browser.
 */
export default defineConfig({
  plugins: [
    swc.vite({
      tsconfigFile: false,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: false, useDefineForClassFields: false },
        target: 'es2022',
      },
    }),
  ],
  test: {
    root: import.meta.dirname,
    environment: 'node',
    include: ['src/**/*.spec.ts'],
    setupFiles: ['src/test-setup.ts'],
  },
});
