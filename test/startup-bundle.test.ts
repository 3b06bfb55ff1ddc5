// The compiled copy of src/ is bundled (util/code-copy.mjs): a thread loads a few chunks instead of about a thousand
// modules (src/ file for file and the packages' own files), with V8's compile cache kept in the copy; and the bundle
// builds what the TypeScript builds.
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compiledSource } from '../src/pipeline/compiled-code.js';
import { codeCopy, codeKey, COMPILE_CACHE } from '../src/util/code-copy.mjs';
import { outDir } from './helpers/built.js';
import { hashTree, tsxCommand } from './helpers/cli.js';

const copy = (): string => {
  const dir = compiledSource();
  if (!dir) throw new Error('no compiled copy');
  return dir;
};

/** The modules Node loads (ES modules and require()s) when a thread imports `entry`, and the thread's compile cache. */
function loadOf(entry: string): { urls: string[]; compileCache: string | undefined } {
  const probe = `
    import module from 'node:module';
    const urls = [];
    module.registerHooks({ load(url, context, next) { urls.push(url); return next(url, context); } });
    await import(${JSON.stringify(pathToFileURL(entry).href)});
    console.log(JSON.stringify({ urls, compileCache: module.getCompileCacheDir() }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

describe('the bundled copy of src/', () => {
  it('imports no package but tinypool from outside itself (the rest is bundled, or required from its folder)', () => {
    const dir = copy();
    const specifiers = new Set<string>();
    for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'))) {
      const js = readFileSync(join(dir, f), 'utf8');
      for (const m of js.matchAll(/(?:^import [^;]*? from |^export [^;]*? from |\bimport\()"([^"]+)"/gm))
        specifiers.add(m[1]!);
    }
    const builtin = (s: string) => s.startsWith('node:') || builtinModules.includes(s);
    const packages = [...specifiers].filter((s) => !s.startsWith('.') && !builtin(s));
    expect(packages).toEqual(['tinypool']);
    // fontkit once, as pdfkit requires it: not its ES module build as well (esbuild names each bundled file).
    const bundledFiles = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.js'))
      .flatMap((f) =>
        [...readFileSync(join(dir, f), 'utf8').matchAll(/^\/\/ (node_modules\/\S+)/gm)].map((m) => m[1]!),
      );
    expect(bundledFiles.some((f) => f.startsWith('node_modules/@cantoo/pdf-lib/'))).toBe(true);
    expect(bundledFiles.filter((f) => /^node_modules\/(fontkit|brotli|unicode-properties)\//.test(f))).toEqual([]);
    // Chunks are shared: the commands and the threads import them, relative to themselves.
    expect([...specifiers].some((s) => s.startsWith('../chunks/'))).toBe(true);
  });

  it('a render thread loads its code from the bundle, few modules, with the compile cache in the copy', () => {
    const dir = copy();
    const { urls, compileCache } = loadOf(join(dir, 'pipeline', 'render-worker-entry.mjs'));
    const files = urls.filter((u) => u.startsWith('file:'));
    const fromCopy = files.filter((u) => u.startsWith(pathToFileURL(dir).href));
    // Nothing of src/ itself, and none of the packages the bundle holds: from outside the copy only pdfmake, pdfkit and
    // the fontkit pdfkit uses (with their own packages), which read files beside themselves and are required.
    const src = pathToFileURL(join(process.cwd(), 'src')).href + '/';
    expect(files.filter((u) => u.startsWith(src))).toEqual([]);
    const outside = files.filter((u) => !fromCopy.includes(u));
    const bundled =
      /\/node_modules\/(@cantoo\/pdf-lib|zod|culori|yaml|micromark[^/]*|mdast-util-[^/]+|docx|fflate|diff)\//;
    expect(outside.filter((u) => bundled.test(u))).toEqual([]);
    expect(outside.some((u) => u.includes('/node_modules/pdfkit/'))).toBe(true);
    expect(fromCopy.length).toBeGreaterThan(1);
    // About a thousand modules file for file (856 of them packages'); bundled, under a hundred.
    expect(files.length).toBeLessThan(150);
    expect(compileCache?.startsWith(join(dir, COMPILE_CACHE))).toBe(true);
  });

  it('builds an edition byte for byte as the TypeScript does (the test build runs the bundle)', async () => {
    const work = mkdtempSync(join(tmpdir(), 'cg-bundle-'));
    try {
      cpSync(join(process.cwd(), 'source'), join(work, 'source'), { recursive: true });
      cpSync(join(process.cwd(), 'templates'), join(work, 'templates'), { recursive: true });
      const [exe, before] = tsxCommand('build');
      await new Promise<void>((done, fail) =>
        execFile(
          exe,
          [...before, '--edition', 'new-mexico', '--force', '--quiet', '--out', join(work, 'out')],
          { cwd: work, env: { ...process.env, CG_WORKERS: '1', CG_CACHE_DIR: join(work, 'cache') }, timeout: 300_000 },
          (err, _out, stderr) => (err ? fail(new Error(stderr)) : done()),
        ),
      );
      const fromTypeScript = hashTree(join(work, 'out', 'new-mexico'));
      expect(Object.keys(fromTypeScript).length).toBeGreaterThan(10);
      expect(hashTree(join(outDir(), 'new-mexico'))).toEqual(fromTypeScript);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('without esbuild', () => {
  it('there is no copy: the commands and threads load the TypeScript through tsx', () => {
    const root = mkdtempSync(join(tmpdir(), 'cg-no-esbuild-'));
    const before = process.env.CG_CODE_KEY;
    try {
      cpSync(join(process.cwd(), 'src'), join(root, 'src'), { recursive: true });
      cpSync(join(process.cwd(), 'package.json'), join(root, 'package.json'));
      // No node_modules/ here or above /tmp: esbuild cannot be loaded.
      expect(codeCopy(root)).toBeNull();
      expect(existsSync(join(root, 'node_modules', '.cache'))).toBe(false);
    } finally {
      if (before === undefined) delete process.env.CG_CODE_KEY;
      else process.env.CG_CODE_KEY = before;
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the code key', () => {
  it('is hashed once a process: its threads take it from the environment, a child process hashes again', () => {
    const root = process.cwd();
    const before = process.env.CG_CODE_KEY;
    try {
      const key = codeKey(root);
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.parse(process.env.CG_CODE_KEY!)).toEqual({ pid: process.pid, root, key });
      // What this process (and so each of its threads) knows is not read again.
      process.env.CG_CODE_KEY = JSON.stringify({ pid: process.pid, root, key: 'known' });
      expect(codeKey(root)).toBe('known');
      // Another process's key (a parent's, perhaps from before the code changed) is not trusted.
      process.env.CG_CODE_KEY = JSON.stringify({ pid: process.pid + 1, root, key: 'stale' });
      expect(codeKey(root)).toBe(key);
    } finally {
      if (before === undefined) delete process.env.CG_CODE_KEY;
      else process.env.CG_CODE_KEY = before;
    }
  });
});
