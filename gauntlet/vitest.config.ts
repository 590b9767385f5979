import { defineConfig } from 'vitest/config';
import base from '../vitest.config.js';

/**
 * `npm run gauntlet` (docs/reliability.md): by hand, never by `npm test` (the root config does not
 * include gauntlet/). The transform is the root config's; there is no global PostgreSQL: the
 * gauntlet starts a cluster of its own, which it restarts during the load.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    // the checks' own tests first (quick), then the run
    include: ['gauntlet/**/*.spec.ts', 'gauntlet/**/*.gauntlet.ts'],
    globalSetup: [],
    testTimeout: 2 * 60 * 60_000,
    hookTimeout: 10 * 60_000,
    maxWorkers: 1,
    fileParallelism: false,
    disableConsoleIntercept: true,
    reporters: ['default'],
  },
});
