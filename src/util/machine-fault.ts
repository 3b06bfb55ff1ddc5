// Faults of the machine, not of the input or of our code: a full disk, a folder we may not write, a read-only
// file system, a path that vanished while we ran. Each is told as one line naming the path and the cause.
import { relative } from 'node:path';

/** The causes, in plain words, by Node's error code. */
const CAUSES: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EIO: 'input/output error (a failing disk or a lost network drive)',
  ENOENT: 'it was removed while the command ran',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files on this machine',
  EBUSY: 'the file is in use',
  EISDIR: 'it is a folder',
  EFBIG: 'file too large',
};

/** System calls that only read. */
const READS = new Set(['read', 'scandir', 'opendir', 'stat', 'lstat', 'readlink', 'access', 'realpath']);

export class MachineFault extends Error {
  constructor(
    /** The path named (absolute, as the system gave it). */
    readonly path: string,
    /** What went wrong, in plain words ("no space left on device"). */
    readonly cause: string,
    readonly code: string,
    readonly reading: boolean,
  ) {
    super(`cannot ${reading ? 'read' : 'write'} ${path}: ${cause}`);
  }

  /**
   * The one line to print, with the path as the user knows it: relative to `cwd` when inside it, and a file of a
   * staging folder (`.out-staging-123/texas/…`) by the name it was to have (`out/texas/…`).
   */
  line(cwd = process.cwd()): string {
    const path = this.path.replace(/([/\\])\.([^/\\]+)-staging-\d+(?:-stopped)?(?=[/\\]|$)/, '$1$2');
    const rel = relative(cwd, path);
    const shown = rel && !rel.startsWith('..') ? rel : path;
    return `cannot ${this.reading ? 'read' : 'write'} ${shown}: ${this.cause}`;
  }
}

/**
 * The machine fault an error is, or null. Reads Node's fs errors (code, syscall, path) and, for an error that came
 * from a worker thread (which keeps only its message), the message Node gives them: "ENOSPC: no space left on
 * device, write '/path'".
 */
export function machineFault(e: unknown, where?: string): MachineFault | null {
  if (e instanceof MachineFault) return e;
  if (!(e instanceof Error)) return null;
  const err = e as NodeJS.ErrnoException;
  // A MachineFault thrown in a worker thread arrives as its message.
  const ours = err.message.match(/^cannot (read|write) (.+): ([^:]+)$/);
  const ourCode = ours && Object.keys(CAUSES).find((c) => CAUSES[c] === ours[3]);
  if (ours && ourCode) return new MachineFault(ours[2], ours[3], ourCode, ours[1] === 'read');
  let code = err.code;
  let syscall = err.syscall;
  let path = err.path;
  if (!code) {
    const m = err.message.match(/^(E[A-Z]+): [^,]*, (\w+)(?: '([^']+)')?/);
    if (!m) return null;
    [, code, syscall, path] = m;
  }
  const cause = CAUSES[code!];
  // A failed write() names no path: the caller says where it was writing.
  path ??= where;
  if (!cause || !path) return null;
  return new MachineFault(path, cause, code!, READS.has(syscall ?? ''));
}

/** Runs a write to `path`; a fault of the machine comes out as a MachineFault naming `path`, whatever the call named. */
export function writingTo<T>(path: string, write: () => T): T {
  try {
    return write();
  } catch (e) {
    const fault = machineFault(e, path);
    if (!fault) throw e;
    throw new MachineFault(path, fault.cause, fault.code, false);
  }
}

/** Runs `io` on `path` (reading or writing it); a fault of the machine comes out as a MachineFault naming `path`. */
export function onPath<T>(path: string, doing: 'read' | 'write', io: () => T): T {
  try {
    return io();
  } catch (e) {
    const fault = machineFault(e, path);
    if (!fault) throw e;
    throw new MachineFault(path, fault.cause, fault.code, doing === 'read');
  }
}
