// The one store of a run: bytes by content address, in memory (least recently used go first) over a folder on disk
// (written atomically, pruned to the most recently used). It keeps laid-out PDF parts and notes about them
// (write/pdf/parts/assemble.ts), finished documents (kept-documents.ts) and parsed source files (read/markdown.ts).
//
// A key names its content: the same key always means the same bytes, so a document made from kept entries is byte for
// byte one made from scratch. Every key is hashed with the generator (the running code and its locked packages): a
// new generator never reads what an older one kept.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rename, statSync, unlinkSync, utimesSync, writeFile } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { KeptStore } from '../write/context.js';
import type { RunShare } from './run-share.js';

/**
 * What is kept on disk; the least recently used go first. A build of 4 editions keeps about 600 files (parts of 10–200
 * kB, 124 documents); one of 40 editions about 1,500 files, 250 MB: room for a few of those.
 */
const MAX_FILES = 10_000;
const MAX_BYTES = 1024 * 1024 * 1024;
/**
 * Bytes kept in memory, and the largest entry kept there: each thread has a store (the build's, each render thread's),
 * and what it reads again soon is small (notes, parsed trees, parts of 10–200 kB; a render thread keeps the parts it
 * uses parsed besides). The disk's page cache holds the rest.
 */
const MEMORY_BYTES = 16 * 1024 * 1024;
const MEMORY_ENTRY = 1024 * 1024;

export class ContentStore implements KeptStore {
  private readonly memory = new Map<string, Uint8Array>();
  private memoryBytes = 0;
  /** A fresh store's keys put by this store (in this thread). */
  private readonly putHere = new Set<string>();
  /** Entries being written, by key: read from here until their file is in place. */
  private readonly writing = new Map<string, Uint8Array>();
  private readonly writes = new Set<Promise<void>>();
  private madeDir = false;

  /**
   * `dir`: the folder kept between processes (null: memory only). `fresh`: a forced build's store, which reads nothing
   * but what its run put (a file tells nothing of who wrote it: `share` says what the run's threads put), and keeps
   * all it makes, for the builds after it. `share`: the run's table, told of every entry put here.
   */
  constructor(
    readonly dir: string | null,
    private readonly generator: string,
    readonly fresh = false,
    readonly share: RunShare | null = null,
  ) {}

  /** `kind:hash.` file names: what an entry is shows in a listing (a part, a document, a parsed tree, a note). */
  private fileOf(key: string): string {
    const colon = key.indexOf(':');
    const kind = colon > 0 ? key.slice(0, colon) : 'part';
    return `${kind}.${createHash('sha256').update(this.generator).update('\0').update(key).digest('hex')}`;
  }

  get(key: string): Uint8Array | null {
    if (this.fresh && !this.putHere.has(key) && !this.share?.has(key)) return null;
    const held = this.memory.get(key);
    if (held) {
      this.memory.delete(key);
      this.memory.set(key, held);
      return held;
    }
    // Not written yet (an entry too large for memory is held only while it is written).
    const writing = this.writing.get(key);
    if (writing) return writing;
    if (!this.dir) return null;
    const file = join(this.dir, this.fileOf(key));
    try {
      const bytes = new Uint8Array(readFileSync(file));
      // Touched: recently used entries are the last to be pruned.
      const now = new Date();
      utimesSync(file, now, now);
      this.remember(key, bytes);
      return bytes;
    } catch {
      return null; // missing, or removed by another process's pruning: a miss
    }
  }

  put(key: string, bytes: Uint8Array): void {
    if (this.fresh) this.putHere.add(key);
    this.remember(key, bytes);
    if (!this.dir) return;
    // Written by the thread pool, while this thread goes on; under a temporary name and renamed, so a reader (another
    // thread or process) never sees half an entry. The run's other threads are told once it is in place.
    const file = join(this.dir, this.fileOf(key));
    const tmp = `${file}.${process.pid}-${threadId}-${Math.random().toString(36).slice(2)}.tmp`;
    this.writing.set(key, bytes);
    const done = new Promise<void>((resolve) => {
      const finish = (error: Error | null) => {
        // A store that cannot be written (read-only checkout, full disk) only costs speed; a thread waiting for the
        // entry makes it itself.
        if (error) this.share?.release(key);
        else this.share?.put(key);
        if (this.writing.get(key) === bytes) this.writing.delete(key);
        resolve();
      };
      try {
        if (!this.madeDir) mkdirSync(this.dir!, { recursive: true });
        this.madeDir = true;
      } catch (e) {
        finish(e as Error);
        return;
      }
      // Callbacks: the promise API costs this thread about twice as much per file.
      writeFile(tmp, bytes, (error) => (error ? finish(error) : rename(tmp, file, finish)));
    });
    this.writes.add(done);
    void done.finally(() => this.writes.delete(done));
  }

  /** Once every entry put so far is written (or could not be). */
  async settled(): Promise<void> {
    while (this.writes.size) await Promise.all(this.writes);
  }

  private remember(key: string, bytes: Uint8Array): void {
    if (bytes.length > MEMORY_ENTRY) return;
    const old = this.memory.get(key);
    if (old) this.memoryBytes -= old.length;
    this.memory.delete(key);
    this.memory.set(key, bytes);
    this.memoryBytes += bytes.length;
    for (const [k, b] of this.memory) {
      if (this.memoryBytes <= MEMORY_BYTES) break;
      this.memory.delete(k);
      this.memoryBytes -= b.length;
    }
  }

  /**
   * Keeps the most recently used files on disk, at most MAX_FILES and MAX_BYTES (and removes what an interrupted write
   * left).
   */
  prune(maxFiles = MAX_FILES, maxBytes = MAX_BYTES): void {
    if (!this.dir) return;
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    const remove = (name: string) => {
      try {
        unlinkSync(join(this.dir!, name));
      } catch {
        /* already gone */
      }
    };
    const entries: { n: string; t: number; size: number }[] = [];
    for (const n of names) {
      try {
        const { mtimeMs: t, size } = statSync(join(this.dir, n));
        // A temporary file older than a minute was left by a process that stopped while writing it.
        if (n.endsWith('.tmp')) {
          if (Date.now() - t > 60_000) remove(n);
        } else entries.push({ n, t, size });
      } catch {
        /* removed meanwhile */
      }
    }
    // Newest first: kept while both limits hold.
    entries.sort((a, b) => b.t - a.t);
    let bytes = 0;
    entries.forEach(({ n, size }, i) => {
      bytes += size;
      if (i >= maxFiles || bytes > maxBytes) remove(n);
    });
  }
}
