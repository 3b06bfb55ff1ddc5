// Rendered parts on disk (write/pdf/parts/assemble.ts): a level's chapter, the glossary, a packet's forms, by
// content and generator, so that the next build, another edition or the mail merge finds them drawn. Same key,
// same bytes: a document assembled from cached parts is byte-identical to one whose parts were all rendered.
import { sha256 } from '../util/hash.js';
import { writeAtomic } from '../util/write-atomic.js';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import type { PartStore } from '../write/pdf/parts/assemble.js';
import { generatorKey } from './cache.js';

/** The folder of rendered parts in the cache. */
export const PARTS_DIR = 'parts';
/** Parts kept; the least recently used go first. A build has about 100 distinct parts of 10–200 kB. */
const MAX_PARTS = 600;

const stores = new Map<string, PartStore>();

/** The part store in `dir` (one per folder and thread). */
export function partStore(dir: string): PartStore {
  let store = stores.get(dir);
  if (!store) stores.set(dir, (store = new PartFolder(dir)));
  return store;
}

class PartFolder implements PartStore {
  private readonly generator = generatorKey();
  constructor(private readonly dir: string) {}

  /** A part is a PDF; a note about one (a key like `contents-length:…`) is a line of text. */
  private file(key: string): string {
    return join(this.dir, `${sha256(this.generator, '\0', key)}.${key.includes(':') ? 'txt' : 'pdf'}`);
  }

  get(key: string): Uint8Array | null {
    const file = this.file(key);
    try {
      const bytes = new Uint8Array(readFileSync(file));
      const now = new Date();
      utimesSync(file, now, now);
      return bytes;
    } catch {
      return null; // a missing or removed entry is a miss
    }
  }

  put(key: string, bytes: Uint8Array): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      // Written under a temporary name and renamed, so a reader never sees half a part.
      writeAtomic(this.file(key), bytes);
    } catch {
      // A cache that cannot be written only costs speed.
    }
  }
}

/** Keeps the MAX_PARTS most recently used parts. */
export function pruneParts(dir: string): void {
  if (!existsSync(dir)) return;
  const names = readdirSync(dir);
  if (names.length <= MAX_PARTS) return;
  const byAge = names.map((n) => ({ n, t: statSync(join(dir, n)).mtimeMs })).sort((a, b) => a.t - b.t);
  for (const { n } of byAge.slice(0, names.length - MAX_PARTS)) {
    try {
      unlinkSync(join(dir, n));
    } catch {
      /* already gone */
    }
  }
}
