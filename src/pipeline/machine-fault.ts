// A fault of the machine (no space, no permission, a read-only folder, a path that vanished): not
// bad input and not our bug, so it is reported as one line naming the path and the cause.

/** The exit code of a fault of the machine (0 done, 1 bad input, 2 usage, 3 internal error). */
export const MACHINE_FAULT_EXIT = 4;

/** What the operating system says, in words staff can act on. */
const CAUSES: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EFBIG: 'file too large',
};

export class MachineFault extends Error {
  constructor(
    readonly path: string,
    readonly doing: 'read' | 'write',
    readonly error: NodeJS.ErrnoException,
  ) {
    super(`cannot ${doing} ${path}: ${CAUSES[error.code ?? ''] ?? error.code ?? error.message}`);
  }
}

/** Whether an error is one the machine gave (a system error with a code we know), not a bug of ours. */
export function isMachineError(e: unknown): e is NodeJS.ErrnoException {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && code in CAUSES;
}

/** Runs `io` on `path`; a fault of the machine comes out as a MachineFault naming the path. */
export function onPath<T>(path: string, doing: 'read' | 'write', io: () => T): T {
  try {
    return io();
  } catch (e) {
    if (isMachineError(e)) throw new MachineFault(path, doing, e);
    throw e;
  }
}
