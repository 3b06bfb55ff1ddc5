// Renders independent publications on every core: a pool of worker threads, fonts loaded once per worker.
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
 * Threads to render documents in: CG_WORKERS if set (0 or 1 renders in this thread), else one per available core
 * (`taskset -c 0` gives one: rendered in this thread). The bench runs the forced build on 1 core and on 2.
 */
export function renderThreads(): number {
  return fromEnv() ?? availableParallelism();
}

/**
 * Each render thread's young generation. Node 22+ sizes it from the heap limit (up to 3 × 64 MB a thread); the forced
 * build with two threads peaked at 1,113 MB without a limit and 975 MB with this one (one thread: 496 MB).
 */
const RENDER_YOUNG_MB = 48;

export interface RenderPool {
  /** Renders in `ctx` (in this thread), or in a worker thread's own context over the same store. */
  run(job: RenderJob, ctx: RunContext): Promise<RenderOutput>;
  close(): Promise<void>;
}

export function createRenderPool(threads = renderThreads()): RenderPool {
  if (threads <= 1) {
    // In this thread, one document at a time, each on a turn of the event loop of its own once the one before is done:
    // documents queued together otherwise ran back to back as promise callbacks, and a signal (Ctrl+C) waited for all
    // of them (17 s on a loaded machine; now the one being laid out).
    let last: Promise<unknown> = Promise.resolve();
    const run = (job: RenderJob, ctx: RunContext): Promise<RenderOutput> => {
      const mine = last.then(() => new Promise((r) => setImmediate(r))).then(() => renderIn(job, ctx));
      last = mine.catch(() => {});
      return mine;
    };
    return { run, close: async () => {} };
  }
  const code = compiledSource();
  const pool = new Tinypool({
    filename: code
      ? pathToFileURL(join(code, 'pipeline', 'render-worker-entry.mjs')).href
      : new URL('./render-worker-entry.mjs', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    resourceLimits: { maxYoungGenerationSizeMb: RENDER_YOUNG_MB },
  });
  return {
    run: (job, ctx) => pool.run({ ...job, keep: ctx.keeps ?? undefined, fresh: ctx.fresh } satisfies RenderJob),
    close: () => pool.destroy(),
  };
}
