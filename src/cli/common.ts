// What every command shares: exit codes, argument errors, internal errors without a stack trace.
import { CommanderError, type Command } from 'commander';

/** Exit codes: 0 done, 1 bad input (source, templates, roster), 2 bad usage, 3 internal error. */
export const EXIT = { ok: 0, input: 1, usage: 2, internal: 3 } as const;

/** Parses the arguments; returns an exit code when the command should stop (help, bad usage). */
export function parseArgs(program: Command): number | null {
  try {
    program.exitOverride().configureOutput({ writeErr: (s) => process.stderr.write(s) });
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
