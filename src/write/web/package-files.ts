// Files a web edition copies from installed packages (its fonts, the search library): read once a process, the same
// bytes for every edition (and the same array: its hash is made once too, util/hash.ts).
import { readFileSync } from 'node:fs';

const read = new Map<string, Uint8Array>();

export function packageFile(path: string): Uint8Array {
  let bytes = read.get(path);
  if (!bytes) read.set(path, (bytes = new Uint8Array(readFileSync(path))));
  return bytes;
}
