// pdfjs-dist's legacy build (the one for Node) carries core-js, which replaces JSON.stringify and JSON.parse for the
// whole process when the engine lacks JSON.rawJSON (Node 20 does): its stringify tests every character of a string
// against a RegExp. Test files share a worker's modules (isolate: false), so once a file had read a PDF, every later
// file in that worker paid it: the web test's playwright calls (axe's 500 kB source, sent per page) took 27 s of CPU
// instead of 5, and builds inside tests hash their trees with JSON.stringify. The native functions are kept before
// pdfjs loads and put back after it runs.
const KEY = Symbol.for('cg.test.native-json');
type Native = { stringify: typeof JSON.stringify; parse: typeof JSON.parse };

/** Called first in every test file (setup-wait.ts): remembers the native functions, or puts them back. */
export function keepNativeJson(): void {
  const g = globalThis as unknown as Record<symbol, Native | undefined>;
  g[KEY] ??= { stringify: JSON.stringify, parse: JSON.parse };
  restoreNativeJson();
}

/** Puts the native JSON functions back (after pdfjs has loaded its main or worker module). */
export function restoreNativeJson(): void {
  const native = (globalThis as unknown as Record<symbol, Native | undefined>)[KEY];
  if (!native) return;
  JSON.stringify = native.stringify;
  JSON.parse = native.parse;
}
