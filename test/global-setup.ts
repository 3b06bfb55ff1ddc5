// Builds every edition once for the whole test run; output tests read the files back. Makes the compiled copy of
// src/ the commands run, for the tests that run a command in a child process (helpers/cli.ts).
import { execFile } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { codeCopy } from '../src/util/code-copy.mjs';

const repo = join(import.meta.dirname, '..');

/** The compiled copy of src/ the commands run (util/code-copy.mjs: bundled, inside the project, kept by version). */
function compileSource(): string {
  const dir = codeCopy(repo);
  if (!dir) throw new Error('the compiled copy of src/ could not be made (is esbuild installed?)');
  return dir;
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'cg-test-'));
  const outDir = join(dir, 'out');
  const cliDir = compileSource();
  // The build command itself, compiled, in a process of its own (vitest's module runner makes the same code slower),
  // in one thread: on two cores a pool of render threads costs half again as much CPU (each thread parses the fonts
  // and compiles the same code) and finishes no sooner. Not waited for here: the test files that need neither its
  // files nor its document cache run meanwhile, and the others wait for it (setup-wait.ts).
  const status = join(dir, 'test-build.json');
  let over = false;
  const child = execFile(
    process.execPath,
    [join(cliDir, 'cli', 'build.js'), '--out', outDir, '--quiet'],
    { cwd: repo, env: { ...process.env, CG_WORKERS: '1' }, maxBuffer: 16 << 20, timeout: 600_000 },
    (err, _out, stderr) => {
      // A run of only the files that do not wait for it ends before the build: its folder is gone by then.
      // Written whole under another name, then renamed: a test file waiting for it never reads half of it.
      if (over) return;
      writeFileSync(`${status}.tmp`, JSON.stringify({ ok: !err, stderr: stderr.trim() }));
      renameSync(`${status}.tmp`, status);
    },
  );
  project.provide('outDir', outDir);
  project.provide('cliDir', cliDir);
  project.provide('testBuildStatus', status);
  return () => {
    over = true;
    child.kill();
    rmSync(dir, { recursive: true, force: true });
    if (process.env.CG_CACHE_DIR?.includes('cg-test-cache-'))
      rmSync(process.env.CG_CACHE_DIR, { recursive: true, force: true });
  };
}
