// Writes a file under a temporary name and renames it, so a packet is never half-written.
import { renameSync, writeFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import { writingTo } from './machine-fault.js';

export function writeAtomic(path: string, bytes: Uint8Array | string): void {
  // Worker threads share the process id: the thread id keeps their temporary names apart.
  const tmp = `${path}.partial-${process.pid}-${threadId}`;
  writingTo(path, () => {
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  });
}
