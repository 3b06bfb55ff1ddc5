import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Test files already run in parallel (one per core): a build inside a test renders in its own thread,
    // so two files never start four render threads on two cores.
    env: { CG_WORKERS: '1' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
