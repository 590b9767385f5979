import { defineConfig } from 'vitest/config';
import base from '../vitest.config.js';

/**
 * Benchmarks (bench/README.md): run by hand with `npm run bench:slots` / `npm run bench:webhook`,
 * never by `npm test` (the root vitest.config.ts does not include bench/). One file at a time,
 * one worker: the benchmark's own processes need the machine's cores. The transform (Nest's
 * decorators) and the PostgreSQL global setup are the root config's.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['bench/**/*.bench.ts'],
    testTimeout: 60 * 60_000,
    hookTimeout: 5 * 60_000,
    maxWorkers: 1,
    fileParallelism: false,
    // the report is written straight to the terminal, in order, without vitest's per-test headers
    disableConsoleIntercept: true,
    reporters: ['default'],
  },
});
