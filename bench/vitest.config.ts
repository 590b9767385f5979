import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

/**
 * Benchmarks (bench/README.md): run by hand with `npm run bench:slots` / `npm run bench:webhook`,
 * never by `npm test` (the root vitest.config.ts does not include bench/). One file at a time,
 * one worker: the benchmark's own processes need the machine's cores.
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
    include: ['bench/**/*.bench.ts'],
    // one real PostgreSQL per run with a migrated template, as the suites have
    globalSetup: ['libs/testing/src/global-setup.ts'],
    testTimeout: 60 * 60_000,
    hookTimeout: 5 * 60_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    // the report is written straight to the terminal, in order, without vitest's per-test headers
    disableConsoleIntercept: true,
    reporters: ['default'],
  },
});
