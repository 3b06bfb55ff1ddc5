// Worker threads run a compiled copy of src/: JavaScript, file for file, made by esbuild once for each generator (the
// code and its locked packages, cache.ts) and kept in node_modules/.cache. Loading the TypeScript through tsx cost a
// thread about 0.6 s more CPU at its start (each module transformed and resolved through tsx's hooks), and a build
// starts one thread a core, a mail merge as many again. The copy is inside the project, so that its imports of packages
// resolve from node_modules/ as src/'s do (the tests run such a copy too).
//
// When it cannot be made (esbuild missing, a read-only checkout), the threads load the TypeScript as before.
import { existsSync, readdirSync, renameSync, rmSync, statSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { packageRoot } from '../util/package-root.js';
import { generatorKey } from './cache.js';

/** Written last into a finished copy: a folder without it is a copy being made, or one a stopped process left. */
const COMPLETE = '.complete';
/** Copies kept: the newest few (another checkout of older code may share node_modules only by accident). */
const KEEP = 3;

/** The copy made in this process (a pure function of the code on disk: made once). */
let made: string | null | undefined;

/** The folder of the compiled copy of src/ for the running code, made if needed; null: load the TypeScript. */
export function compiledSource(): string | null {
  // Running compiled already (the tests' copy, or this copy itself): its own folder is the copy.
  if (import.meta.url.endsWith('.js')) return null;
  if (made !== undefined) return made;
  made = null;
  try {
    const root = packageRoot(import.meta.url);
    const base = join(root, 'node_modules', '.cache', 'competency-guidelines-code');
    const dir = join(base, generatorKey().slice(0, 24));
    if (existsSync(join(dir, COMPLETE))) return (made = dir);
    const tmp = `${dir}.${process.pid}-${threadId}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    const src = join(root, 'src');
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' });
    const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
    esbuild.buildSync({
      entryPoints: files.filter((f) => f.endsWith('.ts')).map((f) => join(src, f)),
      outdir: tmp,
      format: 'esm',
      platform: 'node',
      target: 'node22',
      logLevel: 'silent',
    });
    for (const f of files.filter((f) => f.endsWith('.mjs'))) {
      mkdirSync(dirname(join(tmp, f)), { recursive: true });
      copyFileSync(join(src, f), join(tmp, f));
    }
    writeFileSync(join(tmp, COMPLETE), '');
    try {
      renameSync(tmp, dir);
    } catch {
      // Another process made it meanwhile.
      rmSync(tmp, { recursive: true, force: true });
      if (!existsSync(join(dir, COMPLETE))) return null;
    }
    prune(base);
    return (made = dir);
  } catch {
    return null;
  }
}

/** Keeps the newest copies (and removes what a stopped process left half made, after an hour). */
function prune(base: string): void {
  const entries = readdirSync(base).map((n) => ({ n, t: statSync(join(base, n)).mtimeMs }));
  const copies = entries.filter((e) => !e.n.endsWith('.tmp')).sort((a, b) => b.t - a.t);
  for (const { n } of copies.slice(KEEP)) rmSync(join(base, n), { recursive: true, force: true });
  for (const { n, t } of entries)
    if (n.endsWith('.tmp') && Date.now() - t > 3_600_000) rmSync(join(base, n), { recursive: true, force: true });
}
