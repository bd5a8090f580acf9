import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      // Timeouts bound a hang, not a speed: the machine may be busy with another build.
      { test: { name: 'proto', root: 'proto', include: ['test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 } },
      { test: { name: 'agent', root: 'agent', include: ['test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 } },
      {
        // Generous hook and test timeouts: collectors start and stop real sockets and stores, and the machine may be busy.
        test: {
          name: 'collector', root: 'collector', include: ['test/**/*.test.ts'], globalSetup: ['../tests/services/global-setup-postgres.mjs'],
          testTimeout: 30_000, hookTimeout: 60_000,
        },
      },
      {
        // The same collector tests with every in-process collector on PostgreSQL.
        test: {
          name: 'collector-pg', root: 'collector', include: ['test/**/*.test.ts'],
          env: { TANDEM_TEST_STORE: 'postgres' }, globalSetup: ['../tests/services/global-setup-postgres.mjs'],
          testTimeout: 30_000, hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e', root: 'tests', include: ['**/*.test.ts'], exclude: ['**/node_modules/**', 'bench/**'],
          testTimeout: 120_000, hookTimeout: 120_000,
        },
      },
      {
        // The benchmark at its smallest (bench/run.mjs --profile smoke): a minute of real processes.
        test: { name: 'bench', root: 'tests', include: ['bench/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 120_000 },
      },
    ],
  },
});
