// The build under test: global setup builds source/ once into a temporary out/ folder.
import { inject } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Manifest } from '../../src/pipeline/output.js';

declare module 'vitest' {
  export interface ProvidedContext {
    outDir: string;
  }
}

export function outDir(): string {
  return inject('outDir');
}

export function outFile(...parts: string[]): string {
  return join(outDir(), ...parts);
}

export function manifest(): Manifest {
  return JSON.parse(readFileSync(outFile('manifest.json'), 'utf8')) as Manifest;
}
