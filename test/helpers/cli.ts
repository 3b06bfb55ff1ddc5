// Runs a command of ours in a child process the way the tests need it: one plain node process, so a kill reaches the
// command itself, running the compiled copy of src/ that the commands run (util/code-copy.mjs; global setup makes it).
// Loading src/ through tsx's loader, which answers every import from a second thread, cost each of the tests' thirty
// or so commands about a second of CPU. test/cli.test.ts runs the commands through tsx, as `npm run` does.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The compiled copy of src/ (global setup). */
    cliDir: string;
  }
}

export type Script = 'build' | 'packets' | 'send' | 'dev';

/** The executable and the arguments before the command's own: `node <compiled src>/cli/<script>.js`. */
export function command(script: Script): [string, string[]] {
  return [process.execPath, [join(inject('cliDir'), 'cli', `${script}.js`)]];
}

const loader = pathToFileURL(join(process.cwd(), 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** `node --import <tsx loader> src/cli/<script>.ts`: the TypeScript itself, as `npm run` runs it. */
export function tsxCommand(script: Script): [string, string[]] {
  return [process.execPath, ['--import', loader, join(process.cwd(), 'src', 'cli', `${script}.ts`)]];
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command (compiled) in `cwd` with one render thread; its exit code and what it printed. */
export function runCommand(cwd: string, script: Script, ...args: string[]): Promise<Run> {
  return new Promise((done) => {
    const [exe, before] = command(script);
    execFile(
      exe,
      [...before, ...args],
      { cwd, env: { ...process.env, CG_WORKERS: '1' }, timeout: 180_000 },
      (err, stdout, stderr) => done({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

/** Every file under `dir` by its path, with its sha256. */
export function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else
        out[`${rel}${e.name}`] = createHash('sha256')
          .update(readFileSync(join(d, e.name)))
          .digest('hex');
    }
  };
  walk(dir, '');
  return out;
}

/** What interrupted runs leave beside an output folder: staging and old folders, locks. */
export const litter = (dir: string) => readdirSync(dir).filter((n) => /-(staging|old)-\d+$|\.lock/.test(n));
