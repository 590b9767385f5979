import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

/**
 * Benchmarks (bench/README.md): run by hand, one file at a time, never in CI —
 * `npx vitest run --config bench/vitest.config.ts bench/<subject>.bench.ts`.
 * The root config's swc transform (Nest's decorators need their metadata) and test harness (the
 * run's PostgreSQL); one file at a time so two benchmarks never share the machine.
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
    globalSetup: ['libs/testing/src/global-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    env: { NODE_ENV: 'test' },
  },
});
