// The test files StrykerJS runs against each mutant of src/compose, src/editions, src/mailmerge/roster.ts and src/read
// (npm run test:mutation): the fast ones that need neither the test build nor a child process, so that a mutant is
// judged in seconds. The slower output tests (PDF, Word, web) also cover these folders; a mutant only they would
// kill counts here as survived, so the score is a floor.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/property-read.test.ts', 'test/parsed-trees.test.ts', 'test/reader-fixtures.test.ts', 'test/docx-writer.test.ts', 'test/docx-packet.test.ts', 'test/roster.test.ts'],
    // The roster tests that run build:packets or send:packets in a child process (which would not see the mutant).
    testNamePattern: /^(?!.*(build:packets with a 10 MB cell|send:packets reads the roster)).*$/,
    setupFiles: ['test/setup-wait.ts'],
    env: { CG_WORKERS: '1' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
