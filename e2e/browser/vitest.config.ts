import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

/**
 * Browser end-to-end suite: Chromium (support/chromium.ts says which) driven by playwright-core against the real API
 * (apps/api, on a fresh database of the run's embedded PostgreSQL) serving the built console
 * (dist/console/browser) at `/`. Build first: `npx nx run console:build`. The swc transform is the
 * root config's: the API's Nest decorators need their metadata.
 */
export default defineConfig({
  plugins: [
    swc.vite({
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: 'es2023',
      },
    }),
  ],
  test: {
    environment: 'node',
    include: ['e2e/browser/**/*.e2e.ts'],
    globalSetup: ['libs/testing/src/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: 'test' },
  },
});
