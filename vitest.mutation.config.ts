// The test files StrykerJS runs against each mutant of src/compose, src/editions, src/mailmerge/roster.ts and src/read
// (npm run test:mutation): unit tests that call the readers, the overlay and the composers directly on small inputs,
// with no test build, no rendering and no child process, so that a mutant is judged in about a second. The output
// tests (PDF, Word, web) also cover these folders; a mutant only they would kill counts here as survived, so the
// score is a floor.
//
// CG_MUTATION_TESTS=units leaves out the roster tests, whose first test reads all of source/ (four seconds, run again
// for every mutant of src/read and src/editions it covers): for a run on those folders alone. See docs/testing.md.
import { defineConfig, type Plugin } from 'vitest/config';

const UNITS = [
  'test/reader-fixtures.test.ts',
  'test/read-model.test.ts',
  'test/editions-overlay.test.ts',
  'test/compose-tree.test.ts',
  'test/parsed-trees.test.ts',
];
const ROSTER = ['test/roster.test.ts', 'test/roster-edges.test.ts'];

/** Packages as the commands load them, not micromark's development build (as in vitest.config.ts). */
const withoutDevelopmentBuilds: Plugin = {
  name: 'without-development-builds',
  configResolved(config) {
    const ssr = config.ssr.resolve as { conditions?: string[] } | undefined;
    if (ssr?.conditions)
      ssr.conditions = ssr.conditions.filter((c) => c !== 'development|production' && c !== 'development');
  },
};

export default defineConfig({
  plugins: [withoutDevelopmentBuilds],
  test: {
    include: process.env.CG_MUTATION_TESTS === 'units' ? UNITS : [...UNITS, ...ROSTER],
    setupFiles: ['test/setup-wait.ts'],
    // CG_MUTATION: roster.test.ts leaves out its tests that run a command in a child process (which would not see the
    // mutant); StrykerJS replaces a config's testNamePattern, so they are skipped by this variable instead.
    env: { CG_WORKERS: '1', CG_MUTATION: '1' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
