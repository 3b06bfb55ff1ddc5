// Renders independent publications on every core: a pool of worker threads, fonts loaded once per worker.
import { availableParallelism } from 'node:os';
import Tinypool from 'tinypool';
import { renderIn, type RenderJob, type RenderOutput } from './render-worker.js';
import type { RunContext } from './context.js';

const fromEnv = (): number | null => {
  const env = process.env.CG_WORKERS;
  return env !== undefined && /^\d+$/.test(env) ? Number(env) : null;
};

/** Threads for independent tasks (the mail merge's applicants): CG_WORKERS if set, else one per core. */
export function workerCount(): number {
  return fromEnv() ?? availableParallelism();
}

/**
 * Threads to render documents in: CG_WORKERS if set (0 or 1 renders in this thread), else one per core beyond two.
 * On two cores one thread built everything faster than two (11.7 s against 15.7 s, median of three paired forced
 * builds) with 58 % of the CPU and memory: each render thread parses the fonts and compiles the same code again, and
 * the one thread's garbage collector and compiler already keep the second core busy.
 */
export function renderThreads(): number {
  return fromEnv() ?? Math.max(1, availableParallelism() - 2);
}

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
  const pool = new Tinypool({
    filename: new URL('./render-worker-entry.mjs', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
  });
  return { run: (job, ctx) => pool.run({ ...job, keep: ctx.keeps ?? undefined } satisfies RenderJob), close: () => pool.destroy() };
}
