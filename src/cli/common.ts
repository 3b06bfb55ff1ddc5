// What every command shares: exit codes, argument errors, internal errors without a stack trace.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CommanderError, type Command } from 'commander';
import { packageRoot } from '../pipeline/package-root.js';

/** The version in package.json, for `--version` on every command. */
export const VERSION: string = JSON.parse(readFileSync(join(packageRoot(import.meta.url), 'package.json'), 'utf8')).version;

/** Exit codes: 0 done, 1 bad input (source, templates, roster), 2 bad usage, 3 internal error. */
export const EXIT = { ok: 0, input: 1, usage: 2, internal: 3 } as const;

/** Parses the arguments; returns an exit code when the command should stop (help, --version, bad usage). */
export function parseArgs(program: Command): number | null {
  try {
    program
      .version(VERSION, '-V, --version', 'print the version and stop')
      .exitOverride()
      .configureOutput({ writeErr: (s) => process.stderr.write(s) });
    program.parse();
    return null;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw e;
  }
}

export function internalError(e: unknown, debug: boolean | undefined): number {
  const err = e as Error;
  console.error(`internal error: ${err.message}${debug ? `\n${err.stack}` : ' (run with --debug for details)'}`);
  return EXIT.internal;
}

export function exitWith(run: () => Promise<number>): void {
  run().then((code) => {
    process.exitCode = code;
  });
}

/**
 * On Ctrl+C or a kill signal: removes this run's staging folder at once (the output folder is
 * only ever replaced whole, so it is unchanged) and exits. SIGKILL cannot be caught: the next
 * run removes the staging folder then.
 */
export function abandonOnInterrupt(staging: string, message: string): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      rmSync(staging, { recursive: true, force: true });
      console.error(message);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}
