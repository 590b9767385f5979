import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The "many callers at once" suites (`*.load-spec.ts`): 20 and 50 simultaneous callers against
 * the API and the simulator, which in a test share one Node process. They run after the other
 * suites, one file at a time, so the deadlines they check are not eaten by other suites' CPU.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['apps/api/src/**/*.load-spec.ts', 'e2e/api/**/*.load-spec.ts'],
    fileParallelism: false,
  },
});
