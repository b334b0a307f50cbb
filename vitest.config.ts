import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file gets its own database; two workers keep a 2-core machine responsive.
    maxWorkers: 2,
    pool: 'forks',
    globalSetup: ['test/build.setup.ts', 'test/log-hygiene.setup.ts'],
  },
});
