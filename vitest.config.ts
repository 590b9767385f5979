import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

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
    include: [
      'apps/api/src/**/*.spec.ts',
      'apps/api/src/**/*.int-spec.ts',
      'apps/oscar-sim/src/**/*.spec.ts',
      'libs/**/src/**/*.spec.ts',
      'e2e/api/**/*.e2e-spec.ts',
    ],
    globalSetup: ['libs/testing/src/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    env: { NODE_ENV: 'test' },
  },
});
