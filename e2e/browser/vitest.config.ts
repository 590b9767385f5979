import { defineConfig } from 'vitest/config';

/**
 * Browser end-to-end suite: Debian's Chromium driven by playwright-core against the built console
 * (dist/console/browser). Build first: `npx nx run console:build`.
 */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/browser/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
