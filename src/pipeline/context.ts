// The RenderContext of one run (a build, a mail merge, a watch process, a render thread): made here, once, and passed
// to every writer (write/context.ts). It holds the run's one store, the PDF writer's memory for the run, and the trace.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { newPartMemory, type RenderContext } from '../write/context.js';
import { generatorKey } from './cache.js';
import { ContentStore } from './store.js';
import { RunShare } from './run-share.js';

export interface RunContext extends RenderContext {
  store: ContentStore | null;
  /** The folder of this run's store (a worker thread keeps a context of its own over it); null: none. */
  keeps: string | null;
  /**
   * The table the run's threads share (null: its store is in memory only, or there is none). Its id names the run: a
   * worker thread keeps a context of its own for each run it renders for.
   */
  share: RunShare | null;
  /** Trims the store on disk to what was used most recently (at the end of a run). */
  prune(): void;
}

export interface RunOptions {
  /** Keep what the run makes, and reuse what was made before (false: nothing is kept or read). */
  keep: boolean;
  /**
   * Keep what the run makes but read nothing made before it (a forced build: every part is laid out again, and the
   * builds after it start from what it made).
   */
  fresh?: boolean;
  /** The project whose cache folder keeps the store (cacheDirOf); none: the store is in memory only. */
  project?: string;
  /** The store's folder itself (a worker thread's, from its run). */
  dir?: string;
  /** The table the run's threads share (run-share.ts; a worker thread's, from its run); default: a new one. */
  share?: SharedArrayBuffer;
}

/** Where the store is kept: CG_CACHE_DIR, else node_modules/.cache (what build tools use). */
export function cacheDirOf(project: string): string {
  return process.env.CG_CACHE_DIR ?? join(project, 'node_modules', '.cache', 'competency-guidelines');
}

/** The folder of the store in a cache folder. */
export const STORE_DIR = 'store';

/**
 * CG_TRACE=1: timings and decisions on stderr (the one place it is read), each line after the time since the process
 * began and the thread (0: the main thread), to see what each thread did when.
 */
export function traceFromEnv(): (line: string) => void {
  return process.env.CG_TRACE
    ? (line) => console.error(`${Math.round(Date.now() - processStart)} t${threadId} ${line}`)
    : () => {};
}

/** When the process began (a worker thread's own clocks start with the thread). */
const processStart = Date.now() - process.uptime() * 1000;

export function createRenderContext(opts: RunOptions): RunContext {
  const cacheDir = opts.project ? cacheDirOf(opts.project) : null;
  const dir = opts.dir ?? (cacheDir ? join(cacheDir, STORE_DIR) : null);
  // Threads share what they put through the folder: a store in memory only shares nothing.
  const share = opts.keep && dir ? new RunShare(opts.share) : null;
  const store = opts.keep ? new ContentStore(dir, generatorKey(), opts.fresh === true, share) : null;
  const prune = () => {
    store?.prune();
    if (store && cacheDir) removeEarlierCaches(cacheDir);
  };
  return {
    store,
    keeps: store?.dir ?? null,
    share,
    trace: traceFromEnv(),
    fittedMaps: new Map(),
    parts: newPartMemory(),
    prune,
  };
}

/**
 * What the caches before the store left in the cache folder (documents as <sha256>.bin and .json, parts/, parsed/):
 * nothing reads them any more, and nothing else would prune them.
 */
function removeEarlierCaches(cacheDir: string): void {
  let names: string[];
  try {
    names = readdirSync(cacheDir);
  } catch {
    return;
  }
  for (const n of names) {
    if (n === 'parts' || n === 'parsed' || /^[0-9a-f]{64}\.(bin|json)$/.test(n))
      rmSync(join(cacheDir, n), { recursive: true, force: true });
  }
}
