// Runs a command of ours in a child process the way the tests need it: one plain node process, so a kill reaches the
// command itself, running the compiled copy of src/ that global setup makes with esbuild (the transform tsx applies).
// Loading src/ through tsx's loader, which answers every import from a second thread, cost each of the tests' thirty
// or so commands about a second of CPU. test/cli.test.ts runs the commands through tsx, as `npm run` does.
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
