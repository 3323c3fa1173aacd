import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Forked workers inherit the environment prepared by the global setup (the fake-kimi
    // test CA in NODE_EXTRA_CA_CERTS is read by Node only at process start).
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
