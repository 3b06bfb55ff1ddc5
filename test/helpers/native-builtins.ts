// pdfjs-dist's legacy build (the one for Node) carries core-js, which replaces built-in functions for the whole process
// when it finds the engine's own wanting by the newest spec. On Node 22–26 it replaces Function.prototype.toString; on
// Node 20 it also replaced:
// - JSON.stringify and JSON.parse (no JSON.rawJSON): its stringify tests every character of a string against a RegExp;
// - Array.prototype.push (V8 before 12.2 throws the wrong error on a non-writable length): every push in pdfmake,
//   pdfkit and docx then runs core-js's function, which sets the length by hand.
// Test files share a worker's modules (isolate: false), so once a file had read a PDF, every later file in that
// worker paid for it: the web test's playwright calls (axe's 500 kB source, sent per page) took 27 s of CPU instead of
// 5, and builds inside tests ran core-js's push. The native functions are kept before pdfjs loads and put back after
// it runs. (What core-js adds, such as Promise.withResolvers, stays: pdfjs uses it and nothing else is slowed.)
const KEY = Symbol.for('cg.test.native-builtins');
type Kept = [target: object, key: string, value: unknown][];

const replaced = (): [object, string][] => [
  [JSON, 'stringify'],
  [JSON, 'parse'],
  [Array.prototype, 'push'],
  [Function.prototype, 'toString'],
];

/** Called first in every test file (setup-wait.ts): remembers the native functions, or puts them back. */
export function keepNativeBuiltins(): void {
  const g = globalThis as unknown as Record<symbol, Kept | undefined>;
  g[KEY] ??= replaced().map(([target, key]) => [target, key, (target as Record<string, unknown>)[key]]);
  restoreNativeBuiltins();
}

/** Puts the native functions back (after pdfjs has loaded its main or worker module). */
export function restoreNativeBuiltins(): void {
  const kept = (globalThis as unknown as Record<symbol, Kept | undefined>)[KEY];
  // The same writable, non-enumerable property core-js redefined.
  for (const [target, key, value] of kept ?? [])
    Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
}
