// What every command shares: exit codes, argument errors, internal errors without a stack trace.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommanderError, type Command } from 'commander';
import { packageRoot } from '../util/package-root.js';
import { removeStaging } from '../util/interrupt.js';
import { machineFault } from '../util/machine-fault.js';
import { flushCompiled } from '../util/code-copy.mjs';

/** The version in package.json, for `--version` on every command. */
export const VERSION: string = JSON.parse(
  readFileSync(join(packageRoot(import.meta.url), 'package.json'), 'utf8'),
).version;

/**
 * Exit codes: 0 done, 1 bad input (source, templates, roster), 2 bad usage, 3 internal error (a bug), 4 a fault of
 * the machine (no space, no permission, a read-only or vanished folder), 130 interrupted (Ctrl+C).
 */
export const EXIT = { ok: 0, input: 1, usage: 2, internal: 3, machine: 4, interrupted: 130 } as const;

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

/** An error no other branch knew: a fault of the machine (exit 4, one line naming the path), else a bug (exit 3). */
export function internalError(e: unknown, debug: boolean | undefined, unchanged?: string): number {
  const fault = machineFault(e);
  if (fault) {
    console.error(`${fault.line()}${unchanged ? `; ${unchanged}` : ''}${debug ? `\n${(e as Error).stack}` : ''}`);
    return EXIT.machine;
  }
  const err = e as Error;
  console.error(`internal error: ${err.message}${debug ? `\n${err.stack}` : ' (run with --debug for details)'}`);
  return EXIT.internal;
}

/**
 * Runs a command's main and exits with its code. `now`: as soon as it returns, for a command that leaves nothing to
 * finish (its files written, its threads closed, its output folder's lock released) and a heap of hundreds of MB, which
 * Node otherwise frees page by page on the way out (about 50 ms of a build). What it printed is written out first: a
 * pipe takes about 64 kB at once and Node queues the rest (a long `--ids` listing lost its end to a slow reader), and
 * V8's compiled code is kept, as a natural exit keeps it. Not for `send`, whose mail connection says goodbye on its way
 * out.
 */
export function exitWith(run: () => Promise<number>, opts: { now?: boolean } = {}): void {
  run().then(async (code) => {
    process.exitCode = code;
    if (!opts.now) return;
    await Promise.all([process.stdout, process.stderr].map(written));
    flushCompiled();
    process.exit(code);
  });
}

/** Once everything written to `stream` so far is out, or the stream has failed (its reader gone): never rejects. */
function written(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || stream.writableLength === 0) resolve();
    else stream.write('', () => resolve());
  });
}

let stopping = false;

/**
 * On Ctrl+C or a kill signal: removes the staging folders of the run (the output folder is only ever replaced whole,
 * so it is unchanged), prints one line and exits (130 for Ctrl+C). All in one synchronous step, so nothing of the run
 * goes on after it; the output folder's lock is released on exit (lock.ts). Handled on every signal, not once: a
 * terminal sends Ctrl+C to the whole process group and a launcher may relay it again, and a second signal with no
 * handler would end the process before the first was handled. The main thread may be busy laying out a document: the
 * handler runs when it is done (a fraction of a second); the commands are started with `node --import tsx`, not the
 * tsx command, which kills a process that has not answered a signal within 60 ms (package.json).
 * SIGKILL cannot be caught: the next run removes the staging folder then.
 */
export function exitOnInterrupt(message: () => string): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      const left = removeStaging();
      console.error(
        left.length ? `interrupted; could not remove ${left.join(', ')} (the next run removes it)` : message(),
      );
      process.exit(signal === 'SIGINT' ? EXIT.interrupted : signal === 'SIGTERM' ? 143 : 129);
    });
  }
}
