// Renders independent publications on every core: this thread and worker threads, fonts loaded once per thread.
import { availableParallelism } from 'node:os';
import Tinypool from 'tinypool';
import { renderIn, type RenderJob, type RenderOutput } from './render-worker.js';
import type { RunContext } from './context.js';
import { compiledSource } from './compiled-code.js';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const fromEnv = (): number | null => {
  const env = process.env.CG_WORKERS;
  return env !== undefined && /^\d+$/.test(env) ? Number(env) : null;
};

/** Threads for independent tasks (the mail merge's applicants): CG_WORKERS if set, else one per core. */
export function workerCount(): number {
  return fromEnv() ?? availableParallelism();
}

/**
 * Editions a build renders in this thread alone on a machine of two cores or fewer. One render thread keeps about 1.3
 * cores busy (V8 compiles and collects garbage on threads of its own), and a worker thread costs about a second of
 * CPU before its first document (its code, fonts, Word frame, and its own compiled code and shaped words again). On 2
 * cores, 4 editions forced took 4.5 s in one thread and 5.1–5.9 s in two; from cached parts 2.6 s against 2.8 s; a
 * base edit of 40 editions 6.8 s in one thread and 6.1 s in two.
 */
const ONE_THREAD_EDITIONS = 8;

/**
 * Threads to render a build's documents in: CG_WORKERS if set (0 or 1 renders in this thread); on two cores or fewer,
 * this thread alone for a few editions (ONE_THREAD_EDITIONS); else one per available core (`taskset -c 0` gives one:
 * rendered in this thread). The bench runs the forced build on 1 core and on 2.
 */
export function renderThreads(editions = Infinity, cores = availableParallelism()): number {
  return fromEnv() ?? (cores <= 2 && editions <= ONE_THREAD_EDITIONS ? 1 : cores);
}

/**
 * Each worker thread's young generation, as the commands' main thread has it (`--max-semi-space-size=8` in
 * package.json's scripts). Node 22+ sizes it from the heap limit (up to 3 × 64 MB a thread): the forced build of 40
 * editions peaked at 1,102 MB with 48 MB here and no limit on the main thread, 969 MB with 8 MB semi-spaces there,
 * for the same CPU.
 */
const RENDER_YOUNG_MB = 24;

export interface RenderPool {
  /** Renders in `ctx` (in this thread), or in a worker thread's own context over the same store. */
  run(job: RenderJob, ctx: RunContext): Promise<RenderOutput>;
  close(): Promise<void>;
}

/** Jobs a worker thread is given ahead: the next is there when it finishes, while this thread is busy rendering. */
const AHEAD = 2;

interface Waiting {
  job: RenderJob;
  ctx: RunContext;
  resolve: (out: RenderOutput) => void;
  reject: (e: unknown) => void;
}

/**
 * Renders on `threads` threads: this one and threads − 1 worker threads (one less thread to start, and its fonts,
 * code and heap: about 400 MB of a 40-edition build). Jobs are taken in the order they come, by whichever is free.
 */
export function createRenderPool(threads = renderThreads()): RenderPool {
  const here = inThisThread();
  if (threads <= 1) return here;
  const workers = workerThreads(threads - 1);
  const queue: Waiting[] = [];
  let free = (threads - 1) * AHEAD;
  let hereBusy = false;
  const settle = (w: Waiting, p: Promise<RenderOutput>) => p.then(w.resolve, w.reject);
  const pump = () => {
    while (free > 0 && queue.length) {
      const w = queue.shift()!;
      free--;
      void settle(w, workers.run(w.job, w.ctx)).finally(() => {
        free++;
        pump();
      });
    }
    if (!hereBusy && queue.length) {
      const w = queue.shift()!;
      hereBusy = true;
      void settle(w, here.run(w.job, w.ctx)).finally(() => {
        hereBusy = false;
        pump();
      });
    }
  };
  return {
    run: (job, ctx) =>
      new Promise<RenderOutput>((resolve, reject) => {
        queue.push({ job, ctx, resolve, reject });
        pump();
      }),
    close: () => workers.close(),
  };
}

/**
 * In this thread, one document at a time, each on a turn of the event loop of its own once the one before is done:
 * documents queued together otherwise ran back to back as promise callbacks, and a signal (Ctrl+C) waited for all of
 * them (17 s on a loaded machine; now the one being laid out).
 */
function inThisThread(): RenderPool {
  let last: Promise<unknown> = Promise.resolve();
  const run = (job: RenderJob, ctx: RunContext): Promise<RenderOutput> => {
    const mine = last.then(() => new Promise((r) => setImmediate(r))).then(() => renderIn(job, ctx));
    last = mine.catch(() => {});
    return mine;
  };
  return { run, close: async () => {} };
}

/** Worker threads, each keeping its own context over the run's store. */
function workerThreads(threads: number): RenderPool {
  const code = compiledSource();
  const pool = new Tinypool({
    filename: code
      ? pathToFileURL(join(code, 'pipeline', 'render-worker-entry.mjs')).href
      : new URL('./render-worker-entry.mjs', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    concurrentTasksPerWorker: AHEAD,
    resourceLimits: { maxYoungGenerationSizeMb: RENDER_YOUNG_MB },
  });
  return {
    run: (job, ctx) =>
      pool.run({
        ...job,
        keep: ctx.keeps ?? undefined,
        fresh: ctx.store?.fresh || undefined,
        share: ctx.share?.buffer,
      } satisfies RenderJob),
    close: () => pool.destroy(),
  };
}
