// Runs before each test file is loaded: a file waits for the test build (global setup) unless it is one of those that
// need neither its files nor its document cache, which run while it builds.
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { expect, inject } from 'vitest';
import { WITHOUT_TEST_BUILD } from './helpers/independent.js';
import { keepNativeBuiltins } from './helpers/native-builtins.js';

keepNativeBuiltins();

declare module 'vitest' {
  export interface ProvidedContext {
    /** Written when the test build has ended: { ok, stderr }. */
    testBuildStatus: string;
  }
}

const file = basename(expect.getState().testPath ?? '');
if (!WITHOUT_TEST_BUILD.has(file)) {
  const status = inject('testBuildStatus');
  while (!existsSync(status)) await new Promise((r) => setTimeout(r, 100));
  const { ok, stderr } = JSON.parse(readFileSync(status, 'utf8')) as { ok: boolean; stderr: string };
  if (!ok) throw new Error(`the test build failed: ${stderr}`);
}
