// What a run leaves behind if the process is stopped (Ctrl+C, a kill): the staging folders it is writing.
//
// The commands stop on a signal in one synchronous step (cli/common.ts exitOnInterrupt): nothing of the run goes on
// after the signal is handled, so a staging folder can never be swapped in after the user was told "unchanged".
import { renameSync, rmSync } from 'node:fs';

// The process's own list (a signal stops the whole process, whatever runs in it): the one module-level set the
// commands share, here in util/ rather than in a stage's module.
const staging = new Set<string>();

/** Registers a staging folder to remove if the process is stopped; the function returned forgets it (committed, abandoned). */
export function removeOnInterrupt(dir: string): () => void {
  staging.add(dir);
  return () => void staging.delete(dir);
}

/**
 * Removes every registered staging folder. Worker threads may still be writing into one (a mail merge's applicants):
 * the folder is first renamed away in one step, so what they write next finds no folder, and the rename's target is
 * then removed whole. Returns the folders it could not remove.
 */
export function removeStaging(): string[] {
  const failed: string[] = [];
  for (const dir of staging) {
    const gone = `${dir}-stopped`;
    try {
      renameSync(dir, gone);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      failed.push(dir);
      continue;
    }
    try {
      rmSync(gone, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
    } catch {
      failed.push(gone);
    }
  }
  staging.clear();
  return failed;
}
