// What depends on the code and its packages alone (a font's metrics, not any source or output), kept in the compiled
// copy of src/ (util/code-copy.mjs) as V8's compiled code is: every process of that code, a forced build too, reads it
// instead of working it out again. The copy is per version of src/ and the locked packages, so nothing kept here can
// outlive what it was derived from. Running from the TypeScript (tsx, the tests), nothing is kept.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { copyRootOf } from './code-copy.mjs';

const FOLDER = '.derived';

let root: string | null | undefined;

function copyRoot(): string | null {
  if (root === undefined)
    root = import.meta.url.endsWith('.ts') ? null : copyRootOf(dirname(fileURLToPath(import.meta.url)));
  return root;
}

/** `name`'s value as kept in the copy, else `make()`'s, kept for the next process (a value JSON can hold). */
export function derivedFromCode<T>(name: string, make: () => T): T {
  return derivedIn(copyRoot(), name, make);
}

/** derivedFromCode in the copy at `dir` (null: nothing kept). */
export function derivedIn<T>(dir: string | null, name: string, make: () => T): T {
  if (!dir) return make();
  const file = join(dir, FOLDER, `${name.replace(/[^\w.-]/g, '_')}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    // Not made yet (or damaged): made now.
  }
  const value = make();
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}-${threadId}.tmp`;
    writeFileSync(tmp, JSON.stringify(value));
    renameSync(tmp, file);
  } catch {
    // A read-only copy: made again next time.
  }
  return value;
}
