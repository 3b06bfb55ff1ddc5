// One run at a time per output folder: a lock file beside the folder names the process holding it.
//
// Not proper-lockfile: it judges a lock stale by its age, and a build's main thread can be busy
// for seconds (rendering in-thread with CG_WORKERS=1), so a live build would lose its lock; nor
// can it say who holds the lock. Here the lock is created whole by link(), with the holder's pid
// inside, so a lock whose process is gone (killed, laptop closed) is taken over at once.
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writingTo } from '../util/machine-fault.js';

/** True while a process with this pid exists (EPERM: it exists, under another user). */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockPath(dir: string): string {
  return join(dirname(dir), `.${basename(dir)}.lock`);
}

interface Owner {
  pid: number;
  token: string;
}

function readOwner(path: string): Owner | null {
  try {
    const o = JSON.parse(readFileSync(path, 'utf8')) as Owner;
    return typeof o.pid === 'number' && typeof o.token === 'string' ? o : { pid: 0, token: '' };
  } catch (e) {
    // Not ours to read (garbage): treated as held by nobody.
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? null : { pid: 0, token: '' };
  }
}

/** Removes a dead holder's lock. A guard file keeps two waiters from removing each other's fresh lock. */
function takeOver(path: string, dead: Owner): boolean {
  const guard = `${path}.takeover`;
  try {
    writeFileSync(guard, String(process.pid), { flag: 'wx' });
  } catch {
    // The guard is held for microseconds; one much older was left by a process that died holding it.
    try {
      if (Date.now() - statSync(guard).mtimeMs > 5000) rmSync(guard, { force: true });
    } catch {}
    return false;
  }
  try {
    const now = readOwner(path);
    if (now && now.token === dead.token) rmSync(path, { force: true });
  } finally {
    rmSync(guard, { force: true });
  }
  return true;
}

/** Removes the lock of `dir` if the process holding it is gone; true if it did. */
export function clearDeadLock(dir: string): boolean {
  const path = lockPath(dir);
  const owner = readOwner(path);
  return !!owner && !isAlive(owner.pid) && takeOver(path, owner) && !existsSync(path);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface FolderLock {
  release(): void;
}

/**
 * Waits until no live process holds the lock of `dir`, then holds it. `onWait` is told the
 * holder's pid once per holder.
 */
export async function lockFolder(dir: string, onWait?: (pid: number) => void): Promise<FolderLock> {
  const path = lockPath(dir);
  const token = `${process.pid}-${randomBytes(6).toString('hex')}`;
  // The lock's content is written first and linked in whole: there is never a lock without a pid.
  const mine = `${path}.${token}`;
  // The lock is a file beside the folder: a folder that cannot hold it is named as the one that cannot be written.
  writingTo(dirname(path), () => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(mine, JSON.stringify({ pid: process.pid, token }) + '\n');
  });
  try {
    let told = 0;
    for (;;) {
      try {
        linkSync(mine, path);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const owner = readOwner(path);
      if (!owner) continue;
      if (!isAlive(owner.pid)) {
        if (!takeOver(path, owner)) await sleep(20);
        continue;
      }
      if (told !== owner.pid) onWait?.((told = owner.pid));
      await sleep(200);
    }
  } finally {
    rmSync(mine, { force: true });
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    if (readOwner(path)?.token === token) rmSync(path, { force: true });
  };
  process.once('exit', release);
  return { release };
}
