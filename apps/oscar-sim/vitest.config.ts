import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'oscar-sim',
    root: new URL('../..', import.meta.url).pathname,
    include: ['apps/oscar-sim/src/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
