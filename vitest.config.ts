import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/globalSetup.ts'],
    pool: 'forks',
    // Most test time is spent waiting on databases, argon2 threads and the browser: three workers
    // on the 2-core machine cut the run from ~150 s to ~105 s.
    maxWorkers: 3,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/helpers/summaryReporter.ts'],
  },
});
