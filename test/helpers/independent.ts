// The test files that read nothing of the test build (global setup) and render nothing its document cache would hold:
// they run while it builds (setup-wait.ts lets them load at once; vitest.config.ts runs them first).
export const WITHOUT_TEST_BUILD = new Set(['ci-run.test.ts', 'compose-tree.test.ts', 'editions-overlay.test.ts', 'read-model.test.ts', 'cli.test.ts', 'collect.test.ts', 'content-reader.test.ts', 'docx-packet.test.ts', 'docx-writer.test.ts', 'merge-reruns.test.ts', 'parsed-trees.test.ts', 'property-read.test.ts', 'reader-fixtures.test.ts', 'roster.test.ts', 'send.test.ts']);
