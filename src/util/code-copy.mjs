// The compiled copy of src/: the commands and the render and merge threads' entries bundled by esbuild, once for each
// version of the code (src/, patches/ and the locked packages, hashed), kept in node_modules/.cache. The commands run
// it (cli/run.mjs) and so do render and merge threads. Loading the TypeScript through tsx cost each process and each
// thread about 0.6 s more CPU at its start; loading src/ file for file as JavaScript still cost a thread about 0.45 s
// of CPU (about 1,000 modules, 856 of them packages': each resolved, read and compiled on its own). Bundled, the
// entries share chunks (code splitting, so a command still loads a writer only when it needs one), and the packages
// are in them, except those that must be loaded from their own folder (EXTERNAL). The copy is inside the project,
// so that what stays outside resolves from node_modules/ as src/'s imports do (the tests run such a copy too).
//
// Plain JavaScript, because it runs before any TypeScript can. When a copy cannot be made (esbuild missing, a
// read-only checkout), codeCopy returns null and the caller loads the TypeScript through tsx as before.
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import module, { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { threadId } from 'node:worker_threads';

/** Written last into a finished copy: a folder without it is a copy being made, or one a stopped process left. */
const COMPLETE = '.complete';
/** Copies kept: the newest few. */
const KEEP = 3;
/** The commands (src/cli/<command>.ts), each an entry of the copy. */
export const COMMANDS = ['build', 'dev', 'packets', 'send', 'collect', 'import'];
/** The threads' code, each an entry of the copy, found beside their .mjs entries (copied as they are). */
const THREAD_ENTRIES = ['pipeline/render-worker.ts', 'mailmerge/merge-worker.ts'];
/**
 * Packages loaded from their own folder, not bundled: tinypool starts its threads from a file of its own; esbuild and
 * tsx make the copy or stand in for it. (pdfmake, pdfkit and the fontkit it uses read files beside themselves; src/
 * loads them with createRequire, which esbuild leaves alone.)
 */
const EXTERNAL = ['tinypool', 'esbuild', 'tsx'];
/**
 * Packages written as CommonJS call require() for Node's own modules (fs, stream, …); in an ES module that is
 * esbuild's stand-in, which calls a `require` in scope when there is one. esbuild renames src/'s own `require`s
 * (createRequire) away from this name.
 */
const REQUIRE =
  "import { createRequire as __cgCreateRequire } from 'node:module';\n" +
  'const require = __cgCreateRequire(import.meta.url);';
/**
 * fontkit is loaded once a thread: as pdfkit requires it (util/fontkit-required.mjs), not also bundled from its ES
 * module build for src/'s own `import 'fontkit'` (about 30 ms of CPU a thread).
 */
const ALIAS = { fontkit: './util/fontkit-required.mjs' };
/** Where V8 keeps the copy's compiled code between runs (module.enableCompileCache), inside the copy. */
export const COMPILE_CACHE = '.compile-cache';

const filesUnder = (dir) =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .map((f) => join(dir, f))
        .filter((f) => statSync(f).isFile())
        .sort()
    : [];

/**
 * The process's code key, in its environment: the launcher hashes the code first, and a run context (pipeline/cache.ts)
 * and each thread would read and hash it again (about 15 ms each). Worker threads get a copy of the environment. Only
 * the process that hashed trusts it (by pid): a child process may run after the code changed (tests, a watch).
 */
const KEY_ENV = 'CG_CODE_KEY';

/** The hash of the code: every file of src/ and patches/, and package-lock.json, by path and content. */
export function codeKey(root) {
  const known = knownKey(root);
  if (known) return known;
  const key = hashCode(root);
  process.env[KEY_ENV] = JSON.stringify({ pid: process.pid, root, key });
  return key;
}

function knownKey(root) {
  try {
    const k = JSON.parse(process.env[KEY_ENV] ?? 'null');
    return k?.pid === process.pid && k.root === root && typeof k.key === 'string' ? k.key : null;
  } catch {
    return null;
  }
}

function hashCode(root) {
  const h = createHash('sha256');
  for (const f of [
    ...filesUnder(join(root, 'src')),
    ...filesUnder(join(root, 'patches')),
    join(root, 'package-lock.json'),
  ]) {
    if (!existsSync(f)) continue;
    h.update(relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
  }
  return h.digest('hex');
}

/** The folder of the compiled copy of `root`'s src/, made if needed; null when it cannot be. */
export function codeCopy(root) {
  try {
    const base = join(root, 'node_modules', '.cache', 'competency-guidelines-code');
    const dir = join(base, codeKey(root).slice(0, 24));
    if (existsSync(join(dir, COMPLETE))) return dir;
    const tmp = `${dir}.${process.pid}-${threadId}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    const src = join(root, 'src');
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' });
    const esbuild = createRequire(join(root, 'package.json'))('esbuild');
    esbuild.buildSync({
      entryPoints: [...COMMANDS.map((c) => `cli/${c}.ts`), ...THREAD_ENTRIES].map((f) => join(src, f)),
      outdir: tmp,
      outbase: src,
      // The paths in the bundle's comments relative to the project, whatever folder the command runs in.
      absWorkingDir: root,
      bundle: true,
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      format: 'esm',
      platform: 'node',
      target: 'node22',
      // As Node resolves packages (import, node, default): not the `module` field or condition it ignores.
      conditions: [],
      external: EXTERNAL,
      alias: Object.fromEntries(Object.entries(ALIAS).map(([name, file]) => [name, join(src, file)])),
      banner: { js: REQUIRE },
      logLevel: 'silent',
    });
    for (const f of files.filter((f) => f.endsWith('.mjs'))) {
      mkdirSync(dirname(join(tmp, f)), { recursive: true });
      copyFileSync(join(src, f), join(tmp, f));
    }
    // The copy is under node_modules/, where Node looks for no package scope above a package: without a type of its
    // own, each file's format would be detected by parsing it for ES module syntax.
    writeFileSync(join(tmp, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(tmp, COMPLETE), '');
    try {
      renameSync(tmp, dir);
    } catch {
      // Another process made it meanwhile.
      rmSync(tmp, { recursive: true, force: true });
      if (!existsSync(join(dir, COMPLETE))) return null;
    }
    prune(base);
    return dir;
  } catch {
    return null;
  }
}

/** The root of the finished copy that holds `dir` (a folder of its code), or null. */
export function copyRootOf(dir) {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, COMPLETE))) return d;
    if (dirname(d) === d) return null;
  }
}

/**
 * Keeps V8's compiled code of the copy in the copy (module.enableCompileCache): a thread then reads what its modules
 * compiled to in a run before instead of compiling them again (about 0.1 s of CPU a thread). Nothing when it cannot.
 */
export function useCompileCache(copyDir) {
  try {
    // Node ≥ 22.1 (flushCompileCache: ≥ 22.10); looked up on the module, so that an older Node still starts.
    module.enableCompileCache?.(join(copyDir, COMPILE_CACHE));
  } catch {
    // A read-only checkout: compiled each time.
  }
}

/** Writes what this thread compiled to the cache now: a thread may be ended without the exit that writes it. */
export function flushCompiled() {
  try {
    module.flushCompileCache?.();
  } catch {
    // As above.
  }
}

/** Keeps the newest copies (and removes what a stopped process left half made, after an hour). */
function prune(base) {
  const entries = readdirSync(base).map((n) => ({ n, t: statSync(join(base, n)).mtimeMs }));
  const copies = entries.filter((e) => !e.n.endsWith('.tmp')).sort((a, b) => b.t - a.t);
  for (const { n } of copies.slice(KEEP)) rmSync(join(base, n), { recursive: true, force: true });
  for (const { n, t } of entries)
    if (n.endsWith('.tmp') && Date.now() - t > 3_600_000) rmSync(join(base, n), { recursive: true, force: true });
}
