// Builds every edition once for the whole test run; output tests read the files back.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { build } from '../src/pipeline/build.js';

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'cg-test-'));
  const outDir = join(dir, 'out');
  // Runs alone, before any test file: every core renders.
  await build({ project: join(import.meta.dirname, '..'), outDir, workers: availableParallelism() });
  project.provide('outDir', outDir);
  return () => {
    rmSync(dir, { recursive: true, force: true });
    if (process.env.CG_CACHE_DIR?.includes('cg-test-cache-')) rmSync(process.env.CG_CACHE_DIR, { recursive: true, force: true });
  };
}
