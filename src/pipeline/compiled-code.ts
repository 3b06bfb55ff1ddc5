// Where threads find the compiled copy of src/ (util/code-copy.mjs): the copy this code runs from when it runs
// compiled already (the commands, through cli/run.mjs; the tests' threads), else the copy made for the TypeScript that
// runs (a test, `node --import tsx src/cli/…`). In the copy this module is bundled into a chunk, so the threads'
// entries are found from the copy's root, not beside this file.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../util/package-root.js';
import { codeCopy, copyRootOf } from '../util/code-copy.mjs';

/** The copy (a pure function of the code on disk: found or made once). */
let made: string | null | undefined;

/** The folder of a compiled copy of src/ for threads to run; null: they load the TypeScript through tsx. */
export function compiledSource(): string | null {
  if (made === undefined)
    made = import.meta.url.endsWith('.ts')
      ? codeCopy(packageRoot(import.meta.url))
      : copyRootOf(dirname(fileURLToPath(import.meta.url)));
  return made;
}
