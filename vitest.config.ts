import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Forked workers inherit the environment prepared by the global setup (the fake-kimi
    // test CA in NODE_EXTRA_CA_CERTS is read by Node only at process start).
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    // A guard against hangs, not a speed limit: tests wait for conditions, and a Chromium
    // screenshot or a child-process CLI run can take seconds on a busy two-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
