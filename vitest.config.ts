import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// One document cache for the whole test run, shared by the test build (global setup) and the builds tests make
// themselves; never the user's cache. Tests that check rendering itself build with `force` (no cache).
process.env.CG_CACHE_DIR ??= mkdtempSync(join(tmpdir(), 'cg-test-cache-'));

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Test files already run in parallel (one per core): a build inside a test renders in its own thread,
    // so two files never start four render threads on two cores.
    env: { CG_WORKERS: '1', CG_CACHE_DIR: process.env.CG_CACHE_DIR },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
