// The compiled copy of src/: JavaScript, file for file, made by esbuild once for each version of the code (src/,
// patches/ and the locked packages, hashed) and kept in node_modules/.cache. The commands run it (cli/run.mjs) and so
// do render and merge threads: loading the TypeScript through tsx cost each process and each thread about 0.6 s more
// CPU at its start (every module transformed and resolved through tsx's hooks). The copy is inside the project, so
// that its imports of packages resolve from node_modules/ as src/'s do (the tests run such a copy too).
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
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { threadId } from 'node:worker_threads';

/** Written last into a finished copy: a folder without it is a copy being made, or one a stopped process left. */
const COMPLETE = '.complete';
/** Copies kept: the newest few. */
const KEEP = 3;

const filesUnder = (dir) =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .map((f) => join(dir, f))
        .filter((f) => statSync(f).isFile())
        .sort()
    : [];

/** The hash of the code: every file of src/ and patches/, and package-lock.json, by path and content. */
export function codeKey(root) {
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
    return dir;
  } catch {
    return null;
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
