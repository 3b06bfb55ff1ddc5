// The test files StrykerJS runs against each mutant of src/compose, src/editions, src/mailmerge/roster.ts and src/read
// (npm run test:mutation): unit tests that call the readers, the overlay and the composers directly on small inputs,
// with no test build, no rendering and no child process, so that a mutant is judged in well under a second. The output
// tests (PDF, Word, web) also cover these folders; a mutant only they would kill counts here as survived, so the
// score is a floor.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/reader-fixtures.test.ts',
      'test/read-model.test.ts',
      'test/editions-overlay.test.ts',
      'test/compose-tree.test.ts',
      'test/parsed-trees.test.ts',
      'test/roster.test.ts',
      'test/roster-edges.test.ts',
    ],
    setupFiles: ['test/setup-wait.ts'],
    // CG_MUTATION: roster.test.ts leaves out its tests that run a command in a child process (which would not see the
    // mutant); StrykerJS replaces a config's testNamePattern, so they are skipped by this variable instead.
    env: { CG_WORKERS: '1', CG_MUTATION: '1' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
