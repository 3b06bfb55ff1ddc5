// Runs before each test file is loaded: a file waits for the test build (global setup) unless it is one of those that
// need neither its files nor its document cache, which run while it builds.
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { expect, inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Written when the test build has ended: { ok, stderr }. */
    testBuildStatus: string;
  }
}

/** Files that read nothing of the test build and render nothing its document cache would hold. */
const WITHOUT_TEST_BUILD = new Set(['cli.test.ts', 'docx-packet.test.ts', 'docx-writer.test.ts', 'merge-reruns.test.ts', 'parsed-trees.test.ts', 'property-read.test.ts', 'reader-fixtures.test.ts', 'send.test.ts']);

const file = basename(expect.getState().testPath ?? '');
if (!WITHOUT_TEST_BUILD.has(file)) {
  const status = inject('testBuildStatus');
  while (!existsSync(status)) await new Promise((r) => setTimeout(r, 100));
  const { ok, stderr } = JSON.parse(readFileSync(status, 'utf8')) as { ok: boolean; stderr: string };
  if (!ok) throw new Error(`the test build failed: ${stderr}`);
}
