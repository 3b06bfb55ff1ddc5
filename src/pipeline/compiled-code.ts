// Where threads find the compiled copy of src/ (util/code-copy.mjs): the running code's own folder when it runs
// compiled already (the commands, through cli/run.mjs; the tests' copy), else the copy made for the TypeScript that
// runs (a test, `node --import tsx src/cli/…`).
import { packageRoot } from '../util/package-root.js';
import { codeCopy } from '../util/code-copy.mjs';

/** The copy made in this process (a pure function of the code on disk: made once). */
let made: string | null | undefined;

/** The folder of a compiled copy of src/ for threads to run; null: they load what this thread runs. */
export function compiledSource(): string | null {
  // Running compiled already: threads find the JavaScript beside their entry.
  if (import.meta.url.endsWith('.js')) return null;
  if (made === undefined) made = codeCopy(packageRoot(import.meta.url));
  return made;
}
