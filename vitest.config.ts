import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join as joinPath } from 'node:path';
import { defineConfig, type Plugin } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { WITHOUT_TEST_BUILD } from './test/helpers/independent.js';

/**
 * While the test build runs (one thread), one worker runs the files that do not wait for it, one after another, and
 * the two others take the first files that do and wait: so the build keeps a core, and the other core is not idle.
 * (Vitest's order, slowest first, had all three workers wait and a core idle; all independent files first had three
 * files competing with the build, which then took twice as long, and everything waits for it.)
 */
class BuildAware extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const independent = (f: TestSpecification) => WITHOUT_TEST_BUILD.has(basename(f.moduleId));
    const waiting = sorted.filter((f) => !independent(f));
    return [...waiting.slice(0, 2), ...sorted.filter(independent), ...waiting.slice(2)];
  }
}

/**
 * Packages as the commands load them: Vite resolves packages with a "development" condition outside production, and
 * Vitest passes it on to Node (`--conditions development`), so the tests ran micromark's development build, which
 * asserts on every token (reading source/ took half again as long). Configs merge arrays, so it is removed here.
 */
const withoutDevelopmentBuilds: Plugin = {
  name: 'without-development-builds',
  configResolved(config) {
    const ssr = config.ssr.resolve as { conditions?: string[] } | undefined;
    if (ssr?.conditions)
      ssr.conditions = ssr.conditions.filter((c) => c !== 'development|production' && c !== 'development');
  },
};

// One document cache for the whole test run, shared by the test build (global setup) and the builds tests make
// themselves; never the user's cache. Tests that check rendering itself build with `force` (no cache).
process.env.CG_CACHE_DIR ??= mkdtempSync(joinPath(tmpdir(), 'cg-test-cache-'));

export default defineConfig({
  plugins: [withoutDevelopmentBuilds],
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup-wait.ts'],
    // Vitest runs one file at a time on a 2-core machine by default (cores - 1). Much of a file's time is spent
    // waiting on child processes, a browser or a server, so three files run at once. A build inside a test renders
    // in one thread of its own (CG_WORKERS), so the files never start more render threads than that.
    maxWorkers: 3,
    // Files share a worker's loaded modules (pdfmake, the parsed fonts, pdfjs) instead of loading them again each, for
    // speed only: nothing of a run stays in a module (each build has its render context, pipeline/context.ts), and the
    // suite passes isolated too. Measured on the shared 2-core machine, one run each: 587 s as here; 612 s isolated;
    // 822 s isolated and in vitest's own order (without BuildAware).
    isolate: false,
    env: { CG_WORKERS: '1', CG_CACHE_DIR: process.env.CG_CACHE_DIR },
    sequence: { sequencer: BuildAware },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
